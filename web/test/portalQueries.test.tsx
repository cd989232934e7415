/**
 * The portal's questions (web/src/api/queries.ts) against the schema this service serves: each document the
 * portal sends, with the optional fields the service has (decided by the portal's own probes, as in a
 * browser), validates. A field or argument renamed on either side fails here, not in a user's browser.
 */
import { buildSchema, parse, validate } from 'graphql';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FEATURE_PROBES, type Features } from '../src/api/featureProbes';
import type { Route } from '../src/state/route';

const sent: string[] = [];
vi.mock('../src/api/client', () => ({
  graphql: (query: string): Promise<unknown> => {
    sent.push(query);
    // Only the query is under test; the one answer a function reads into is the snapshot list's.
    return Promise.resolve({ snapshots: { nodes: [], pageInfo: { hasNextPage: false } } });
  },
}));
const queries = await import('../src/api/queries');

/** The service's SDL, every file of schema/ as the server joins them (src/graphql/schema.ts, sorted by name). */
const SDL = import.meta.glob<string>('../../schema/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const schema = buildSchema(
  Object.keys(SDL)
    .sort()
    .map((file) => SDL[file])
    .join('\n'),
);
const errorsOf = (query: string): string[] => validate(schema, parse(query)).map((error) => error.message);

/** What the portal would detect on this service: a feature is on exactly when its probe validates. */
const features = Object.fromEntries(
  Object.entries(FEATURE_PROBES).map(([key, probe]) => [key, errorsOf(probe).length === 0]),
) as unknown as Features;

const PAIR: Route = {
  snapshot: 'httpbin',
  client: 'httpbin/client',
  backend: 'in-ambient.httpbin.svc.cluster.local',
  eject: [],
  fail: [],
};
const SCENARIO: Route = { snapshot: 'bookinfo', eject: ['10.0.0.1'], fail: ['us-east/us-east-1b'], load: 2 };

const ASKS: readonly (readonly [string, () => Promise<unknown>])[] = [
  ['listSnapshots', () => queries.listSnapshots()],
  ['snapshotReferences', () => queries.snapshotReferences('httpbin')],
  [
    'effectivePolicy',
    () => queries.effectivePolicy({ snapshot: 'httpbin', client: 'c', backend: 'b' }, features),
  ],
  ['whatIf', () => queries.whatIf({ ...PAIR, fail: ['us-east/us-east-1b'], sweep: [1, 3] }, features)],
  ['blastRadius', () => queries.blastRadius({ ...SCENARIO, profile: 'SOLO' }, features)],
  ['snapshotDiff', () => queries.snapshotDiff({ before: 'a', after: 'b', eject: [], fail: [] })],
];

describe('portal queries against the served schema', () => {
  beforeEach(() => {
    sent.length = 0;
  });

  it('the service has the mesh-wide questions the portal asks', () => {
    expect(features.blastRadius).toBe(true);
    expect(features.diff).toBe(true);
  });

  it.each(ASKS)('%s validates', async (_name, ask) => {
    await ask();
    expect(sent).toHaveLength(1);
    expect(errorsOf(sent[0] ?? '')).toEqual([]);
  });
});
