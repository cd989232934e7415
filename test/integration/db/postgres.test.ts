/**
 * PostgreSQL-only behaviour of the store: migrations under an advisory lock, catalogue changes carried
 * to another replica by NOTIFY or, when notifications are lost, by the poll, compressed bytea storage, and
 * the pool's bound and statement timeout. Skipped (with the reason printed) without
 * SPILLWAY_TEST_POSTGRES_URL.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import { openStore } from '../../../src/db/openStore.js';
import { openPostgres, postgresOptions } from '../../../src/db/postgresClient.js';
import { isTransientDatabaseError } from '../../../src/db/storageErrors.js';
import { exampleText, postSnapshot } from '../../helpers/buildTestApp.js';
import {
  freshPostgresSchema,
  NO_POSTGRES_MESSAGE,
  POSTGRES_URL,
  TEST_DRIVER,
} from '../../helpers/testDatabase.js';

const run = POSTGRES_URL !== undefined && TEST_DRIVER === 'postgres';
if (POSTGRES_URL === undefined) process.stderr.write(`${NO_POSTGRES_MESSAGE}\n`);

const JOURNAL = JSON.parse(
  readFileSync(new URL('../../../migrations/postgres/meta/_journal.json', import.meta.url), 'utf8'),
) as { entries: unknown[] };

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!run)('PostgreSQL store', () => {
  it('replicas starting together on an empty schema migrate once (advisory lock)', async () => {
    const { url } = await freshPostgresSchema(POSTGRES_URL!);
    const config = testConfig({ DATABASE_URL: url });
    const apps = await Promise.all([buildApp(config), buildApp(config), buildApp(config)]);
    onTestFinished(async () => {
      for (const app of apps) await app.close();
    });
    for (const app of apps)
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const applied = await query<{ n: string }>(url, 'select count(*) as n from __drizzle_migrations');
    expect(Number(applied[0]?.n)).toBe(JOURNAL.entries.length);
    const catalogueRows = await query<{ n: string }>(url, 'select count(*) as n from catalogue');
    expect(Number(catalogueRows[0]?.n)).toBe(1);
  });

  it('a replica that misses the notification still sees the change through the poll', async () => {
    const { url } = await freshPostgresSchema(POSTGRES_URL!);
    const db = testConfig({ DATABASE_URL: url, SPILLWAY_CATALOGUE_POLL_MS: '100' }).db;
    const store = (await openStore(db, () => undefined)).store;
    onTestFinished(() => store.close());
    const before = store.catalogue.version();
    const seen: string[] = [];
    store.catalogue.subscribe((change) => seen.push(change.version));
    // A write that bumps the version without NOTIFY, as if the notification were lost.
    await query(url, 'update catalogue set version = version + 1 where id = 1');
    const deadline = Date.now() + 10_000; // 100× the poll interval
    while (store.catalogue.version() === before) {
      if (Date.now() > deadline) throw new Error('the poll never saw the new version');
      await sleep(20);
    }
    expect(seen.at(-1)).toBe(store.catalogue.version());
  });

  it('a replica whose database cannot be reached at start fails to start (no half-started service)', async () => {
    const port = new URL(POSTGRES_URL!).port;
    // Port 1 on loopback: nothing listens, every connection is refused at once.
    const dead = POSTGRES_URL!.replace(`:${port}/`, ':1/');
    expect(dead).not.toBe(POSTGRES_URL);
    await expect(
      buildApp(testConfig({ DATABASE_URL: dead, SPILLWAY_DB_CONNECT_TIMEOUT_MS: '1000' })),
    ).rejects.toThrow();
  });

  it('stores the upload and its model gzip-compressed in bytea columns', async () => {
    const { url } = await freshPostgresSchema(POSTGRES_URL!);
    const app = await buildApp(testConfig({ DATABASE_URL: url }));
    onTestFinished(() => app.close());
    const text = exampleText('httpbin-before.yaml');
    const created = await postSnapshot(app, '', text);
    expect(created.statusCode).toBe(201);

    const columns = await query<{ column_name: string; data_type: string }>(
      url,
      `select column_name, data_type from information_schema.columns
       where table_schema = current_schema() and column_name in ('body_gzip', 'model_gzip')
       order by column_name`,
    );
    expect(columns).toEqual([
      { column_name: 'body_gzip', data_type: 'bytea' },
      { column_name: 'model_gzip', data_type: 'bytea' },
    ]);
    const [stored] = await query<{ body: Buffer; model: Buffer }>(
      url,
      `select d.body_gzip as body, m.model_gzip as model
       from snapshot_documents d join snapshot_models m using (snapshot_id)`,
    );
    // 1f 8b: the gzip member header's ID1 ID2 (RFC 1952 §2.3.1).
    expect([...stored!.body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect([...stored!.model.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(stored!.body.length).toBeLessThan(Buffer.byteLength(text));
    expect(gunzipSync(stored!.body).toString('utf8')).toBe(text);
    expect(JSON.parse(gunzipSync(stored!.model).toString('utf8'))).toHaveProperty('clusters');
  });

  it('the pool holds at most SPILLWAY_DB_POOL_MAX connections, each with the statement timeout', async () => {
    const { url } = await freshPostgresSchema(POSTGRES_URL!);
    const db = testConfig({
      DATABASE_URL: url,
      SPILLWAY_DB_POOL_MAX: '2',
      SPILLWAY_DB_STATEMENT_TIMEOUT_MS: '2000',
    }).db;
    const handle = openPostgres(postgresOptions(db.url!, db), () => undefined);
    onTestFinished(() => handle.close());

    // Six queries at once, each holding its connection 0.1 s (a twentieth of the timeout): they share two
    // server processes.
    const pids = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const result = await handle.pool.query<{ pid: number }>(
          'select pg_backend_pid() as pid, pg_sleep(0.1)',
        );
        return result.rows[0]!.pid;
      }),
    );
    expect(new Set(pids).size).toBeLessThanOrEqual(2);
    expect(handle.pool.totalCount).toBeLessThanOrEqual(2);

    const timeout = await handle.pool.query<{ statement_timeout: string }>('show statement_timeout');
    expect(timeout.rows[0]?.statement_timeout).toBe('2s');
    // A statement 30× longer than the timeout is cancelled by the server (SQLSTATE 57014), which the
    // service answers as 503 UNAVAILABLE, never with the driver's message.
    const cancelled = await handle.pool.query('select pg_sleep(30)').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((cancelled as { code?: string } | undefined)?.code).toBe('57014');
    expect(isTransientDatabaseError(cancelled)).toBe(true);
  });
});
