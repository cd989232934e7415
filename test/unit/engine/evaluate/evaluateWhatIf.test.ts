import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/engine/errors.js';
import type { Scenario } from '../../../../src/engine/model/answer.js';
import {
  composeInSeries,
  evaluateEffectivePolicy,
  evaluateSweep,
  evaluateWhatIf,
  LOAD_MODEL_NOTES,
} from '../../../../src/engine/evaluate/index.js';
import { makeHop, makeOutlierDetection, makePath, many } from './builders.js';

/** Seed 001: client ztunnel → waypoint (1 instance) → 3 in-ambient pods, DR with outlier detection. */
function httpbinPath(maxEjectionPercent: number) {
  const toWaypoint = makeHop(many(1, 'httpbin-waypoint'), {
    from: { kind: 'ZTUNNEL', name: 'ztunnel' },
    to: 'httpbin-waypoint.httpbin.svc.cluster.local',
    layer: 'L4',
    balancer: 'ZTUNNEL',
    ztunnel: { mode: 'FAILOVER', scopes: ['NETWORK', 'REGION', 'ZONE'], healthPolicy: 'ONLY_HEALTHY' },
  });
  const toBackend = makeHop(
    ['in-ambient-abc12', 'in-ambient-def34', 'in-ambient-ghi56'].map((name, i) => ({
      name,
      address: `10.10.0.${(16 + i).toString()}`,
    })),
    {
      outlierDetection: makeOutlierDetection({
        consecutive5xxErrors: 3,
        maxEjectionPercent,
        baseEjectionTimeSeconds: 30,
      }),
    },
  );
  return makePath([toWaypoint, toBackend]);
}

const shares = (w: ReturnType<typeof evaluateWhatIf>, hop: number) =>
  Object.fromEntries(
    (w.scenario.hops[hop]?.endpoints ?? []).map((e) => [e.name, Math.round(e.sharePercent * 1000) / 1000]),
  );

