import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/contract/**/*.test.ts'],
          testTimeout: 30_000,
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
    ],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      thresholds: { 'src/engine/**': { lines: 90, branches: 85 } },
    },
  },
});
