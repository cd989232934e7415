import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  buildFuzzApp,
  checkGraphql,
  graphqlCase,
  seedWorld,
  type FuzzApp,
  type GraphqlWorld,
  fuzzSeed,
} from './fuzzInputs.js';

const RUNS = 100;

describe('GraphQL argument fuzzing (fast)', () => {
  let fuzz: FuzzApp;
  let world: GraphqlWorld;
  beforeAll(async () => {
    fuzz = await buildFuzzApp();
    world = await seedWorld(fuzz.app);
  });
  afterAll(async () => fuzz.close());

  it(`${RUNS} queries with random snapshot, client, backend and scenario arguments: no 5xx, every error has extensions.code`, async () => {
    await fc.assert(
      fc.asyncProperty(graphqlCase(world), (c) => checkGraphql(fuzz.app, c)),
      { numRuns: RUNS, seed: fuzzSeed(2026112201) },
    );
  });
});
