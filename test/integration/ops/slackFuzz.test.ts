import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  buildFuzzApp,
  checkSlack,
  seedWorld,
  slackText,
  type FuzzApp,
  type GraphqlWorld,
  fuzzSeed,
} from './fuzzInputs.js';

const RUNS = 100;

describe('Slack command fuzzing (fast)', () => {
  let fuzz: FuzzApp;
  let world: GraphqlWorld;
  beforeAll(async () => {
    fuzz = await buildFuzzApp();
    world = await seedWorld(fuzz.app);
  });
  afterAll(async () => fuzz.close());

  it(`${RUNS} signed commands with random text: never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(slackText(world), (text) => checkSlack(fuzz.app, text)),
      { numRuns: RUNS, seed: fuzzSeed(2026112202) },
    );
  });
});
