/**
 * Opens the SQLite database with the pragmas a single-writer service needs: WAL so readers never wait on
 * the writer, NORMAL sync (durable at checkpoints, safe against corruption), foreign keys for cascades, and
 * a busy timeout so a second process (a migration, a backup) waits instead of failing with SQLITE_BUSY.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema/sqlite.js';
import { applySqliteMigrations } from './sqliteMigrate.js';

const BUSY_TIMEOUT_MS = 5_000;

/** Drizzle over the connection; `$client` is the connection itself, for statements drizzle cannot prepare. */
export type SqliteDb = BetterSQLite3Database<typeof schema> & { readonly $client: Database.Database };

export interface SqliteHandle {
  readonly db: SqliteDb;
  readonly sqlite: Database.Database;
  close(): void;
}

/** Opens (creating the folder if needed) and migrates the database at `path`; `:memory:` for tests. */
export function openSqlite(path: string): SqliteHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  applySqliteMigrations(sqlite);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  return { db, sqlite, close: () => sqlite.close() };
}