describe('evaluateWhatIf', () => {
  it.each([
    ['in-ambient-abc12', 50, 'EJECTED', 0],
    ['10.10.0.16', 50, 'EJECTED', 0],
    ['cluster1/ns/in-ambient-abc12', 50, 'EJECTED', 0],
    // 100/3 at answer precision (6 decimals, src/engine/evaluate/presentPercent.ts).
    ['in-ambient-abc12', 10, 'REFUSED_BY_CAP', 33.333333],
  ])('httpbin walk-through: eject %s at maxEjectionPercent %i → %s', (reference, mep, outcome, errors) => {
    const w = evaluateWhatIf(httpbinPath(mep), { ejectEndpoints: [reference] });
    expect(w.ejections).toEqual([expect.objectContaining({ endpoint: reference, hop: 1, outcome })]);
    expect(w.errorPercent).toBeCloseTo(errors, 9);
    if (outcome === 'EJECTED') {
      expect(w.ejections[0]?.ejectionSeconds).toBe(30);
      expect(shares(w, 1)).toEqual({ 'in-ambient-abc12': 0, 'in-ambient-def34': 50, 'in-ambient-ghi56': 50 });
      expect(w.scenario.hops[1]?.endpoints[0]).toMatchObject({ ejected: true, healthy: false });
    } else {
      expect(w.ejections[0]?.reason).toMatch(
        /1 of 3 hosts ejected \(33\.3 %\).*exceeds maxEjectionPercent 10 %/,
      );
    }
    // The baseline is untouched by the scenario.
    // Thirds at answer precision, apportioned so they still sum to 100.
    expect(w.baseline.hops[1]?.endpoints.map((e) => e.sharePercent)).toEqual([
      33.333334, 33.333333, 33.333333,
    ]);
    expect(w.baseline.hops[0]?.shareUnit).toBe('CONNECTION');
    expect(w.baseline.hops[1]?.shareUnit).toBe('REQUEST');
  });

  it('unknown references are reported, not thrown', () => {
    const w = evaluateWhatIf(httpbinPath(50), { ejectEndpoints: ['nope'], failLocalities: ['eu-west'] });
    expect(w.ejections.map((e) => [e.endpoint, e.outcome])).toEqual([
      ['nope', 'UNKNOWN_ENDPOINT'],
      ['eu-west', 'UNKNOWN_ENDPOINT'],
    ]);
    expect(w.errorPercent).toBe(0);
  });

  it('a failing waypoint instance on the first hop errors its share of the request', () => {
    const path = httpbinPath(50);
    const twoWaypoints = makePath([
      { ...path.hops[0]!, endpoints: makeHop(many(2, 'httpbin-waypoint')).endpoints },
      path.hops[1]!,
    ]);
    const w = evaluateWhatIf(twoWaypoints, { ejectEndpoints: ['httpbin-waypoint-0', 'in-ambient-abc12'] });
    expect(w.ejections.map((e) => [e.endpoint, e.hop, e.outcome])).toEqual([
      ['httpbin-waypoint-0', 0, 'NO_OUTLIER_DETECTION'],
      ['in-ambient-abc12', 1, 'EJECTED'],
    ]);
    expect(w.errorPercent).toBeCloseTo(50, 9);
  });

  it('failLocalities fails every endpoint of a zone, ejecting as far as the cap allows, then spills', () => {
    const hop = makeHop([...many(5, 'a', { zone: 'z1' }), ...many(5, 'b', { zone: 'z2', priority: 1 })], {
      outlierDetection: makeOutlierDetection({ maxEjectionPercent: 30 }),
    });
    const w = evaluateWhatIf(makePath([hop]), { failLocalities: ['us-east/z1'] });
    expect(w.ejections.filter((e) => e.outcome === 'EJECTED')).toHaveLength(3);
    expect(w.ejections.filter((e) => e.outcome === 'REFUSED_BY_CAP')).toHaveLength(2);
    // 2 of 5 still "healthy" in P0 → health floor(140 × 2/5) = 56, P1 takes 44; the failing two keep 28 % each.
    expect(w.scenario.hops[0]?.priorities.map((p) => p.loadPercent)).toEqual([56, 44]);
    expect(w.errorPercent).toBeCloseTo(56, 9);
    expect(w.ejections[0]?.endpoint).toBe('a-0 (failLocalities "us-east/z1")');
  });

  it('cluster:NAME selects by cluster', () => {
    const hop = makeHop([...many(2, 'a', { cluster: 'c1' }), ...many(2, 'b', { cluster: 'c2' })]);
    const w = evaluateWhatIf(makePath([hop]), { failLocalities: ['cluster:c2'] });
    expect(w.errorPercent).toBe(50);
  });

  it('every answer carries the load-model notes and the overrides show on the scenario hops', () => {
    const hop = makeHop([
      ...many(4, 'a'),
      ...many(4, 'u', { health: 'UNHEALTHY' }),
      ...many(8, 'b', { priority: 1 }),
    ]);
    const w = evaluateWhatIf(makePath([hop]), { overprovisioningFactor: 100, loadFactor: 1 });
    expect(w.notes).toEqual(expect.arrayContaining([...LOAD_MODEL_NOTES]));
    expect(w.notes.join(' ')).toContain('depend on health only');
    expect(w.scenario.hops[0]?.overprovisioningFactor).toBe(100);
    expect(w.baseline.hops[0]?.priorities.map((p) => p.loadPercent)).toEqual([70, 30]);
    expect(w.scenario.hops[0]?.priorities.map((p) => p.loadPercent)).toEqual([50, 50]);
  });

  it('load alone moves nothing and overflows nothing (no circuit-breaker limits)', () => {
    // 10 healthy hosts, one priority: Envoy's health score min(100, floor(140 × 10 / 10)) = 100 at any load.
    const path = makePath([makeHop(many(10, 'a'))]);
    const w = evaluateWhatIf(path, { loadFactor: 2 });
    expect(w.overflowPercent).toBe(0);
    expect(w.errorPercent).toBe(0);
    expect(w.scenario.hops).toEqual(evaluateWhatIf(path, {}).scenario.hops);
  });

  it.each<[string, Scenario]>([
    ['zero load factor', { loadFactor: 0 }],
    ['negative load factor', { loadFactor: -1 }],
    ['infinite load factor', { loadFactor: Number.POSITIVE_INFINITY }],
    ['NaN load factor', { loadFactor: Number.NaN }],
    ['fractional overprovisioning', { overprovisioningFactor: 1.5 }],
    ['zero overprovisioning', { overprovisioningFactor: 0 }],
    ['bad locality', { failLocalities: ['a/b/c/d'] }],
    ['empty cluster', { failLocalities: ['cluster:'] }],
    ['blank endpoint', { ejectEndpoints: [' '] }],
  ])('rejects %s with INVALID_SCENARIO', (_name, scenario) => {
    const run = () => evaluateWhatIf(httpbinPath(50), scenario);
    expect(run).toThrow(EngineError);
    try {
      run();
    } catch (e) {
      expect((e as EngineError).code).toBe('INVALID_SCENARIO');
    }
  });
});

