/**
 * The snapshot store over the embedded SQLite file (the default without `DATABASE_URL`). better-sqlite3 is
 * synchronous: each method runs its statements at once and returns a settled promise. One process writes;
 * another process on the same file (a migration, `db:copy`, a second server on one volume) is noticed
 * through `PRAGMA data_version`.
 */
import { and, asc, count, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Catalogue } from '../services/catalogue.js';
import { CatalogueListeners } from '../services/catalogue.js';
import type { NewSnapshot, SnapshotExport, SnapshotRow, SnapshotStore } from '../services/snapshotStore.js';
import type { SqliteHandle } from './sqliteClient.js';
import { snapshotDocuments, snapshotModels, snapshotNames, snapshots } from './schema/sqlite.js';
import { attachNames, rowColumns, rowValues, type BareRow } from './snapshotRows.js';

const columns = rowColumns(snapshots);

/**
 * SQLite's data_version ignores this connection's own commits, so those are counted here.
 *
 * Reading data_version takes SQLite's file lock: about 45 µs, a sixth of an uncached `effectivePolicy`
 * (bench/graphqlInProcess.ts). One reading stands for the rest of the event loop's turn: the questions one
 * turn answers were read from sockets that were readable when it began, so a write another process
 * committed before any of them was sent is already in the turn's first reading. This process's own writes
 * move the version at once.
 */
function sqliteCatalogue(
  dataVersion: () => number,
): Catalogue & { wrote(deleted?: readonly string[]): void } {
  const listeners = new CatalogueListeners();
  let ownWrites = 0;
  let reading: number | undefined;
  const forgetReading = (): void => {
    reading = undefined;
  };
  const readDataVersion = (): number => {
    if (reading === undefined) {
      reading = dataVersion();
      setImmediate(forgetReading);
    }
    return reading;
  };
  const current = (): string => `${ownWrites}:${readDataVersion()}`;
  let seen = current();
  return {
    version() {
      const now = current();
      if (now !== seen) {
        seen = now;
        listeners.emit({ version: now, deleted: [] });
      }
      return now;
    },
    subscribe: (listener) => listeners.subscribe(listener),
    wrote(deleted: readonly string[] = []) {
      ownWrites += 1;
      seen = current();
      listeners.emit({ version: seen, deleted });
    },
  };
}

