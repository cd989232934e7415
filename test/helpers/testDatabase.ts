/**
 * Which database the suites run on. One suite, two drivers: the `integration` vitest project runs on SQLite,
 * `integration-postgres` runs the same files with SPILLWAY_TEST_DRIVER=postgres against the server named by
 * SPILLWAY_TEST_POSTGRES_URL (`.ci/run` starts a throw-away one). Each test gets a database of its own: an
 * in-memory SQLite file, or a fresh PostgreSQL schema (selected through the URL's search_path), dropped
 * when the test ends.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { testConfig } from '../../src/config.js';
import { openStore, type OpenedStore } from '../../src/db/openStore.js';

export type TestDriver = 'sqlite' | 'postgres';

export const POSTGRES_URL = process.env['SPILLWAY_TEST_POSTGRES_URL'] || undefined;
export const TEST_DRIVER: TestDriver =
  process.env['SPILLWAY_TEST_DRIVER'] === 'postgres' ? 'postgres' : 'sqlite';
if (TEST_DRIVER === 'postgres' && POSTGRES_URL === undefined) {
  throw new Error('SPILLWAY_TEST_DRIVER=postgres needs SPILLWAY_TEST_POSTGRES_URL');
}

export const NO_POSTGRES_MESSAGE =
  'PostgreSQL tests skipped: set SPILLWAY_TEST_POSTGRES_URL (postgres://…) to run them; .ci/run starts a server and sets it';

/** The URL of `base` with `schema` as its search_path (the service's tables and migration journal go there). */
export function urlWithSchema(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function adminQuery(base: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL schema on `base`, dropped when the test ends; returns its URL. */
export async function freshPostgresSchema(base: string): Promise<{ url: string; schema: string }> {
  const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await adminQuery(base, `create schema ${schema}`);
  onTestFinished(async () => {
    await adminQuery(base, `drop schema if exists ${schema} cascade`);
  });
  return { url: urlWithSchema(base, schema), schema };
}

/** Environment for one app with a database of its own on the current driver. */
export async function freshDatabaseEnv(): Promise<Record<string, string>> {
  if (TEST_DRIVER === 'sqlite' || POSTGRES_URL === undefined) return { SPILLWAY_DB_PATH: ':memory:' };
  return { DATABASE_URL: (await freshPostgresSchema(POSTGRES_URL)).url };
}

/** Environment for several apps ("replicas") sharing one database on the current driver. */
export async function sharedDatabaseEnv(): Promise<Record<string, string>> {
  if (TEST_DRIVER === 'sqlite' || POSTGRES_URL === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'spillway-shared-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    return { SPILLWAY_DB_PATH: join(dir, 'spillway.db') };
  }
  return { DATABASE_URL: (await freshPostgresSchema(POSTGRES_URL)).url };
}

/** The stores over the database `env` names (default a fresh one), closed when the test ends. */
export async function openTestStores(env?: Readonly<Record<string, string>>): Promise<OpenedStore> {
  const config = testConfig({ ...(env ?? (await freshDatabaseEnv())) });
  const opened = await openStore(config.db, () => undefined);
  onTestFinished(() => opened.store.close());
  return opened;
}

export const SNAPSHOT_TABLES = [
  'snapshots',
  'snapshot_documents',
  'snapshot_models',
  'snapshot_names',
] as const;

/** Rows per snapshot table, read through a connection of its own (as an operator would). */
export async function tableCounts(env: Readonly<Record<string, string>>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const url = env['DATABASE_URL'];
  if (url !== undefined) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const table of SNAPSHOT_TABLES) {
        const result = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
        out[table] = Number(result.rows[0]?.n);
      }
    } finally {
      await client.end();
    }
    return out;
  }
  const path = env['SPILLWAY_DB_PATH'];
  if (path === undefined || path === ':memory:') throw new Error('tableCounts needs a database file or URL');
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true });
  try {
    for (const table of SNAPSHOT_TABLES) {
      out[table] = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    }
  } finally {
    db.close();
  }
  return out;
}