describe('evaluateEffectivePolicy', () => {
  it('gives baseline shares per hop with the resolver fields carried over', () => {
    const p = evaluateEffectivePolicy(httpbinPath(50));
    expect(p.hops.map((h) => h.endpoints.map((e) => Math.round(e.sharePercent)))).toEqual([
      [100],
      [33, 33, 33],
    ]);
    expect(p.hops[1]?.outlierDetection?.maxEjectionPercent).toBe(50);
    expect(p.hops[1]?.priorities).toEqual([
      {
        level: 0,
        endpoints: 3,
        healthy: 3,
        healthPercent: 100,
        loadPercent: 100,
        panic: false,
        meaning: 'same network + region + zone',
      },
    ]);
  });
});

describe('evaluateSweep', () => {
  it("returns Envoy's per-priority loads per load factor: unchanged by load alone", () => {
    // P0 10 of 10 healthy → health min(100, floor(140 × 10 / 10)) = 100 → loads [100, 0] at every factor.
    const path = makePath([makeHop([...many(10, 'a'), ...many(10, 'b', { priority: 1 })])]);
    expect(evaluateSweep(path, {}, [1, 1.4, 2, 4]).map((p) => p.hops)).toEqual(
      // No capacity given → utilisation and saturation unknown (null), never a guess.
      [1, 1.4, 2, 4].map(() => [
        { hop: 0, loads: [100, 0], overflowPercent: 0, maxUtilizationPercent: null, saturatedPercent: null },
      ]),
    );
  });

  it('reads the busiest endpoint of a 200,000-endpoint hop (no spread of one argument per endpoint)', () => {
    // Round robin over equal endpoints: each carries 1/200,000 of the hop and sits at the given 60 %, so
    // the busiest is at 60 % at factor 1 and 120 % at factor 2. `Math.max(...utilization)` threw
    // RangeError (call stack) at this size.
    const path = makePath([makeHop(many(200_000, 'a'))]);
    const points = evaluateSweep(path, { utilizationPercent: 60 }, [1, 2]);
    expect(points.map((p) => p.hops[0]?.maxUtilizationPercent)).toEqual([60, 120]);
  });

  it('rejects an invalid point', () => {
    expect(() => evaluateSweep(makePath([makeHop(many(1, 'a'))]), {}, [1, 0])).toThrow(EngineError);
  });
});

describe('composeInSeries', () => {
  it.each([
    [[], 0],
    [[0, 0], 0],
    [[50, 50], 75],
    [[100, 0], 100],
    [[10], 10],
  ])('%j → %d', (rates, expected) => {
    expect(composeInSeries(rates)).toBeCloseTo(expected, 9);
  });
});
