/**
 * PostgreSQL-only behaviour of the store: migrations under an advisory lock, and catalogue changes carried
 * to another replica by NOTIFY or, when notifications are lost, by the poll. Skipped (with the reason
 * printed) without SPILLWAY_TEST_POSTGRES_URL.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import { openStore } from '../../../src/db/openStore.js';
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
});
