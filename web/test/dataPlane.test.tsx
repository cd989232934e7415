/**
 * The policy view with several waypoint replicas and end-to-end shares (`EffectivePolicy.backendShares`, api.md
 * Additions), as issue 13's golden scenario has them: two waypoint replicas in two zones, ztunnel spreading
 * connections over both, each replica preferring the endpoints of its own zone.
 */
import { describe, expect, it } from 'vitest';
import { NO_FEATURES } from '../src/api/features';
import type { EffectivePolicy, EndpointShare, Hop } from '../src/api/types';
import { compositionLines, replicaLines } from '../src/components/PathDiagram';
import {
  ALL_FEATURES,
  HTTPBIN,
  HTTPBIN_POLICY,
  answerGraphql,
  find,
  findAll,
  openPortal,
  text,
} from './harness';

/** Percentages carry a narrow no-break space before `%` (format.ts); the expectations are written with a space. */
const plain = (line: string): string => line.replaceAll('\u202f', ' ');

const [ZTUNNEL_HOP, WAYPOINT_HOP] = HTTPBIN_POLICY.hops as [Hop, Hop];
const [REPLICA_A] = ZTUNNEL_HOP.endpoints as [EndpointShare];
const [POD_A, POD_B] = WAYPOINT_HOP.endpoints as [EndpointShare, EndpointShare, EndpointShare];

const REPLICA_B: EndpointShare = {
  ...REPLICA_A,
  name: 'httpbin-waypoint-5cb48fc696-zz7k2',
  address: '10.10.1.20',
  locality: 'us-east-1/us-east-1b/',
};
const POD_IN_B: EndpointShare = {
  ...POD_A,
  name: 'in-ambient-7d8f9b6c54-jkl78',
  address: '10.10.1.31',
  locality: 'us-east-1/us-east-1b/',
};

/**
 * ztunnel spreads connections evenly over the two healthy replicas (50 % each). Replica A (us-east-1a) sends its
 * half to the two pods of its zone: 50 % / 2 = 25 % each; replica B (us-east-1b) sends its half to the one pod of
 * its zone: 50 %. Per zone: 25 + 25 = 50 % in us-east-1a, 50 % in us-east-1b.
 */
const TWO_REPLICAS: EffectivePolicy = {
  ...HTTPBIN_POLICY,
  hops: [
    {
      ...ZTUNNEL_HOP,
      endpoints: [
        { ...REPLICA_A, sharePercent: 50 },
        { ...REPLICA_B, sharePercent: 50 },
      ],
    },
    WAYPOINT_HOP,
  ],
  backendShares: [
    { ...POD_A, sharePercent: 25, utilizationPercent: null },
    { ...POD_B, sharePercent: 25, utilizationPercent: null },
    { ...POD_IN_B, sharePercent: 50, utilizationPercent: null },
  ],
};

describe('replicas and end-to-end shares', () => {
  it('draws each waypoint replica with its share and where the requests end up, by locality', async () => {
    const asked = answerGraphql(ALL_FEATURES, { Policy: () => ({ effectivePolicy: TWO_REPLICAS }) });
    const page = openPortal(HTTPBIN);
    const svg = await find(page, 'svg.path-svg');
    expect(asked.find((a) => a.query.includes('query Policy'))?.query).toMatch(
      /backendShares \{ name [^}]* utilizationPercent failing \}/,
    );
    const title = text(svg.querySelector('title'));
    expect(title).toContain(
      'waypoint httpbin-waypoint-5cb48fc696-mq99j, us-east-1/us-east-1a, cluster1 · 2 replicas; replicas: 50 % httpbin-waypoint-5cb48fc696-mq99j, 50 % httpbin-waypoint-5cb48fc696-zz7k2',
    );
    expect(title).toMatch(
      /endpoints of in-ambient\.httpbin\.svc\.cluster\.local, .*; the client's requests end to end: 50 % us-east-1\/us-east-1a, 50 % us-east-1\/us-east-1b$/,
    );
    // The same lines are drawn in the boxes (long names shortened in the middle).
    const drawn = [...svg.querySelectorAll('g.node text')].map((t) => text(t));
    expect(drawn).toEqual(
      expect.arrayContaining(['cluster1 · 2 replicas', 'end to end:', '50 % us-east-1/us-east-1a']),
    );
  });

  it('lists the end-to-end shares, largest first, with capacity unknown said in words', async () => {
    answerGraphql(ALL_FEATURES, { Policy: () => ({ effectivePolicy: TWO_REPLICAS }) });
    const rows = await findAll(openPortal(HTTPBIN), 'table.end-to-end tbody tr');
    expect(rows.map((r) => [...r.children].map(text))).toEqual([
      ['in-ambient-7d8f9b6c54-jkl78', 'us-east-1/us-east-1b · cluster1', '50 %', 'capacity unknown'],
      ['in-ambient-7d8f9b6c54-abc12', 'us-east-1/us-east-1a · cluster1', '25 %', 'capacity unknown'],
      ['in-ambient-7d8f9b6c54-def34', 'us-east-1/us-east-1a · cluster1', '25 %', 'capacity unknown'],
    ]);
  });

  it("on a server without backendShares, asks nothing of it and draws today's picture", async () => {
    const asked = answerGraphql(NO_FEATURES, { Policy: () => ({ effectivePolicy: HTTPBIN_POLICY }) });
    const page = openPortal(HTTPBIN);
    const svg = await find(page, 'svg.path-svg');
    expect(asked.find((a) => a.query.includes('query Policy'))?.query).not.toContain('backendShares');
    expect(text(svg.querySelector('title'))).not.toContain('end to end');
    expect(page.querySelector('table.end-to-end')).toBeNull();
  });

  it.each([
    ['no replica', [], []],
    // One replica is the proxy itself: nothing to list.
    ['one replica', [{ ...REPLICA_A, sharePercent: 100 }], []],
    [
      'two replicas, one ejected',
      [
        { ...REPLICA_A, sharePercent: 30 },
        { ...REPLICA_B, sharePercent: 70, ejected: true },
      ],
      ['70 % httpbin-waypoint-5cb48fc696-zz7k2 (ejected)', '30 % httpbin-waypoint-5cb48fc696-mq99j'],
    ],
    // Five replicas at 20 % each: three listed, the last line counts the other two.
    [
      'five replicas',
      Array.from({ length: 5 }, (_, i) => ({ ...REPLICA_A, name: `wp-${i}`, sharePercent: 20 })),
      ['20 % wp-0', '20 % wp-1', '20 % wp-2', '+ 2 more replicas'],
    ],
  ] as [string, EndpointShare[], string[]][])('replica lines: %s', (_, replicas, lines) => {
    expect(replicaLines(replicas).map(plain)).toEqual(lines);
  });

  it('sums the end-to-end shares per locality and leaves out localities that get nothing', () => {
    expect(
      compositionLines([
        { ...POD_A, sharePercent: 12.5 },
        { ...POD_IN_B, sharePercent: 75 },
        { ...POD_B, sharePercent: 12.5 },
        { ...POD_B, name: 'idle', locality: 'us-west-2/us-west-2a/', sharePercent: 0 },
      ]).map(plain),
    ).toEqual(['75 % us-east-1/us-east-1b', '25 % us-east-1/us-east-1a']);
  });
});
