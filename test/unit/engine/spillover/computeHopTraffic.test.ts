import { describe, expect, it } from 'vitest';
import { computeHopTraffic } from '../../../../src/engine/index.js';
import { makeHop, makeOutlierDetection, many } from '../evaluate/builders.js';

const id = (name: string): string => `cluster1/ns/${name}`;
const shares = (t: ReturnType<typeof computeHopTraffic>): Record<string, number> =>
  Object.fromEntries(t.endpoints.map((e) => [e.name, Math.round(e.sharePercent * 1000) / 1000]));

describe('computeHopTraffic: Envoy', () => {
  // Seed 000 ("L7 load-based spillover"): a level stays at 100 % until fewer than ~72 % are healthy.
  it.each([
    [72, 100, 0],
    [71, 99, 1],
    [50, 70, 30],
    [25, 35, 65],
  ])('%i of 100 healthy in P0 keeps %i % there, spills %i %', (healthy, p0, p1) => {
    const hop = makeHop([
      ...many(healthy, 'a', { priority: 0 }),
      ...many(100 - healthy, 'u', { priority: 0, health: 'UNHEALTHY' }),
      ...many(100, 'b', { priority: 1 }),
    ]);
    const t = computeHopTraffic(hop);
    expect(t.priorities.map((p) => p.loadPercent)).toEqual([p0, p1]);
    expect(t.endpoints.reduce((s, e) => s + e.sharePercent, 0)).toBeCloseTo(100, 9);
    expect(t.endpoints.find((e) => e.name === 'a-0')?.sharePercent).toBeCloseTo(p0 / healthy, 9);
  });

  // Seed 001 (httpbin walk-through): 3 endpoints, one failing with 3 consecutive 5xx.
  it.each([
    [50, 'EJECTED', { 'pod-0': 0, 'pod-1': 50, 'pod-2': 50 }, 0],
    [10, 'REFUSED_BY_CAP', { 'pod-0': 33.333, 'pod-1': 33.333, 'pod-2': 33.333 }, 100 / 3],
  ])('httpbin at maxEjectionPercent %i: %s', (maxEjectionPercent, outcome, expected, errors) => {
    const hop = makeHop(many(3, 'pod'), {
      outlierDetection: makeOutlierDetection({
        consecutive5xxErrors: 3,
        maxEjectionPercent,
        baseEjectionTimeSeconds: 30,
      }),
    });
    const t = computeHopTraffic(hop, { failingEndpointIds: [id('pod-0')] });
    expect(t.ejections).toHaveLength(1);
    expect(t.ejections[0]?.outcome).toBe(outcome);
    expect(shares(t)).toEqual(expected);
    expect(t.errorPercent).toBeCloseTo(errors, 9);
    if (outcome === 'EJECTED') {
      expect(t.ejections[0]?.ejectionSeconds).toBe(30);
      expect(t.ejections[0]?.reason).toContain('1 of 3 hosts ejected (33.3 %)');
    } else {
      expect(t.ejections[0]?.reason).toContain('exceeds maxEjectionPercent 10 %');
    }
  });

  it('without outlier detection a failing endpoint keeps its share as errors', () => {
    const t = computeHopTraffic(makeHop(many(4, 'p')), { failingEndpointIds: [id('p-1')] });
    expect(t.ejections[0]?.outcome).toBe('NO_OUTLIER_DETECTION');
    expect(t.errorPercent).toBe(25);
    // Health is stated once: Envoy still counts p-1 healthy (nothing ejected it), so its flag says so
    // and `failing` says it fails.
    expect(t.endpoints.find((e) => e.name === 'p-1')).toMatchObject({
      healthy: true,
      failing: true,
      ejected: false,
      sharePercent: 25,
    });
    expect(t.priorities[0]?.healthy).toBe(4);
  });

  it('ejects in the order given until the cap (20 hosts at 10 % → 2)', () => {
    const hop = makeHop(many(20, 'p'), { outlierDetection: makeOutlierDetection() });
    const t = computeHopTraffic(hop, { failingEndpointIds: ['p-3', 'p-1', 'p-2'].map(id) });
    expect(t.ejections.map((e) => [e.endpointName, e.outcome])).toEqual([
      ['p-3', 'EJECTED'],
      ['p-1', 'EJECTED'],
      ['p-2', 'REFUSED_BY_CAP'],
    ]);
    expect(t.errorPercent).toBeCloseTo(100 / 18, 9);
  });

  it('the cap counts hosts of every priority (9 in P0 + 1 in P1 allows one ejection at 10 %)', () => {
    const hop = makeHop([...many(9, 'a'), ...many(1, 'b', { priority: 1 })], {
      outlierDetection: makeOutlierDetection(),
    });
    const t = computeHopTraffic(hop, { failingEndpointIds: [id('a-0')] });
    expect(t.ejections[0]?.outcome).toBe('EJECTED');
  });

  it('the ≤ 1.26 rule ejects the first host even beyond the cap', () => {
    const hop = makeHop(many(3, 'p'), { outlierDetection: makeOutlierDetection() });
    expect(
      computeHopTraffic(hop, { failingEndpointIds: [id('p-0')], ejectionRule: 'ENVOY_1_26' }).ejections[0]
        ?.outcome,
    ).toBe('EJECTED');
    expect(computeHopTraffic(hop, { failingEndpointIds: [id('p-0')] }).ejections[0]?.outcome).toBe(
      'REFUSED_BY_CAP',
    );
  });

  it('an endpoint without traffic is not ejected until failover brings traffic to it', () => {
    const hop = makeHop([...many(2, 'a'), ...many(2, 'b', { priority: 1 })], {
      outlierDetection: makeOutlierDetection({ maxEjectionPercent: 100 }),
    });
    const t = computeHopTraffic(hop, { failingEndpointIds: ['b-0', 'a-0', 'a-1'].map(id) });
    // a-0, a-1 ejected first (b-0 has no traffic then); P0 empties, P1 takes everything, b-0 is judged next.
    expect(t.ejections.map((e) => [e.endpointName, e.outcome])).toEqual([
      ['a-0', 'EJECTED'],
      ['a-1', 'EJECTED'],
      ['b-0', 'EJECTED'],
    ]);
    expect(shares(t)).toEqual({ 'a-0': 0, 'a-1': 0, 'b-0': 0, 'b-1': 100 });
  });

  it("panic sends a priority's share to all its hosts, ejected ones included", () => {
    const hop = makeHop(many(4, 'p'), {
      panicThresholdPercent: 50,
      outlierDetection: makeOutlierDetection({ maxEjectionPercent: 100 }),
    });
    const t = computeHopTraffic(hop, { failingEndpointIds: ['p-0', 'p-1', 'p-2'].map(id) });
    expect(t.priorities[0]?.panic).toBe(true);
    expect(shares(t)).toEqual({ 'p-0': 25, 'p-1': 25, 'p-2': 25, 'p-3': 25 });
    expect(t.errorPercent).toBe(75);
  });

  it('panic threshold 0 and nothing healthy drops everything', () => {
    const t = computeHopTraffic(makeHop(many(2, 'p', { health: 'UNHEALTHY' })));
    expect(t.droppedPercent).toBe(100);
    expect(t.endpoints.every((e) => e.sharePercent === 0)).toBe(true);
  });

  it('locality weights split a priority by effective weight, then evenly inside a locality', () => {
    const hop = makeHop(
      [
        ...many(50, 'x', { zone: 'z1', localityWeight: 1 }),
        ...many(50, 'xu', { zone: 'z1', localityWeight: 1, health: 'UNHEALTHY' }),
        ...many(100, 'y', { zone: 'z2', localityWeight: 2 }),
      ],
      { localityWeighted: true },
    );
    const t = computeHopTraffic(hop);
    const x = t.endpoints.filter((e) => e.name.startsWith('x-')).reduce((s, e) => s + e.sharePercent, 0);
    expect(x).toBeCloseTo(25.926, 3);
    expect(t.endpoints.find((e) => e.name === 'x-0')?.sharePercent).toBeCloseTo(25.926 / 50, 3);
  });

  it('degraded hosts serve only after every healthy priority', () => {
    const hop = makeHop([...many(1, 'd', { health: 'DEGRADED' }), ...many(1, 'h', { priority: 1 })]);
    expect(shares(computeHopTraffic(hop))).toEqual({ 'd-0': 0, 'h-0': 100 });
  });

  it('overprovisioning override changes the spill point', () => {
    const hop = makeHop([
      ...many(4, 'a'),
      ...many(4, 'u', { health: 'UNHEALTHY' }),
      ...many(8, 'b', { priority: 1 }),
    ]);
    expect(computeHopTraffic(hop).priorities.map((p) => p.loadPercent)).toEqual([70, 30]);
    expect(
      computeHopTraffic(hop, { overprovisioningFactor: 100 }).priorities.map((p) => p.loadPercent),
    ).toEqual([50, 50]);
  });
});