export function createSqliteStore(handle: SqliteHandle): SnapshotStore {
  const { db } = handle;
  const dataVersionStatement = handle.sqlite.prepare('PRAGMA data_version').pluck();
  const catalogue = sqliteCatalogue(() => dataVersionStatement.get() as number);

  const withNames = (rows: readonly BareRow[]): SnapshotRow[] => {
    if (rows.length === 0) return [];
    const names = db
      .select({ snapshotId: snapshotNames.snapshotId, name: snapshotNames.name })
      .from(snapshotNames)
      .where(
        inArray(
          snapshotNames.snapshotId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(snapshotNames.seq))
      .all();
    return attachNames(rows, names);
  };
  const one = (row: BareRow | undefined): SnapshotRow | undefined => (row ? withNames([row])[0] : undefined);

  /** Gives the name a fresh seq, so it resolves to this snapshot. */
  const name = (tx: Pick<typeof db, 'delete' | 'insert'>, id: string, given: string): void => {
    tx.delete(snapshotNames)
      .where(and(eq(snapshotNames.snapshotId, id), eq(snapshotNames.name, given)))
      .run();
    tx.insert(snapshotNames).values({ snapshotId: id, name: given }).run();
  };
  const byId = (id: string): BareRow | undefined =>
    db.select(columns).from(snapshots).where(eq(snapshots.id, id)).get();
  const byHash = (hash: string): BareRow | undefined =>
    db.select(columns).from(snapshots).where(eq(snapshots.contentHash, hash)).get();

  const insertWhole = (tx: Pick<typeof db, 'insert'>, s: NewSnapshot | SnapshotExport): void => {
    const values = rowValues(s);
    tx.insert(snapshots).values(values).run();
    tx.insert(snapshotDocuments)
      .values({ snapshotId: values.id, contentType: s.contentType, bodyGzip: s.bodyGzip })
      .run();
    tx.insert(snapshotModels).values({ snapshotId: values.id, modelGzip: s.modelGzip }).run();
  };

  return {
    dialect: 'sqlite',
    async save(s) {
      const outcome = db.transaction((tx) => {
        const existing = tx
          .select(columns)
          .from(snapshots)
          .where(eq(snapshots.contentHash, s.contentHash))
          .get();
        if (existing) {
          name(tx, existing.id, s.name);
          return { created: false, id: existing.id };
        }
        insertWhole(tx, s);
        name(tx, s.id, s.name);
        return { created: true, id: s.id };
      });
      catalogue.wrote();
      const row = one(byId(outcome.id));
      if (!row) throw new Error('snapshot vanished right after it was saved');
      return { created: outcome.created, row };
    },
    async addName(id, given) {
      const found = db.transaction((tx) => {
        if (!tx.select({ id: snapshots.id }).from(snapshots).where(eq(snapshots.id, id)).get()) return false;
        name(tx, id, given);
        return true;
      });
      if (!found) return undefined;
      catalogue.wrote();
      return one(byId(id));
    },
    findByHash: async (hash) => one(byHash(hash)),
    findById: async (id) => one(byId(id)),
    findByName: async (given) =>
      one(
        db
          .select(columns)
          .from(snapshotNames)
          .innerJoin(snapshots, eq(snapshots.id, snapshotNames.snapshotId))
          .where(eq(snapshotNames.name, given))
          .orderBy(desc(snapshotNames.seq))
          .limit(1)
          .get(),
      ),
    findNewest: async () =>
      one(db.select(columns).from(snapshots).orderBy(desc(snapshots.seq)).limit(1).get()),
    async list(limit, beforeSeq) {
      const query = db.select(columns).from(snapshots);
      const filtered = beforeSeq === undefined ? query : query.where(lt(snapshots.seq, beforeSeq));
      return withNames(filtered.orderBy(desc(snapshots.seq)).limit(limit).all());
    },
    hasAtOrAfter: async (seq) =>
      db.select({ seq: snapshots.seq }).from(snapshots).where(gte(snapshots.seq, seq)).limit(1).get() !==
      undefined,
    document: async (id) =>
      db
        .select({ contentType: snapshotDocuments.contentType, bodyGzip: snapshotDocuments.bodyGzip })
        .from(snapshotDocuments)
        .where(eq(snapshotDocuments.snapshotId, id))
        .get(),
    model: async (id) =>
      db
        .select({ modelGzip: snapshotModels.modelGzip })
        .from(snapshotModels)
        .where(eq(snapshotModels.snapshotId, id))
        .get()?.modelGzip,
    async delete(id) {
      const deleted = db.delete(snapshots).where(eq(snapshots.id, id)).run().changes > 0;
      if (deleted) catalogue.wrote([id]);
      return deleted;
    },
    count: async () => db.select({ n: count() }).from(snapshots).get()?.n ?? 0,
    async existing(ids) {
      if (ids.length === 0) return new Set();
      const rows = db
        .select({ id: snapshots.id })
        .from(snapshots)
        .where(inArray(snapshots.id, [...ids]))
        .all();
      return new Set(rows.map((r) => r.id));
    },
    async importOne(s) {
      const imported = db.transaction((tx) => {
        if (tx.select({ id: snapshots.id }).from(snapshots).where(eq(snapshots.id, s.row.id)).get())
          return false;
        insertWhole(tx, s);
        for (const given of s.row.names) name(tx, s.row.id, given);
        return true;
      });
      if (imported) catalogue.wrote();
      return imported;
    },
    async ping() {
      handle.sqlite.prepare('select 1').get();
    },
    catalogue,
    async close() {
      handle.close();
    },
  };
}
