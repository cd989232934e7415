import { defineConfig } from 'vitest/config';

/**
 * The slow suites (`npm run test:slow`): long fuzz runs, crash safety with a real server process, and a
 * soak against the running service. Files run one after another so each has the machine to itself.
 */
export default defineConfig({
  test: {
    name: 'slow',
    include: ['test/slow/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
