import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  buildFuzzApp,
  checkGraphql,
  checkSlack,
  checkUpload,
  graphqlCase,
  seedWorld,
  slackText,
  uploadCase,
  type FuzzApp,
  type GraphqlWorld,
  fuzzSeed,
} from '../integration/ops/fuzzInputs.js';
import {
  expectAgreement,
  fuzzerText,
  indentedLines,
  serializedText,
  tokenSoup,
} from '../unit/ingest/yamlInputs.js';

/** Long runs of the properties in test/integration/ops; SPILLWAY_FUZZ_RUNS scales them (default 1). */
const SCALE = Number(process.env['SPILLWAY_FUZZ_RUNS'] ?? '1') || 1;
const UPLOAD_RUNS = Math.round(5000 * SCALE);
const GRAPHQL_RUNS = Math.round(3000 * SCALE);
const SLACK_RUNS = Math.round(2000 * SCALE);
const YAML_READER_RUNS = Math.round(20_000 * SCALE);

describe('fuzzing (long)', () => {
  let fuzz: FuzzApp;
  let world: GraphqlWorld;
  beforeAll(async () => {
    fuzz = await buildFuzzApp();
    world = await seedWorld(fuzz.app);
  });
  afterAll(async () => fuzz.close());

  it(`${UPLOAD_RUNS} uploads: no 5xx, no hang, problem bodies, the database unchanged on rejection`, async () => {
    await fc.assert(
      fc.asyncProperty(uploadCase, async (c) => {
        await checkUpload(fuzz, c);
      }),
      { numRuns: UPLOAD_RUNS, seed: fuzzSeed(7001) },
    );
  });

  it(`${GRAPHQL_RUNS} GraphQL queries with random arguments: no 5xx, every error coded`, async () => {
    await fc.assert(
      fc.asyncProperty(graphqlCase(world), (c) => checkGraphql(fuzz.app, c)),
      { numRuns: GRAPHQL_RUNS, seed: fuzzSeed(7002) },
    );
  });

  it(`${SLACK_RUNS} signed Slack commands with random text: no 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(slackText(world), (text) => checkSlack(fuzz.app, text)),
      { numRuns: SLACK_RUNS, seed: fuzzSeed(7003) },
    );
  });

  it(`${YAML_READER_RUNS} texts of each kind: the fast YAML reader answers as the exact one or hands over`, () => {
    for (const [texts, seed] of [
      [fuzzerText, 7101],
      [serializedText, 7102],
      [tokenSoup, 7103],
      [indentedLines, 7104],
    ] as const) {
      fc.assert(
        fc.property(texts, (text) => expectAgreement(text)),
        { numRuns: YAML_READER_RUNS, seed: fuzzSeed(seed) },
      );
    }
  });
});
