/**
 * Failures behind an east-west gateway (`gatewayFailures`, `meanRequestsToStreak`, and their effect in
 * `computeHopPlacement`), written from upstream: the client holds one stand-in per gateway and locality
 * group, weighted by the remote endpoints' summed weight (`EndpointsByNetworkFilter`, ep_filters.go); the
 * ambient east-west gateway balances every connection over its network's endpoints with no
 * DestinationRule of its own (`buildWaypointInboundClusters`, cluster_waypoint.go), so a failing remote
 * endpoint fails a share φ of what the client sends through the gateway; a not-ready one leaves EDS.
 */
import { describe, expect, it } from 'vitest';
import type { FailureKind } from '../../../../src/engine/model/answer.js';
import type { ResolvedEndpoint } from '../../../../src/engine/model/resolved.js';
import {
  computeHopPlacement,
  gatewayFailures,
  meanRequestsToStreak,
} from '../../../../src/engine/spillover/index.js';
import { makeHop, makeOutlierDetection } from '../evaluate/builders.js';

const remote = (id: string, weight: number, zone: string): ResolvedEndpoint => ({
  id,
  name: id,
  cluster: 'c2',
  network: 'n2',
  locality: { region: 'r', zone, subzone: '' },
  priority: 0,
  rawPriority: 0,
  priorityReason: 'remote',
  health: 'EXCLUDED',
  weight,
});

const standIn = (gateway: string, zone: string, standsFor: string[], weight: number): ResolvedEndpoint => ({
  ...remote(`${gateway}@${zone}`, weight, zone),
  health: 'HEALTHY',
  workload: { kind: 'Gateway', name: gateway, namespace: 'istio-system', cluster: 'c2' },
  standsFor,
});

// Gateway gw1 fronts a (weight 1) and b (weight 1) in zone z1 and c (weight 2) in zone z2: two stand-ins,
// weights 2 and 2. Gateway gw2 fronts d alone.
const ENDPOINTS: readonly ResolvedEndpoint[] = [
  remote('a', 1, 'z1'),
  remote('b', 1, 'z1'),
  remote('c', 2, 'z2'),
  remote('d', 1, 'z3'),
  standIn('gw1', 'z1', ['a', 'b'], 2),
  standIn('gw1', 'z2', ['c'], 2),
  standIn('gw2', 'z3', ['d'], 1),
];

describe('gatewayFailures', () => {
  it.each<[string, number[], FailureKind, 'UNHEALTHY' | 'EXCLUDED', number[], [number, number, number?][]]>([
    ['nothing fails', [], 'HTTP_5XX', 'EXCLUDED', [], []],
    // gw1 balances over a, b, c (weights 1 + 1 + 2 = 4) whichever stand-in the client picked: a fails →
    // φ = 1/4 on both of its stand-ins.
    [
      'a fails: ¼ of everything through gw1',
      [0],
      'HTTP_5XX',
      'EXCLUDED',
      [],
      [
        [4, 0.25],
        [5, 0.25],
      ],
    ],
    // c fails: 2 of 4 → φ = ½, also on the z1 stand-in whose own endpoints all answer.
    [
      'c fails: ½ through both gw1 stand-ins',
      [2],
      'CONNECT_FAILURE',
      'EXCLUDED',
      [],
      [
        [4, 0.5],
        [5, 0.5],
      ],
    ],
    ['a, b, c fail: gw1 fails as a host', [0, 1, 2], 'HTTP_5XX', 'EXCLUDED', [4, 5], []],
    ['d fails: gw2 fronts nothing else', [3], 'HTTP_5XX', 'EXCLUDED', [6], []],
    // NOT_READY is per locality group (EDS weights): a leaves z1's group → that stand-in weighs
    // 2 × (2 − 1)/2 = 1; the z2 stand-in is untouched; nothing fails (φ = 0).
    ['a not ready: the z1 stand-in weighs 1', [0], 'NOT_READY', 'EXCLUDED', [], [[4, 0, 1]]],
    // This proxy takes not-ready endpoints as UNHEALTHY: EndpointsByNetworkFilter still sums their weight.
    ['a not ready, sent UNHEALTHY: weight kept', [0], 'NOT_READY', 'UNHEALTHY', [], [[4, 0]]],
    ['a and b not ready: the z1 stand-in leaves EDS', [0, 1], 'NOT_READY', 'EXCLUDED', [4], []],
    ['a stand-in named itself is the caller’s', [4], 'HTTP_5XX', 'EXCLUDED', [], []],
  ])('%s', (_name, failing, failure, notReady, whole, partial) => {
    const out = gatewayFailures(ENDPOINTS, failing, failure, notReady);
    expect(out.whole).toEqual(whole);
    expect(
      out.partial.map((g) =>
        g.weight === undefined ? [g.index, g.fraction] : [g.index, g.fraction, g.weight],
      ),
    ).toEqual(partial);
  });
});

