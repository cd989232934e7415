/**
 * Snapshot rows as both stores read and write them: the columns a row is read from, the values it is
 * written with, and its names attached (the first name first, then the others in the order they were
 * given, `snapshot_names.seq`). The two dialects' tables have the same columns (`schema/*.ts`).
 */
import type { NewSnapshot, SnapshotExport, SnapshotRow } from '../services/snapshotStore.js';

export type BareRow = Omit<SnapshotRow, 'names'>;

const ROW_COLUMNS = [
  'seq',
  'id',
  'name',
  'profile',
  'contentHash',
  'createdAt',
  'summaryJson',
  'documentBytes',
  'modelBytes',
] as const satisfies readonly (keyof BareRow)[];

/** The columns of `snapshots` that make a row, as a select map for either dialect's table. */
export function rowColumns<T extends Record<(typeof ROW_COLUMNS)[number], unknown>>(
  table: T,
): Pick<T, (typeof ROW_COLUMNS)[number]> {
  return Object.fromEntries(ROW_COLUMNS.map((column) => [column, table[column]])) as Pick<
    T,
    (typeof ROW_COLUMNS)[number]
  >;
}

/** The `snapshots` values of a new or copied snapshot (`seq` is the database's). */
export function rowValues(snapshot: NewSnapshot | SnapshotExport): Omit<BareRow, 'seq'> {
  const row = 'row' in snapshot ? snapshot.row : snapshot;
  return {
    id: row.id,
    name: row.name,
    profile: row.profile,
    contentHash: row.contentHash,
    createdAt: row.createdAt,
    summaryJson: row.summaryJson,
    documentBytes: row.documentBytes,
    modelBytes: row.modelBytes,
  };
}

export function attachNames(
  rows: readonly BareRow[],
  names: readonly { readonly snapshotId: string; readonly name: string }[],
): SnapshotRow[] {
  const byId = new Map<string, string[]>();
  for (const { snapshotId, name } of names) byId.set(snapshotId, [...(byId.get(snapshotId) ?? []), name]);
  return rows.map((row) => ({
    ...row,
    names: [row.name, ...(byId.get(row.id) ?? []).filter((n) => n !== row.name)],
  }));
}
