/**
 * Opens the stores the configuration names: PostgreSQL when `DATABASE_URL` is set (migrated under an
 * advisory lock, catalogue changes followed by LISTEN/NOTIFY), else the SQLite file (migrated at open).
 * Snapshots and Slack deliveries live in the same database; closing the snapshot store closes it.
 */
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Config } from '../config.js';
import type { SnapshotStore } from '../services/snapshotStore.js';
import type { SlackDeliveryStore } from '../slack/deliveryStore.js';
import { startPostgresCatalogue } from './postgresCatalogue.js';
import { currentSchema, openPostgres, postgresOptions } from './postgresClient.js';
import { applyPostgresMigrations } from './postgresMigrate.js';
import { postgresRateLimitStore } from './postgresRateLimitStore.js';
import { createPostgresStore } from './postgresStore.js';
import { createSlackDeliveryStore } from './slackDeliveryStore.js';
import { openSqlite } from './sqliteClient.js';
import { createSqliteStore } from './sqliteStore.js';
import { guardStore } from './storageErrors.js';

export type StoreLog = (error: unknown, message: string) => void;

export interface OpenedStore {
  readonly store: SnapshotStore;
  readonly slackDeliveries: SlackDeliveryStore;
  /** Where upload rate limits are counted when replicas share them; absent: per process (SQLite). */
  readonly rateLimitStore?: FastifyRateLimitStoreCtor;
}

export async function openStore(db: Config['db'], log: StoreLog): Promise<OpenedStore> {
  if (db.url === undefined) {
    const sqlite = openSqlite(db.path);
    return {
      store: guardStore(createSqliteStore(sqlite)),
      slackDeliveries: guardStore(createSlackDeliveryStore(async (query) => sqlite.db.all(query))),
    };
  }
  const handle = openPostgres(postgresOptions(db.url, db), (error) =>
    log(error, 'an idle PostgreSQL connection failed; the pool replaces it'),
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
      slackDeliveries: guardStore(
        createSlackDeliveryStore(async (query) => (await handle.db.execute(query)).rows),
      ),
      rateLimitStore: postgresRateLimitStore(handle.pool),
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
