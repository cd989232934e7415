/**
 * The snapshot store over PostgreSQL, shared by every replica. An upload is one transaction: the snapshot
 * row (INSERT … ON CONFLICT on the content hash, so identical uploads racing on two replicas store one
 * snapshot), its document, its model, its name and the catalogue bump with its NOTIFY. A replica killed
 * mid-upload leaves nothing behind: PostgreSQL rolls the open transaction back.
 */
import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { NewSnapshot, SnapshotExport, SnapshotRow, SnapshotStore } from '../services/snapshotStore.js';
import type { PostgresCatalogue } from './postgresCatalogue.js';
import type { PostgresDb, PostgresHandle } from './postgresClient.js';
import { catalogue, snapshotDocuments, snapshotModels, snapshotNames, snapshots } from './schema/postgres.js';
import { attachNames, rowColumns, rowValues, type BareRow } from './snapshotRows.js';

const columns = rowColumns(snapshots);

type Tx = Parameters<Parameters<PostgresDb['transaction']>[0]>[0];
type Queryable = PostgresDb | Tx;

export function createPostgresStore(handle: PostgresHandle, watch: PostgresCatalogue): SnapshotStore {
  const { db } = handle;

  const withNames = async (rows: readonly BareRow[], q: Queryable = db): Promise<SnapshotRow[]> => {
    if (rows.length === 0) return [];
    const names = await q
      .select({ snapshotId: snapshotNames.snapshotId, name: snapshotNames.name })
      .from(snapshotNames)
      .where(
        inArray(
          snapshotNames.snapshotId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(snapshotNames.seq));
    return attachNames(rows, names);
  };
  const one = async (rows: readonly BareRow[], q: Queryable = db): Promise<SnapshotRow | undefined> =>
    (await withNames(rows.slice(0, 1), q))[0];

  const name = async (tx: Tx, id: string, given: string): Promise<void> => {
    await tx
      .delete(snapshotNames)
      .where(and(eq(snapshotNames.snapshotId, id), eq(snapshotNames.name, given)));
    await tx.insert(snapshotNames).values({ snapshotId: id, name: given }).onConflictDoNothing();
  };

  /** Bumps the catalogue and notifies every replica, both at commit. Last in a transaction: it locks the row. */
  const bump = async (tx: Tx, deleted: readonly string[] = []): Promise<number> => {
    const [row] = await tx
      .update(catalogue)
      .set({ version: sql`${catalogue.version} + 1` })
      .where(eq(catalogue.id, 1))
      .returning({ version: catalogue.version });
    const version = Number(row?.version ?? 0);
    await tx.execute(
      sql`select pg_notify(${watch.channel}, ${JSON.stringify(deleted.length > 0 ? { v: version, deleted } : { v: version })})`,
    );
    return version;
  };

  const insertWhole = async (tx: Tx, s: NewSnapshot | SnapshotExport): Promise<boolean> => {
    const values = rowValues(s);
    const inserted = await tx
      .insert(snapshots)
      .values(values)
      .onConflictDoNothing({ target: snapshots.contentHash })
      .returning({ id: snapshots.id });
    if (inserted.length === 0) return false;
    await tx
      .insert(snapshotDocuments)
      .values({ snapshotId: values.id, contentType: s.contentType, bodyGzip: s.bodyGzip });
    await tx.insert(snapshotModels).values({ snapshotId: values.id, modelGzip: s.modelGzip });
    return true;
  };

  const byId = (q: Queryable, id: string) =>
    q.select(columns).from(snapshots).where(eq(snapshots.id, id)).limit(1);

  return {
    dialect: 'postgres',
    async save(s) {
      const { created, id, version } = await db.transaction(async (tx) => {
        // Waits for a concurrent transaction inserting the same hash; afterwards its row is visible below.
        const fresh = await insertWhole(tx, s);
        const target = fresh
          ? s.id
          : (
              await tx
                .select({ id: snapshots.id })
                .from(snapshots)
                .where(eq(snapshots.contentHash, s.contentHash))
            )[0]?.id;
        if (target === undefined) throw new Error('content hash conflict without a stored snapshot');
        await name(tx, target, s.name);
        return { created: fresh, id: target, version: await bump(tx) };
      });
      watch.advance(version);
      const row = await one(await byId(db, id));
      if (!row) throw new Error('snapshot vanished right after it was saved');
      return { created, row };
    },
    async addName(id, given) {
      const version = await db.transaction(async (tx) => {
        const exists = await tx
          .select({ id: snapshots.id })
          .from(snapshots)
          .where(eq(snapshots.id, id))
          .for('share');
        if (exists.length === 0) return undefined;
        await name(tx, id, given);
        return bump(tx);
      });
      if (version === undefined) return undefined;
      watch.advance(version);
      return one(await byId(db, id));
    },
    findByHash: async (hash) =>
      one(await db.select(columns).from(snapshots).where(eq(snapshots.contentHash, hash)).limit(1)),
    findById: async (id) => one(await byId(db, id)),
    findByName: async (given) =>
      one(
        await db
          .select(columns)
          .from(snapshotNames)
          .innerJoin(snapshots, eq(snapshots.id, snapshotNames.snapshotId))
          .where(eq(snapshotNames.name, given))
          .orderBy(desc(snapshotNames.seq))
          .limit(1),
      ),
    findNewest: async () =>
      one(await db.select(columns).from(snapshots).orderBy(desc(snapshots.seq)).limit(1)),
    async list(limit, beforeSeq) {
      const query = db.select(columns).from(snapshots);
      const filtered = beforeSeq === undefined ? query : query.where(lt(snapshots.seq, beforeSeq));
      return withNames(await filtered.orderBy(desc(snapshots.seq)).limit(limit));
    },
    hasAtOrAfter: async (seq) =>
      (await db.select({ seq: snapshots.seq }).from(snapshots).where(gte(snapshots.seq, seq)).limit(1))
        .length > 0,
    async document(id) {
      const [found] = await db
        .select({ contentType: snapshotDocuments.contentType, bodyGzip: snapshotDocuments.bodyGzip })
        .from(snapshotDocuments)
        .where(eq(snapshotDocuments.snapshotId, id));
      return found;
    },
    async model(id) {
      const [found] = await db
        .select({ modelGzip: snapshotModels.modelGzip })
        .from(snapshotModels)
        .where(eq(snapshotModels.snapshotId, id));
      return found?.modelGzip;
    },
    async delete(id) {
      const version = await db.transaction(async (tx) => {
        const deleted = await tx
          .delete(snapshots)
          .where(eq(snapshots.id, id))
          .returning({ id: snapshots.id });
        return deleted.length === 0 ? undefined : bump(tx, [id]);
      });
      if (version === undefined) return false;
      watch.advance(version, [id]);
      return true;
    },
    count: async () => (await db.select({ n: count() }).from(snapshots))[0]?.n ?? 0,
    async existing(ids) {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: snapshots.id })
        .from(snapshots)
        .where(inArray(snapshots.id, [...ids]));
      return new Set(rows.map((r) => r.id));
    },
    async importOne(s) {
      const version = await db.transaction(async (tx) => {
        const taken = await tx.select({ id: snapshots.id }).from(snapshots).where(eq(snapshots.id, s.row.id));
        if (taken.length > 0 || !(await insertWhole(tx, s))) return undefined;
        for (const given of s.row.names) await name(tx, s.row.id, given);
        return bump(tx);
      });
      if (version === undefined) return false;
      watch.advance(version);
      return true;
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    catalogue: watch,
    async close() {
      await watch.close();
      await handle.close();
    },
  };
}
