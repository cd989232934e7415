/**
 * The scenario's failure kind on one hop (`computeHopTraffic` with `HopScenario.failure`), each case
 * derived from upstream code:
 * - HTTP_5XX: the endpoint answers 503; Istio's default retry policy does not retry it
 *   (`EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY`), so its share is the error.
 * - CONNECT_FAILURE: Envoy retries it on another host (`DefaultPolicy`: 2 retries, previous_hosts, 5
 *   extra draws); ztunnel does not (`OutboundConnection::proxy_to` connects once).
 * - NOT_READY: removed from EDS or held UNHEALTHY (`notReadyEndpointHealth`), removed from ztunnel's
 *   candidates (`load_balance` picks healthy workloads); priorities recompute; nothing fails.
 * Every case also checks that health is stated once: each priority's healthy count equals the number of
 * its endpoints flagged healthy.
 */
import { describe, expect, it } from 'vitest';
import { computeHopTraffic, type HopScenario } from '../../../../src/engine/index.js';
import type { ResolvedHop } from '../../../../src/engine/model/resolved.js';
import { hopFailureInputs } from '../../../../src/engine/evaluate/hopFailureInputs.js';
import { makeHop, makeOutlierDetection, many } from '../evaluate/builders.js';

const id = (name: string): string => `cluster1/ns/${name}`;

function expectHealthStatedOnce(t: ReturnType<typeof computeHopTraffic>): void {
  for (const p of t.priorities) {
    const flagged = t.endpoints.filter((e) => e.priority === p.level && e.healthy).length;
    expect(flagged).toBe(p.healthy);
  }
}

const fourEnvoy = (): ResolvedHop => makeHop(many(4, 'p'), { loadBalancer: 'LEAST_REQUEST' });
const ztunnelTwoTiers = (): ResolvedHop =>
  makeHop([...many(1, 'a'), ...many(2, 'b', { priority: 1 })], {
    balancer: 'ZTUNNEL',
    layer: 'L4',
    ztunnel: { mode: 'FAILOVER', scopes: ['NETWORK', 'REGION', 'ZONE'], healthPolicy: 'ONLY_HEALTHY' },
  });

function scenarioFor(hop: ResolvedHop, failure: HopScenario['failure'], names: string[]): HopScenario {
  return {
    failingEndpointIds: names.map(id),
    ...hopFailureInputs('ISTIO_1_31', hop, failure ?? 'HTTP_5XX'),
  };
}

