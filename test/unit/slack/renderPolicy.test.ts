import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/engine/model/answer.js';
import { renderPolicy } from '../../../src/slack/renderPolicy.js';
import { allText, expectWithinSlackLimits } from './slackAssertions.js';
import { makeEndpoint, makeHop, makePolicy, makePriority } from './slackBuilders.js';

const ctx = {
  client: 'httpbin/client-in-ambient',
  backend: 'in-ambient.httpbin',
  snapshot: 'latest',
  responseType: 'ephemeral' as const,
};

describe('renderPolicy', () => {
  it.each([
    { what: 'the header', needle: 'Policy: httpbin/client-in-ambient → in-ambient.httpbin' },
    {
      what: 'the ztunnel hop',
      needle: '1. ZTUNNEL on node-1 [us-east-1/us-east-1a] → `waypoint.httpbin.svc.cluster.local` (L4)',
    },
    {
      what: 'the waypoint hop',
      needle:
        '2. WAYPOINT waypoint [cluster1 · us-east-1/us-east-1a] → `in-ambient.httpbin.svc.cluster.local` (L7)',
    },
    {
      what: 'the mode and its source',
      needle: '`PreferClose` from SERVICE_SPEC on Service httpbin/in-ambient `spec.trafficDistribution`',
    },
    {
      what: 'the DR in force',
      needle:
        '*DestinationRule in force*\nDestinationRule httpbin/in-ambient\napplies: `trafficPolicy.outlierDetection`',
    },
    { what: 'no DR on the ztunnel hop', needle: '*DestinationRule in force*\nnone' },
    { what: 'no outlier detection on the ztunnel hop', needle: '*Outlier detection*\nnone' },
    { what: 'the load balancer', needle: '`ROUND_ROBIN`' },
    { what: 'the locality LB', needle: 'FAILOVER_PRIORITY (active)' },
    { what: 'outlier detection', needle: '1 × 5xx · every 1s · eject 30s · cap 10%' },
    { what: 'panic and overprovisioning', needle: '50% · 140%' },
    { what: 'the profile', needle: 'profile SOLO' },
    { what: 'share units', needle: '*Endpoints* (connection shares)' },
  ])('shows $what', ({ needle }) => {
    expect(allText(renderPolicy(makePolicy(), ctx))).toContain(needle);
  });

  it('renders the priority and endpoint tables as aligned rows', () => {
    const policy = makePolicy({
      hops: [
        makeHop({
          priorities: [
            makePriority({ level: 0, endpoints: 2, healthy: 1, healthPercent: 70, loadPercent: 70 }),
            makePriority({ level: 1, endpoints: 1, healthy: 1, loadPercent: 30 }),
          ],
          endpoints: [
            makeEndpoint({ name: 'pod-a', sharePercent: 70, priority: 0 }),
            makeEndpoint({ name: 'pod-b', sharePercent: 0, priority: 0, healthy: false }),
            makeEndpoint({ name: 'pod-c', sharePercent: 30, priority: 1, locality: 'us-west-1/us-west-1a/' }),
          ],
        }),
      ],
    });
    const text = allText(renderPolicy(policy, ctx));
    expect(text).toMatch(/P0 +1\/2 +70% +70%/);
    expect(text).toMatch(/P1 +1\/1 +100% +30%/);
    expect(text).toMatch(/pod-a +us-east-1\/us-east-1a +P0 +70% +healthy/);
    expect(text).toMatch(/pod-b +us-east-1\/us-east-1a +P0 +0% +unhealthy/);
    expect(text).toMatch(/pod-c +us-west-1\/us-west-1a +P1 +30% +healthy/);
  });

  it('puts the most severe diagnostics first and counts the rest', () => {
    const d = (code: string, severity: Diagnostic['severity']): Diagnostic => ({
      code,
      severity,
      message: `${code} message`,
      resources: [],
    });
    const diagnostics = [
      d('SPW0001', 'INFO'),
      d('SPW0002', 'WARNING'),
      d('SPW0003', 'ERROR'),
      ...Array.from({ length: 6 }, (_, i) => d(`SPW01${i}`, 'INFO')),
    ];
    const text = allText(renderPolicy(makePolicy({ diagnostics }), ctx));
    expect(text.indexOf('SPW0003')).toBeLessThan(text.indexOf('SPW0002'));
    expect(text.indexOf('SPW0002')).toBeLessThan(text.indexOf('SPW0001'));
    expect(text).toContain('…and 4 more.');
  });

  it('escapes mrkdwn control characters in names and messages', () => {
    const diagnostics: Diagnostic[] = [
      { code: 'SPW0009', severity: 'WARNING', message: 'use <!channel> & friends', resources: [] },
    ];
    const text = allText(renderPolicy(makePolicy({ diagnostics }), ctx));
    expect(text).toContain('use &lt;!channel&gt; &amp; friends');
    expect(text).not.toContain('<!channel>');
  });

  it('gives a plain-text fallback with one line per hop', () => {
    const m = renderPolicy(makePolicy(), ctx);
    expect(m.text.split('\n')).toHaveLength(4);
    expect(m.text).toContain(
      'hop 2: WAYPOINT waypoint [cluster1 · us-east-1/us-east-1a] -> in-ambient.httpbin.svc.cluster.local (L7); PreferClose from SERVICE_SPEC; ROUND_ROBIN; DestinationRule httpbin/in-ambient',
    );
  });

  it.each([
    { hops: 1, endpoints: 1 },
    { hops: 3, endpoints: 40 },
    { hops: 12, endpoints: 500 },
  ])('stays within Slack limits with $hops hops of $endpoints endpoints', ({ hops, endpoints }) => {
    const endpointList = Array.from({ length: endpoints }, (_, i) =>
      makeEndpoint({
        name: `a-very-long-pod-name-for-testing-${i}-7c9d8f6b5-abcde`,
        sharePercent: 100 / endpoints,
      }),
    );
    const policy = makePolicy({
      hops: Array.from({ length: hops }, () =>
        makeHop({ endpoints: endpointList, notes: ['n1', 'n2', 'n3', 'n4'] }),
      ),
    });
    const m = renderPolicy(policy, ctx);
    expectWithinSlackLimits(m);
    const text = allText(m);
    if (endpoints > 20) expect(text).toContain(`… ${endpoints - 20} more endpoints`);
    if (hops > 3) expect(text).toContain("left out to stay within Slack's limits");
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
