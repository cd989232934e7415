/**
 * Snapshot rows with their names, for both stores: the first name first, then the others in the order
 * they were given (`snapshot_names.seq`).
 */
import type { SnapshotRow } from '../services/snapshotStore.js';

export type BareRow = Omit<SnapshotRow, 'names'>;

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
