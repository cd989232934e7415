/**
 * Opens the store the configuration names: PostgreSQL when `DATABASE_URL` is set (migrated under an
 * advisory lock, catalogue changes followed by LISTEN/NOTIFY), else the SQLite file (migrated at open).
 */
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Config } from '../config.js';
import type { SnapshotStore } from '../services/snapshotStore.js';
import { startPostgresCatalogue } from './postgresCatalogue.js';
import { currentSchema, openPostgres } from './postgresClient.js';
import { applyPostgresMigrations } from './postgresMigrate.js';
import { postgresRateLimitStore } from './postgresRateLimitStore.js';
import { createPostgresStore } from './postgresStore.js';
import { openSqlite } from './sqliteClient.js';
import { createSqliteStore } from './sqliteStore.js';
import { guardStore } from './storageErrors.js';

/** Idle pooled connections are closed after this long. */
const POOL_IDLE_TIMEOUT_MS = 30_000;

export type StoreLog = (error: unknown, message: string) => void;

export interface OpenedStore {
  readonly store: SnapshotStore;
  /** Where upload rate limits are counted when replicas share them; absent: per process (SQLite). */
  readonly rateLimitStore?: FastifyRateLimitStoreCtor;
}

export async function openStore(db: Config['db'], log: StoreLog): Promise<OpenedStore> {
  if (db.url === undefined) return { store: guardStore(createSqliteStore(openSqlite(db.path))) };
  const handle = openPostgres(
    {
      url: db.url,
      poolMax: db.poolMax,
      statementTimeoutMs: db.statementTimeoutMs,
      connectTimeoutMs: db.connectTimeoutMs,
      idleTimeoutMs: POOL_IDLE_TIMEOUT_MS,
    },
    (error) => log(error, 'an idle PostgreSQL connection failed; the pool replaces it'),
  );
  try {
    const schema = await currentSchema(handle.pool);
    await applyPostgresMigrations(handle.clientConfig, schema);
    const watch = await startPostgresCatalogue({
      pool: handle.pool,
      clientConfig: handle.clientConfig,
      schema,
      pollMs: db.cataloguePollMs,
      onError: log,
    });
    return {
      store: guardStore(createPostgresStore(handle, watch)),
      rateLimitStore: postgresRateLimitStore(handle.pool),
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