describe('gatewayFailures: what the answer says it does not model', () => {
  it.each<[string, number[], boolean]>([
    // gw1 fronts a, b (z1) and c (z2): its own locality preference could favour one zone; φ ignores it.
    ['endpoints in two zones behind gw1', [0], true],
    // A gateway fronting one zone has nothing to prefer.
    ['one zone behind gw1 (c removed from the picture)', [0], false],
  ])('%s', (_name, failing, mentioned) => {
    const endpoints = mentioned
      ? ENDPOINTS
      : ENDPOINTS.map((e) =>
          e.id === 'c' ? { ...e, locality: { region: 'r', zone: 'z1', subzone: '' } } : e,
        );
    const reason = gatewayFailures(endpoints, failing, 'HTTP_5XX').partial[0]?.reason ?? '';
    expect(reason.includes('is not modelled')).toBe(mentioned);
  });

  it('connect failures say the error rate is an upper bound', () => {
    const reason = gatewayFailures(ENDPOINTS, [0], 'CONNECT_FAILURE').partial[0]?.reason ?? '';
    expect(reason).toContain('upper bound');
  });
});

describe('meanRequestsToStreak: mean requests until n consecutive failures, (1 − φⁿ)/((1 − φ)·φⁿ)', () => {
  it.each([
    // (1 − 1/32)/(½ · 1/32) = 62.
    [0.5, 5, 62],
    // n = 1: (1 − φ)/((1 − φ)·φ) = 1/φ = 2.
    [0.5, 1, 2],
    // (1 − 10⁻⁵)/(0.9 · 10⁻⁵) = 111 110.
    [0.1, 5, 111_110],
    // Every request fails: the streak itself.
    [1, 5, 5],
    // Nothing fails: never.
    [0, 5, Infinity],
  ])('φ %d, n %d → %d', (phi, n, expected) => {
    const mean = meanRequestsToStreak(phi, n);
    if (Number.isFinite(expected)) expect(mean).toBeCloseTo(expected, 6);
    else expect(mean).toBe(Infinity);
  });
});

describe('computeHopPlacement with a gateway failing in part', () => {
  // A local pod (weight 1) and the z1 stand-in (weight 2, for a and b) at one priority, no locality
  // weighting: ROUND_ROBIN by weight gives 1/3 and 2/3.
  const hop = (outlier = false) =>
    makeHop([{ name: 'local', weight: 1 }], {
      endpoints: [
        ...makeHop([{ name: 'local', weight: 1 }]).endpoints,
        remote('a', 1, 'z1'),
        remote('b', 1, 'z1'),
        { ...standIn('gw1', 'z1', ['a', 'b'], 2), priority: 0 },
      ],
      ...(outlier ? { outlierDetection: makeOutlierDetection({ maxEjectionPercent: 100 }) } : {}),
    });

  it.each<[string, FailureKind, boolean, number[], number, string[]]>([
    // a answers 5xx: φ = ½ of the gateway's 2/3 fails, not retried: 100 × 2/3 × ½ = 33.33 %.
    [
      '5xx, no outlier detection',
      'HTTP_5XX',
      false,
      [100 / 3, 0, 0, 200 / 3],
      100 / 3,
      ['NOT_ON_PATH', 'NO_OUTLIER_DETECTION'],
    ],
    // With outlier detection (5 consecutive 5xx, cap 100): a run of 5 among its requests comes after
    // (1 − 1/32)/(½ · 1/32) = 62 requests on average, and 1 of 2 hosts = 50 % ≤ 100 → EJECTED; the pod
    // takes 100 % and nothing fails.
    [
      '5xx, outlier detection ejects the gateway',
      'HTTP_5XX',
      true,
      [100, 0, 0, 0],
      0,
      ['NOT_ON_PATH', 'EJECTED'],
    ],
    // a not ready (istiod leaves it out): the stand-in weighs 2 × 1/2 = 1 → 50 % / 50 %, nothing fails.
    ['not ready: the gateway weighs 1', 'NOT_READY', false, [50, 0, 0, 50], 0, ['REMOVED_NOT_READY']],
  ])('%s', (_name, failure, outlier, shares, errorPercent, outcomes) => {
    const placed = computeHopPlacement(hop(outlier), { failingEndpointIds: ['a'], failure });
    [...placed.shares].forEach((s, i) => expect(s).toBeCloseTo(shares[i] ?? 0, 9));
    expect(placed.errorPercent).toBeCloseTo(errorPercent, 9);
    expect(placed.ejections.map((e) => e.outcome)).toEqual(outcomes);
    if (failure !== 'NOT_READY') expect(placed.failingFraction?.[3]).toBe(0.5);
  });

  it('the ejection says why a gateway that fails half its requests still trips', () => {
    const placed = computeHopPlacement(hop(true), { failingEndpointIds: ['a'] });
    expect(placed.ejections[1]?.reason).toContain('after about 62 requests on average');
  });
});