describe('failure kinds on one hop', () => {
  it.each([
    {
      name: 'Envoy, HTTP_5XX, no outlier detection: the 503s are not retried',
      hop: fourEnvoy,
      failure: 'HTTP_5XX' as const,
      failing: ['p-1'],
      // p-1 keeps its quarter and every request to it fails.
      error: 25,
      shares: { 'p-0': 25, 'p-1': 25, 'p-2': 25, 'p-3': 25 },
      retried: false,
      outcome: 'NO_OUTLIER_DETECTION',
    },
    {
      name: 'Envoy, CONNECT_FAILURE, no outlier detection: retried on another host',
      hop: fourEnvoy,
      failure: 'CONNECT_FAILURE' as const,
      failing: ['p-1'],
      // ¼ fail first; a retry keeps p-1 only if all 6 draws hit it, (¼)^6; twice: ¼ · (¼)^6 · (¼)^6 = (¼)^13.
      error: 100 * 0.25 ** 13,
      shares: { 'p-0': 25, 'p-1': 25, 'p-2': 25, 'p-3': 25 },
      retried: true,
      outcome: 'NO_OUTLIER_DETECTION',
    },
    {
      name: 'Envoy, NOT_READY (1.31: sent UNHEALTHY): the other three take a third each',
      hop: fourEnvoy,
      failure: 'NOT_READY' as const,
      failing: ['p-1'],
      // P0 health min(100, floor(140 · 3/4)) = 100: all load stays in P0, spread over the 3 healthy.
      error: 0,
      shares: { 'p-0': 100 / 3, 'p-1': 0, 'p-2': 100 / 3, 'p-3': 100 / 3 },
      retried: undefined,
      outcome: 'REMOVED_NOT_READY',
    },
    {
      name: 'ztunnel, HTTP_5XX: the only tier-0 endpoint keeps every connection and fails',
      hop: ztunnelTwoTiers,
      failure: 'HTTP_5XX' as const,
      failing: ['a-0'],
      error: 100,
      shares: { 'a-0': 100, 'b-0': 0, 'b-1': 0 },
      retried: undefined,
      outcome: 'NO_OUTLIER_DETECTION',
    },
    {
      name: 'ztunnel, CONNECT_FAILURE: no retry at L4, the connection fails',
      hop: ztunnelTwoTiers,
      failure: 'CONNECT_FAILURE' as const,
      failing: ['a-0'],
      error: 100,
      shares: { 'a-0': 100, 'b-0': 0, 'b-1': 0 },
      retried: undefined,
      outcome: 'NO_OUTLIER_DETECTION',
    },
    {
      name: 'ztunnel, NOT_READY: removed from candidates, FAILOVER moves to tier 1',
      hop: ztunnelTwoTiers,
      failure: 'NOT_READY' as const,
      failing: ['a-0'],
      error: 0,
      shares: { 'a-0': 0, 'b-0': 50, 'b-1': 50 },
      retried: undefined,
      outcome: 'REMOVED_NOT_READY',
    },
  ])('$name', ({ hop, failure, failing, error, shares, retried, outcome }) => {
    const h = hop();
    const t = computeHopTraffic(h, scenarioFor(h, failure, failing));
    expect(t.errorPercent).toBeCloseTo(error, 12);
    for (const [name, share] of Object.entries(shares))
      expect(t.endpoints.find((e) => e.name === name)?.sharePercent).toBeCloseTo(share, 9);
    expect(t.retries?.retried).toBe(retried);
    expect(t.ejections.map((e) => e.outcome)).toEqual([outcome]);
    expectHealthStatedOnce(t);
  });

  it('NOT_READY under ISTIO_1_30 drops the endpoint from EDS: the priority counts 3 hosts', () => {
    const h = fourEnvoy();
    const t = computeHopTraffic(h, {
      failingEndpointIds: [id('p-1')],
      ...hopFailureInputs('ISTIO_1_30', h, 'NOT_READY'),
    });
    expect(t.priorities[0]).toMatchObject({ endpoints: 3, healthy: 3 });
    expectHealthStatedOnce(t);
  });

  it('NOT_READY under ISTIO_1_31 keeps it as UNHEALTHY: 4 hosts, 3 healthy', () => {
    const h = fourEnvoy();
    const t = computeHopTraffic(h, scenarioFor(h, 'NOT_READY', ['p-1']));
    expect(t.priorities[0]).toMatchObject({ endpoints: 4, healthy: 3 });
  });

  it('CONNECT_FAILURE is counted by outlier detection like a 503 (putResultNoLocalExternalSplit)', () => {
    const h = makeHop(many(3, 'pod'), {
      loadBalancer: 'LEAST_REQUEST',
      outlierDetection: makeOutlierDetection({ consecutive5xxErrors: 3, maxEjectionPercent: 50 }),
    });
    const t = computeHopTraffic(h, scenarioFor(h, 'CONNECT_FAILURE', ['pod-0']));
    expect(t.ejections[0]?.outcome).toBe('EJECTED');
    expect(t.ejections[0]?.reason).toContain('3 consecutive connect failures');
    // Ejected: nothing reaches it, nothing is retried, no errors; the hop still reports the policy.
    expect(t.errorPercent).toBe(0);
    expect(t.retries?.attemptsPerRequest).toBe(1);
  });

  it('a failed zone on a ztunnel path: the failing endpoint is healthy in ztunnel’s eyes, and says it fails', () => {
    const h = ztunnelTwoTiers();
    const t = computeHopTraffic(h, scenarioFor(h, 'HTTP_5XX', ['a-0']));
    const a0 = t.endpoints.find((e) => e.name === 'a-0');
    expect(a0).toMatchObject({ healthy: true, failing: true });
    expect(t.priorities[0]).toMatchObject({ healthy: 1 });
  });
});
