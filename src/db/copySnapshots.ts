/**
 * Moves every snapshot from one store to another, byte for byte: same id, content hash, names, summary,
 * compressed document and model. Oldest first, so `latest` and each name's newest holder stay the same.
 * Snapshots whose id the target already holds are skipped, so a copy can be re-run after an interruption.
 */
import type { SnapshotExport, SnapshotStore } from '../services/snapshotStore.js';

/** Snapshots listed per round trip while collecting the ids to copy. */
const LIST_PAGE_SIZE = 500;

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
  for await (const snapshot of everySnapshot(from)) {
    const done = await to.importOne(snapshot);
    if (done) copied += 1;
    else skipped += 1;
    onSnapshot(snapshot.row.id, done);
  }
  return { copied, skipped };
}

/** Every snapshot of `store`, oldest first, whole; one skipped when it is deleted meanwhile. */
async function* everySnapshot(store: SnapshotStore): AsyncIterable<SnapshotExport> {
  const newestFirst: string[] = [];
  for (let before: number | undefined; ;) {
    const page = await store.list(LIST_PAGE_SIZE, before);
    newestFirst.push(...page.map((row) => row.id));
    const last = page.at(-1);
    if (last === undefined || page.length < LIST_PAGE_SIZE) break;
    before = last.seq;
  }
  for (const id of newestFirst.reverse()) {
    const [row, document, modelGzip] = await Promise.all([
      store.findById(id),
      store.document(id),
      store.model(id),
    ]);
    if (row === undefined || document === undefined || modelGzip === undefined) continue;
    yield { row, contentType: document.contentType, bodyGzip: document.bodyGzip, modelGzip };
  }
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
