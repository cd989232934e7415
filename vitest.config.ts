import { defineConfig } from 'vitest/config';

/**
 * Projects: `unit`; `integration` (HTTP, GraphQL, Slack, storage and contract suites) on SQLite; `browser`
 * (the portal in Chromium, after the others); and, when SPILLWAY_TEST_POSTGRES_URL names a PostgreSQL server
 * (`.ci/run` starts one), `integration-postgres`: the same integration files with the PostgreSQL driver (one
 * suite, two drivers; see test/helpers/testDatabase.ts).
 */
const POSTGRES_URL = process.env['SPILLWAY_TEST_POSTGRES_URL'];
/**
 * A suite's beforeAll builds an app and uploads the examples: seconds when idle, far more on a 2-core
 * machine busy with the other projects (vitest's 10 s default is missed there).
 */
const INTEGRATION_HOOK_TIMEOUT_MS = 120_000;
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
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        // The portal's views in happy-dom, fed recorded /graphql answers (web/test/harness.tsx).
        test: {
          name: 'web',
          include: ['web/test/**/*.test.tsx'],
          environment: 'happy-dom',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: INTEGRATION,
          testTimeout: 30_000,
          hookTimeout: INTEGRATION_HOOK_TIMEOUT_MS,
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
                testTimeout: 30_000,
                hookTimeout: INTEGRATION_HOOK_TIMEOUT_MS,
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
