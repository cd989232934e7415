import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFuzzApp, checkUpload, uploadCase, type FuzzApp, fuzzSeed } from './fuzzInputs.js';

/** The fast part of the upload fuzzing; `test/slow/fuzz.test.ts` runs the same property much longer. */
const RUNS = 150;
const FAST_SUITE_SEED = 20261122;

describe('upload fuzzing (fast)', () => {
  let fuzz: FuzzApp;
  beforeAll(async () => {
    fuzz = await buildFuzzApp();
  });
  afterAll(async () => fuzz.close());

  it(`${RUNS} random, mutated and hostile uploads: no 5xx, no hang, problem bodies, nothing stored on rejection`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(uploadCase, async (c) => {
        const status = await checkUpload(fuzz, c);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      // A fixed seed keeps the fast suite reproducible; the slow suite explores fresh seeds.
      { numRuns: RUNS, seed: fuzzSeed(FAST_SUITE_SEED) },
    );
    // The generator reaches both the rejection paths and the storing path.
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    expect([...statuses.keys()].some((s) => s === 201 || s === 200)).toBe(true);
  });
});