describe('computeHopTraffic: ztunnel and kube-proxy', () => {
  const ztunnelHop = (mode: 'STANDARD' | 'FAILOVER' | 'STRICT', tier0Health: 'HEALTHY' | 'UNHEALTHY') =>
    makeHop(
      [
        ...many(2, 'a', { health: tier0Health }),
        ...many(2, 'b', { priority: 1, weight: 3 }),
        ...many(1, 'c', { priority: 1 }),
      ],
      {
        balancer: 'ZTUNNEL',
        layer: 'L4',
        ztunnel: { mode, scopes: ['NETWORK', 'REGION', 'ZONE'], healthPolicy: 'ONLY_HEALTHY' },
      },
    );

  it.each([
    ['FAILOVER', 'HEALTHY', { 'a-0': 50, 'a-1': 50, 'b-0': 0, 'b-1': 0, 'c-0': 0 }, 0],
    ['FAILOVER', 'UNHEALTHY', { 'a-0': 0, 'a-1': 0, 'b-0': 42.857, 'b-1': 42.857, 'c-0': 14.286 }, 0],
    ['STRICT', 'UNHEALTHY', { 'a-0': 0, 'a-1': 0, 'b-0': 0, 'b-1': 0, 'c-0': 0 }, 100],
    [
      'STANDARD',
      'HEALTHY',
      { 'a-0': 100 / 9, 'a-1': 100 / 9, 'b-0': 100 / 3, 'b-1': 100 / 3, 'c-0': 100 / 9 },
      0,
    ],
  ] as const)('%s with tier 0 %s', (mode, health, expected, dropped) => {
    const t = computeHopTraffic(ztunnelHop(mode, health));
    expect(t.shareUnit).toBe('CONNECTION');
    Object.entries(expected).forEach(([name, share]) =>
      expect(t.endpoints.find((e) => e.name === name)?.sharePercent).toBeCloseTo(share, 3),
    );
    expect(t.droppedPercent).toBe(dropped);
  });

  it('ztunnel keeps a failing endpoint (no outlier detection): its share fails, nothing spills', () => {
    const t = computeHopTraffic(ztunnelHop('FAILOVER', 'HEALTHY'), { failingEndpointIds: [id('a-0')] });
    expect(t.ejections[0]?.outcome).toBe('NO_OUTLIER_DETECTION');
    expect(t.errorPercent).toBe(50);
    expect(t.priorities.map((p) => p.loadPercent)).toEqual([100, 0]);
  });

  it('kube-proxy spreads uniformly over ready endpoints', () => {
    const hop = makeHop([...many(3, 'r'), ...many(1, 'n', { health: 'UNHEALTHY' })], {
      balancer: 'KUBE_PROXY',
      layer: 'L4',
    });
    const t = computeHopTraffic(hop);
    expect(t.endpoints.map((e) => e.sharePercent)).toEqual([100 / 3, 100 / 3, 100 / 3, 0]);
  });
});

