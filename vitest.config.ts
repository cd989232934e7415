import { defineConfig } from 'vitest/config';

/**
 * Projects: `unit`; `web` (the portal's views in happy-dom); `integration` (HTTP, GraphQL, Slack, storage
 * and contract suites) on SQLite; `browser` (the portal in Chromium, after the others); and, when
 * SPILLWAY_TEST_POSTGRES_URL names a PostgreSQL server (`.ci/run` starts one), `integration-postgres`: the
 * same integration files with the PostgreSQL driver (one suite, two drivers; see test/helpers/testDatabase.ts).
 *
 * CI runs on a 2-core machine that may be busy with other work, where a test can take several times as long
 * as on an idle one. So no test depends on a wall-clock budget a busy CPU can miss: the default budgets
 * below are at least ten times the slowest test's time on an idle machine (unit: about 3 s for the answer
 * golden master; integration: about 6 s for the first upload through a parser worker started from
 * TypeScript sources, and a suite's beforeAll that builds an app and uploads the examples), and tests that
 * wait for something poll for it instead of sleeping a fixed time.
 */
const POSTGRES_URL = process.env['SPILLWAY_TEST_POSTGRES_URL'];
const UNIT_TIMEOUT_MS = 60_000;
const INTEGRATION_TIMEOUT_MS = 120_000;
const INTEGRATION = ['test/integration/**/*.test.ts', 'test/contract/**/*.test.ts'];

if (!POSTGRES_URL) {
  process.stderr.write(
    'integration-postgres skipped: set SPILLWAY_TEST_POSTGRES_URL (postgres://…) to run the integration suites on PostgreSQL too; .ci/run does.\n',
  );
}

export default defineConfig({
  // The portal's components (web/, Preact) are rendered by the view tests in web/test.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: UNIT_TIMEOUT_MS,
          hookTimeout: UNIT_TIMEOUT_MS,
        },
      },
      {
        // The portal's views in happy-dom, fed recorded /graphql answers (web/test/harness.tsx).
        test: {
          name: 'web',
          include: ['web/test/**/*.test.tsx'],
          environment: 'happy-dom',
          testTimeout: UNIT_TIMEOUT_MS,
          hookTimeout: UNIT_TIMEOUT_MS,
        },
      },
      {
        test: {
          name: 'integration',
          include: INTEGRATION,
          testTimeout: INTEGRATION_TIMEOUT_MS,
          hookTimeout: INTEGRATION_TIMEOUT_MS,
          env: { SPILLWAY_TEST_DRIVER: 'sqlite' },
        },
      },
      {
        test: {
          // The portal in Debian's Chromium (test/browser/chromium.ts); built once by the global setup. It runs
          // after the other projects, so a browser and a server never compete with their timing on 2 cores.
          name: 'browser',
          sequence: { groupOrder: 1 },
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      ...(POSTGRES_URL
        ? [
            {
              test: {
                name: 'integration-postgres',
                include: INTEGRATION,
                testTimeout: INTEGRATION_TIMEOUT_MS,
                hookTimeout: INTEGRATION_TIMEOUT_MS,
                env: { SPILLWAY_TEST_DRIVER: 'postgres' },
              },
            },
          ]
        : []),
    ],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      thresholds: { 'src/engine/**': { lines: 90, branches: 85 } },
    },
  },
});
