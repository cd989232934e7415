/**
 * The PostgreSQL connection pool (`DATABASE_URL=postgres://…`). Bounded (`SPILLWAY_DB_POOL_MAX` per
 * replica), with a connect timeout so a request fails fast while the server is down, and a statement
 * timeout set on every connection so no query holds a connection forever. Connections that die while
 * idle (a server restart) are dropped by the pool and replaced on the next checkout: no manual step.
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../config.js';
import * as schema from './schema/postgres.js';

export interface PostgresOptions {
  readonly url: string;
  readonly poolMax: number;
  readonly statementTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
}

export type PostgresDb = NodePgDatabase<typeof schema> & { readonly $client: pg.Pool };

export interface PostgresHandle {
  readonly pool: pg.Pool;
  readonly db: PostgresDb;
  /** Connection settings for clients outside the pool (migrations, LISTEN). */
  readonly clientConfig: pg.ClientConfig;
  close(): Promise<void>;
}

const APPLICATION_NAME = 'spillway';
/** Idle pooled connections are closed after this long. */
const POOL_IDLE_TIMEOUT_MS = 30_000;

/** The pool's settings from the configuration (`SPILLWAY_DB_*`). */
export function postgresOptions(url: string, db: Config['db']): PostgresOptions {
  return {
    url,
    poolMax: db.poolMax,
    statementTimeoutMs: db.statementTimeoutMs,
    connectTimeoutMs: db.connectTimeoutMs,
    idleTimeoutMs: POOL_IDLE_TIMEOUT_MS,
  };
}

function postgresClientConfig(options: PostgresOptions): pg.ClientConfig {
  return {
    connectionString: options.url,
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    // A transaction left open by a stuck request must not hold row locks (the catalogue row) for long.
    idle_in_transaction_session_timeout: options.statementTimeoutMs,
  };
}

export function openPostgres(options: PostgresOptions, onIdleError: (error: Error) => void): PostgresHandle {
  const clientConfig = postgresClientConfig(options);
  const pool = new pg.Pool({
    ...clientConfig,
    max: options.poolMax,
    idleTimeoutMillis: options.idleTimeoutMs,
  });
  // An idle connection killed by a server restart emits here; without a listener the process would crash.
  pool.on('error', onIdleError);
  const db = drizzle(pool, { schema });
  return { pool, db, clientConfig, close: () => pool.end() };
}

/** The schema the tables live in: the first existing one on the connection's search_path. */
export async function currentSchema(pool: pg.Pool): Promise<string> {
  const result = await pool.query<{ schema: string | null }>('select current_schema() as schema');
  const found = result.rows[0]?.schema;
  if (!found) throw new Error('No schema of the search_path exists; create it or fix DATABASE_URL.');
  return found;
}
