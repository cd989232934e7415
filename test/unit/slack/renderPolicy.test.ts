import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/engine/index.js';
import { renderPolicy } from '../../../src/slack/renderPolicy.js';
import { allText, expectWithinSlackLimits } from './slackAssertions.js';
import { makeEndpoint, makeHop, makePolicy, makePriority, makeZtunnelHop } from './slackBuilders.js';

const ctx = {
  client: 'httpbin/client-in-ambient',
  backend: 'in-ambient.httpbin',
  snapshot: 'latest',
  responseType: 'ephemeral' as const,
};
const LINK =
  'https://spillway.example.com/?snapshot=snp_1&client=httpbin/client-in-ambient&backend=in-ambient.httpbin';

/** A waypoint hop with two replicas, each keeping its half in its own subzone (the golden scenario's shape). */
function twoReplicaPolicy(backendShares: { locality: string; sharePercent: number }[]) {
  const hop = makeHop();
  const replica = { from: hop.from, trafficPercent: 50, priorities: [], endpoints: [], droppedPercent: 0 };
  return makePolicy({
    hops: [makeZtunnelHop(), { ...hop, replicas: [replica, replica] }],
    backendShares: backendShares.map((s, i) => makeEndpoint({ name: `pod-${i}`, ...s })),
  });
}

describe('renderPolicy: end to end', () => {
  it.each([
    {
      what: 'one replica per hop: no end-to-end line (it would repeat the last hop)',
      policy: makePolicy(),
      line: undefined,
    },
    {
      what: 'two replicas: the client requests per locality, largest first',
      policy: twoReplicaPolicy([
        { locality: 'r/z/sz-2', sharePercent: 25 },
        { locality: 'r/z/sz-1', sharePercent: 50 },
        { locality: 'r/z/sz-2', sharePercent: 25 },
        { locality: 'r/z/sz-3', sharePercent: 0 },
      ]),
      line: '*End to end*: 50% r/z/sz-1 · 50% r/z/sz-2',
    },
  ])('$what', ({ policy, line }) => {
    const text = allText(renderPolicy(policy, ctx));
    if (line === undefined) expect(text).not.toContain('End to end');
    else expect(text).toContain(line);
  });
});

describe('renderPolicy', () => {
  it('is the headline, three lines and the link: four blocks', () => {
    const m = renderPolicy(makePolicy(), { ...ctx, link: LINK });
    expect(m.blocks?.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    const lines = allText({ ...m, blocks: [m.blocks![2]!] }).split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.startsWith('• ')).toBe(true);
  });

  it.each([
    { what: 'the header', needle: 'Policy: httpbin/client-in-ambient → in-ambient.httpbin' },
    {
      what: 'the path on one line',
      needle:
        '*Path*: ZTUNNEL on node-1 [us-east-1/us-east-1a] (L4) → WAYPOINT waypoint [cluster1 · us-east-1/us-east-1a] (L7) → 1 endpoint of `in-ambient.httpbin.svc.cluster.local`',
    },
    {
      what: 'who decides on the last hop, and from where',
      needle:
        '• Hop 2: `ROUND_ROBIN`, `PreferSameZone` from SERVICE_SPEC on Service httpbin/in-ambient; DestinationRule httpbin/in-ambient.',
    },
    { what: 'the load per priority', needle: '• Load by priority: P0 100% (1/1 healthy).' },
    {
      what: 'the outlier detection in force',
      needle:
        '• Outlier detection: 1 × 5xx ejects for 30s, at most 10% of endpoints; panic below 50% healthy.',
    },
    {
      what: 'the snapshot and profile',
      needle: 'snapshot latest · profile SOLO · 0 errors, 0 warnings, 0 notes',
    },
    { what: 'the link last', needle: `<${LINK.replaceAll('&', '&amp;')}|Open this view in Spillway>` },
  ])('shows $what', ({ needle }) => {
    expect(allText(renderPolicy(makePolicy(), { ...ctx, link: LINK }))).toContain(needle);
  });

  it('says that a hop without outlier detection keeps failing endpoints in rotation', () => {
    const text = allText(renderPolicy(makePolicy({ hops: [makeZtunnelHop()] }), ctx));
    expect(text).toContain('No outlier detection on this hop: a failing endpoint keeps its share.');
    expect(text).toContain('no DestinationRule');
  });

  it('names up to three priority levels with their meaning, and counts the rest', () => {
    const hop = makeHop({
      priorities: [0, 1, 2, 3, 4].map((level) =>
        makePriority({
          level,
          loadPercent: level === 0 ? 70 : level === 1 ? 30 : 0,
          meaning: `tier ${level}`,
        }),
      ),
    });
    const text = allText(renderPolicy(makePolicy({ hops: [hop] }), ctx));
    expect(text).toContain(
      'Load by priority: P0 70% (1/1 healthy, tier 0) · P1 30% (1/1 healthy, tier 1) · P2 0% (1/1 healthy, tier 2) (+2 more).',
    );
  });

  it('puts the most severe warning or error in the third line', () => {
    const d = (code: Diagnostic['code'], severity: Diagnostic['severity']): Diagnostic => ({
      code,
      severity,
      message: `${code} <!channel> & friends`,
      resources: [],
    });
    const text = allText(
      renderPolicy(
        makePolicy({ diagnostics: [d('SPW0001', 'INFO'), d('SPW0002', 'WARNING'), d('SPW0003', 'ERROR')] }),
        ctx,
      ),
    );
    expect(text).toContain('• `SPW0003` SPW0003 &lt;!channel&gt; &amp; friends');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('1 errors, 1 warnings, 1 notes');
  });

  it('without a public URL points to GraphQL for the full answer', () => {
    const text = allText(renderPolicy(makePolicy(), ctx));
    expect(text).toContain('full answer: GraphQL `effectivePolicy`');
    expect(text).not.toContain('Open this view');
  });

  it('gives a plain-text fallback: title, headline, the three lines and the link', () => {
    const m = renderPolicy(makePolicy(), { ...ctx, link: LINK });
    const lines = m.text.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toBe(
      'Hop 2: ROUND_ROBIN, PreferSameZone from SERVICE_SPEC on Service httpbin/in-ambient; DestinationRule httpbin/in-ambient.',
    );
    expect(lines[5]).toBe(LINK);
  });

  it.each([
    { hops: 1, endpoints: 1 },
    { hops: 12, endpoints: 500 },
  ])('stays small with $hops hops of $endpoints endpoints', ({ hops, endpoints }) => {
    const endpointList = Array.from({ length: endpoints }, (_, i) =>
      makeEndpoint({
        name: `a-very-long-pod-name-for-testing-${i}-7c9d8f6b5-abcde`,
        sharePercent: 100 / endpoints,
      }),
    );
    const policy = makePolicy({
      hops: Array.from({ length: hops }, () => makeHop({ endpoints: endpointList })),
    });
    const m = renderPolicy(policy, { ...ctx, link: LINK });
    expectWithinSlackLimits(m);
    expect(m.blocks).toHaveLength(4);
    expect(allText(m)).toContain(`${endpoints} endpoint`);
  });

  it('answers in the channel when asked', () => {
    expect(renderPolicy(makePolicy(), { ...ctx, responseType: 'in_channel' }).response_type).toBe(
      'in_channel',
    );
  });

  it('says so when there is no hop', () => {
    expect(allText(renderPolicy(makePolicy({ hops: [] }), ctx))).toContain('No hop');
  });
});
