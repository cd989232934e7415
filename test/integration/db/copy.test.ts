/**
 * `npm run db:copy`: every snapshot moves from a SQLite file to the database under test (PostgreSQL in the
 * integration-postgres project, another SQLite file otherwise), byte for byte, and answers the same there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import {
  buildTestApp,
  EXAMPLE_FILES,
  exampleText,
  postSnapshot,
  uploadExample,
} from '../../helpers/buildTestApp.js';
import { sharedDatabaseEnv, TEST_DRIVER } from '../../helpers/testDatabase.js';

const REPO_ROOT = new URL('../../../', import.meta.url).pathname;

describe(`db:copy SQLite → ${TEST_DRIVER}`, () => {
  it('moves every snapshot byte for byte, keeps ids, hashes, names and latest, and skips on a re-run', async () => {
    // The source is always a SQLite file, the target the database under test.
    const sourceEnv = sqliteFile();
    const targetEnv = await sharedDatabaseEnv();
    const source = await buildApp(testConfig(sourceEnv));
    for (const file of EXAMPLE_FILES) await uploadExample(source, file);
    // A second name for one snapshot, and one deleted snapshot that must not come along.
    const renamed = await postSnapshot(source, 'name=prod', exampleText('httpbin-before.yaml'));
    expect(renamed.statusCode).toBe(200);
    const gone = await postSnapshot(
      source,
      'name=gone',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: gone\n',
    );
    await source.inject({ method: 'DELETE', url: `/v1/snapshots/${gone.json<{ id: string }>().id}` });
    const before = (await source.inject({ method: 'GET', url: '/v1/snapshots?limit=100' })).json<{
      items: { id: string }[];
    }>().items;
    const documents = new Map<string, string>();
    for (const { id } of before) {
      documents.set(id, (await source.inject({ method: 'GET', url: `/v1/snapshots/${id}/document` })).body);
    }
    const latest = (await source.inject({ method: 'GET', url: '/v1/snapshots/latest' })).json<{
      id: string;
    }>().id;
    await source.close();

    const target = targetEnv['DATABASE_URL'] ?? `sqlite:${targetEnv['SPILLWAY_DB_PATH']}`;
    const copy = () =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/db-copy.ts',
          '--from',
          `sqlite:${sourceEnv.SPILLWAY_DB_PATH}`,
          '--to',
          target,
        ],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
    expect(copy()).toContain(`${before.length} snapshot(s) copied, 0 already there`);
    expect(copy()).toContain(`0 snapshot(s) copied, ${before.length} already there`);

    const moved = await buildTestApp(targetEnv);
    const after = (await moved.inject({ method: 'GET', url: '/v1/snapshots?limit=100' })).json<{
      items: { id: string }[];
    }>().items;
    // Same snapshots in the same order, every field equal (ids, hashes, names, summaries, dates).
    expect(after).toEqual(before);
    for (const { id } of after) {
      expect((await moved.inject({ method: 'GET', url: `/v1/snapshots/${id}/document` })).body).toBe(
        documents.get(id),
      );
    }
    expect(
      (await moved.inject({ method: 'GET', url: '/v1/snapshots/latest' })).json<{ id: string }>().id,
    ).toBe(latest);
    expect((await moved.inject({ method: 'GET', url: '/v1/snapshots/prod' })).statusCode).toBe(200);
    // The copied models answer questions.
    const answer = await moved.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: '{ analyze(snapshot: "bookinfo-multicluster") { code } }' },
    });
    expect(answer.json<{ errors?: unknown }>().errors).toBeUndefined();
  }, 120_000);
});

function sqliteFile(): { SPILLWAY_DB_PATH: string } {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-copy-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return { SPILLWAY_DB_PATH: join(dir, 'source.db') };
}
