/**
 * PostgreSQL going away and coming back under running replicas: /readyz answers 503 while it is down and
 * 200 once it is back, with no manual step; requests meanwhile get 503 UNAVAILABLE problems that carry no
 * driver message; afterwards uploads and cross-replica notifications work again. Needs the throw-away
 * cluster `.ci/run` starts (SPILLWAY_TEST_POSTGRES_DIR), which this test stops and starts.
 */
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { exampleText, postSnapshot } from '../helpers/buildTestApp.js';
import { freshPostgresSchema, NO_POSTGRES_MESSAGE, POSTGRES_URL } from '../helpers/testDatabase.js';
import { REPO_ROOT } from './serverProcess.js';

const CLUSTER_DIR = process.env['SPILLWAY_TEST_POSTGRES_DIR'];
if (POSTGRES_URL === undefined || CLUSTER_DIR === undefined) {
  process.stderr.write(`PostgreSQL restart test: ${NO_POSTGRES_MESSAGE} (and SPILLWAY_TEST_POSTGRES_DIR)\n`);
}
/** How long the service may take to notice the database is back: far above the 1 s connect timeout. */
const RECOVERY_BOUND_MS = 60_000;

function cluster(action: 'start' | 'stop'): void {
  execFileSync(`${REPO_ROOT}scripts/postgres-test-cluster.sh`, [action, CLUSTER_DIR!], { stdio: 'ignore' });
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + RECOVERY_BOUND_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${RECOVERY_BOUND_MS} ms`);
    await sleep(100);
  }
}

describe.skipIf(POSTGRES_URL === undefined || CLUSTER_DIR === undefined)('PostgreSQL restart', () => {
  it('readiness follows the database down and back; requests meanwhile get 503 problems; replicas recover', async () => {
    const { url } = await freshPostgresSchema(POSTGRES_URL!);
    const env = {
      DATABASE_URL: url,
      SPILLWAY_DB_CONNECT_TIMEOUT_MS: '1000',
      SPILLWAY_CATALOGUE_POLL_MS: '200',
    };
    const one: FastifyInstance = await buildApp(testConfig(env));
    const two: FastifyInstance = await buildApp(testConfig(env));
    onTestFinished(async () => {
      await one.close();
      await two.close();
    });
    // If the test fails half-way, the cluster must still come back for what runs after it.
    onTestFinished(() => {
      try {
        cluster('start');
      } catch {
        // already running
      }
    });
    const ready = async (app: FastifyInstance) =>
      (await app.inject({ method: 'GET', url: '/readyz' })).statusCode;
    expect(await ready(one)).toBe(200);

    cluster('stop');
    expect(await ready(one)).toBe(503);
    expect(await ready(two)).toBe(503);
    const list = await one.inject({ method: 'GET', url: '/v1/snapshots' });
    expect(list.statusCode).toBe(503);
    const problem = list.json<{ code: string; detail: string }>();
    expect(problem.code).toBe('UNAVAILABLE');
    expect(problem.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|terminat/i);
    const graphql = await two.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: '{ snapshot(ref: "latest") { id } }' },
    });
    const errors = graphql.json<{ errors?: { message: string; extensions: { code: string } }[] }>().errors;
    expect(errors?.[0]?.extensions.code).toBe('UNAVAILABLE');
    expect(errors?.[0]?.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|terminat/i);

    cluster('start');
    await until(async () => (await ready(one)) === 200);
    await until(async () => (await ready(two)) === 200);

    // Writes work again, and the other replica hears of them (its LISTEN connection was re-opened).
    const upload = await postSnapshot(one, 'name=after-restart', exampleText('httpbin-before.yaml'));
    expect(upload.statusCode).toBe(201);
    await until(
      async () =>
        (await two.inject({ method: 'GET', url: '/v1/snapshots/after-restart' })).statusCode === 200,
    );
  });
});
