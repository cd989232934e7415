/**
 * Snapshot persistence. The only module that speaks drizzle for snapshots; it stores and returns bytes and
 * summaries, never interprets a model.
 */
import { count, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { snapshotDocuments, snapshotModels, snapshots } from '../schema.js';

export interface SnapshotRow {
  readonly seq: number;
  readonly id: string;
  readonly name: string;
  readonly profile: string;
  readonly contentHash: string;
  readonly createdAt: string;
  readonly summaryJson: string;
  readonly documentBytes: number;
  readonly modelBytes: number;
}

export interface NewSnapshot extends Omit<SnapshotRow, 'seq'> {
  readonly contentType: string;
  readonly bodyGzip: Buffer;
  readonly modelGzip: Buffer;
}

export interface SnapshotRepository {
  /** Inserts the snapshot, its document and its model atomically. */
  insert(snapshot: NewSnapshot): SnapshotRow;
  findByHash(contentHash: string): SnapshotRow | undefined;
  findById(id: string): SnapshotRow | undefined;
  /** Newest version with this name. */
  findNewestByName(name: string): SnapshotRow | undefined;
  findNewest(): SnapshotRow | undefined;
  /** Newest first; `beforeSeq` continues a page. */
  list(limit: number, beforeSeq?: number): SnapshotRow[];
  document(id: string): { contentType: string; bodyGzip: Buffer } | undefined;
  model(id: string): Buffer | undefined;
  /** True when a snapshot was deleted. */
  delete(id: string): boolean;
  count(): number;
  /** Changes whenever another connection (another process) commits to the database. */
  dataVersion(): number;
}

export function createSnapshotRepository(db: Db): SnapshotRepository {
  const columns = {
    seq: snapshots.seq,
    id: snapshots.id,
    name: snapshots.name,
    profile: snapshots.profile,
    contentHash: snapshots.contentHash,
    createdAt: snapshots.createdAt,
    summaryJson: snapshots.summaryJson,
    documentBytes: snapshots.documentBytes,
    modelBytes: snapshots.modelBytes,
  };
  const dataVersionStatement = db.$client.prepare('PRAGMA data_version').pluck();
  return {
    insert(s) {
      return db.transaction((tx) => {
        const row = tx
          .insert(snapshots)
          .values({
            id: s.id,
            name: s.name,
            profile: s.profile,
            contentHash: s.contentHash,
            createdAt: s.createdAt,
            summaryJson: s.summaryJson,
            documentBytes: s.documentBytes,
            modelBytes: s.modelBytes,
          })
          .returning(columns)
          .get();
        tx.insert(snapshotDocuments)
          .values({ snapshotId: s.id, contentType: s.contentType, bodyGzip: s.bodyGzip })
          .run();
        tx.insert(snapshotModels).values({ snapshotId: s.id, modelGzip: s.modelGzip }).run();
        return row;
      });
    },
    findByHash: (hash) => db.select(columns).from(snapshots).where(eq(snapshots.contentHash, hash)).get(),
    findById: (id) => db.select(columns).from(snapshots).where(eq(snapshots.id, id)).get(),
    findNewestByName: (name) =>
      db
        .select(columns)
        .from(snapshots)
        .where(eq(snapshots.name, name))
        .orderBy(desc(snapshots.seq))
        .limit(1)
        .get(),
    findNewest: () => db.select(columns).from(snapshots).orderBy(desc(snapshots.seq)).limit(1).get(),
    list(limit, beforeSeq) {
      const query = db.select(columns).from(snapshots);
      const filtered = beforeSeq === undefined ? query : query.where(lt(snapshots.seq, beforeSeq));
      return filtered.orderBy(desc(snapshots.seq)).limit(limit).all();
    },
    document: (id) =>
      db
        .select({ contentType: snapshotDocuments.contentType, bodyGzip: snapshotDocuments.bodyGzip })
        .from(snapshotDocuments)
        .where(eq(snapshotDocuments.snapshotId, id))
        .get(),
    model: (id) =>
      db
        .select({ modelGzip: snapshotModels.modelGzip })
        .from(snapshotModels)
        .where(eq(snapshotModels.snapshotId, id))
        .get()?.modelGzip,
    delete: (id) => db.delete(snapshots).where(eq(snapshots.id, id)).run().changes > 0,
    count: () => db.select({ n: count() }).from(snapshots).get()?.n ?? 0,
    // Asked on every GraphQL request (answer caches check it), so prepared once rather than per call.
    dataVersion: () => dataVersionStatement.get() as number,
  };
}
