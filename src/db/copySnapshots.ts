/**
 * Moves every snapshot from one store to another, byte for byte: same id, content hash, names, summary,
 * compressed document and model. Oldest first, so `latest` and each name's newest holder stay the same.
 * Snapshots whose id the target already holds are skipped, so a copy can be re-run after an interruption.
 */
import type { SnapshotStore } from '../services/snapshotStore.js';

export interface CopyReport {
  readonly copied: number;
  readonly skipped: number;
}

export async function copySnapshots(
  from: SnapshotStore,
  to: SnapshotStore,
  onSnapshot: (id: string, copied: boolean) => void = () => undefined,
): Promise<CopyReport> {
  let copied = 0;
  let skipped = 0;
  for await (const snapshot of from.exportAll()) {
    const done = await to.importOne(snapshot);
    if (done) copied += 1;
    else skipped += 1;
    onSnapshot(snapshot.row.id, done);
  }
  return { copied, skipped };
}

/** `sqlite:PATH`, a bare path, or a `postgres://` URL → the database settings `openStore` takes. */
export function databaseFromArgument<T extends { readonly path: string; readonly url?: string }>(
  argument: string,
  defaults: T,
): T {
  if (/^postgres(ql)?:\/\//.test(argument)) return { ...defaults, url: argument };
  const rest: Record<string, unknown> = { ...defaults };
  delete rest['url'];
  return { ...rest, path: argument.replace(/^sqlite:/, '') } as unknown as T;
}