describe('computeHopTraffic: ejection outcomes without traffic', () => {
  it('a failing endpoint that never receives traffic is NOT_ON_PATH; an EDS-unhealthy one is ALREADY_UNHEALTHY', () => {
    const hop = makeHop(
      [...many(3, 'a'), ...many(1, 'x', { health: 'UNHEALTHY' }), ...many(2, 'b', { priority: 1 })],
      {
        outlierDetection: makeOutlierDetection({ maxEjectionPercent: 100 }),
      },
    );
    const t = computeHopTraffic(hop, { failingEndpointIds: ['b-0', 'x-0'].map(id) });
    expect(t.ejections.map((e) => [e.endpointName, e.outcome])).toEqual([
      ['x-0', 'ALREADY_UNHEALTHY'],
      ['b-0', 'NOT_ON_PATH'],
    ]);
    expect(t.errorPercent).toBe(0);
  });

  it('consecutive5xxErrors 0 without gateway errors means nothing is enforced', () => {
    const hop = makeHop(many(2, 'a'), {
      outlierDetection: makeOutlierDetection({ consecutive5xxErrors: 0, maxEjectionPercent: 100 }),
    });
    const t = computeHopTraffic(hop, { failingEndpointIds: [id('a-0')] });
    expect(t.ejections[0]?.outcome).toBe('NO_OUTLIER_DETECTION');
    expect(t.errorPercent).toBe(50);
  });

  it('gateway errors alone eject (503 is a gateway error)', () => {
    const hop = makeHop(many(2, 'a'), {
      outlierDetection: makeOutlierDetection({
        consecutive5xxErrors: 0,
        consecutiveGatewayErrors: 2,
        maxEjectionPercent: 100,
      }),
    });
    const t = computeHopTraffic(hop, { failingEndpointIds: [id('a-0')] });
    expect(t.ejections[0]?.outcome).toBe('EJECTED');
    expect(t.ejections[0]?.reason).toContain('consecutiveGatewayErrors');
  });
});
