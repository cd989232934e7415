/**
 * Issue 14 item 4, the overload cascade, on the httpbin walk-through (examples/httpbin-after.yaml): the
 * waypoint balances the Deployment in-ambient's three pods (one zone, one priority) under the
 * DestinationRule in-ambient-failover: consecutive5xxErrors 3, baseEjectionTime 30 s, maxEjectionPercent
 * 50. Capacity: utilizationPercent 60, so each pod's capacity is 33.3 / 0.6 = 55.6 % of the hop's nominal
 * traffic and a pod's utilisation is 100 × L × share / 55.6 (endpointUtilization.ts).
 *
 * The cap (Envoy ≥ 1.31 `ejectHost`): the n-th concurrent ejection is allowed while 100 × n / 3 ≤ 50, so
 * exactly one of the three pods can be ejected at a time.
 */
import { describe, expect, it } from 'vitest';
import type { MeshModel } from '../../../../src/engine/model/meshModel.js';
import type { OverloadInput, WhatIf } from '../../../../src/engine/model/answer.js';
import { evaluateSweep } from '../../../../src/engine/evaluate/evaluateSweep.js';
import { exampleModel, resolve, whatIfOf } from '../scenarios/harness.js';

const CLIENT = 'httpbin/client-in-ambient';
const BACKEND = 'in-ambient';
const ABC = 'in-ambient-7d8f9b6c54-abc12';

const AFTER = exampleModel('httpbin-after.yaml');

function withOutlierDetection(od: Readonly<Record<string, unknown>> | undefined): MeshModel {
  return {
    ...AFTER,
    clusters: AFTER.clusters.map((c) => ({
      ...c,
      destinationRules: c.destinationRules.map((dr) => {
        const rest = { ...dr.trafficPolicy };
        delete rest.outlierDetection;
        return { ...dr, trafficPolicy: od === undefined ? rest : { ...rest, outlierDetection: od } };
      }),
    })),
  };
}

const PATHS = {
  asIs: resolve(AFTER, CLIENT, BACKEND),
  noOutlierDetection: resolve(withOutlierDetection(undefined), CLIENT, BACKEND),
};

interface Case {
  readonly name: string;
  readonly path: keyof typeof PATHS;
  readonly loadFactor: number;
  readonly eject?: readonly string[];
  readonly overload: OverloadInput;
  readonly outcome: string;
  readonly stable: boolean;
  /** Per step: overloaded endpoints failing, ejected among them, max utilisation, request errors. */
  readonly steps: readonly [number, number, number, number][];
  readonly errorPercent: number;
  readonly headroom: readonly [number | null, number | null];
}

const CASES: readonly Case[] = [
  {
    // 3 × 33.3 % at 60 % → no pod past 100 %: one step, nothing fails.
    // Headroom: 60 % × L reaches 100 % at L = 1/0.6 = 1.666667, and the first pod to fail there is
    // ejected (1 of 3 ≤ 50 %), so the first ejection is at the same load factor.
    name: 'nominal load: no overload',
    path: 'asIs',
    loadFactor: 1,
    overload: { failsAbovePercent: 100 },
    outcome: 'NO_OVERLOAD',
    stable: true,
    steps: [[0, 0, 60, 0]],
    errorPercent: 0,
    headroom: [1.666667, 1.666667],
  },
  {
    // abc12 ejected by the scenario; the other two at 50 % × 1.5 / 55.6 = 135 %. Step 1 fails both; the
    // cap refuses each (100 × (1 + 1) / 3 = 66.7 > 50), so shares stay 50/50 and each sheds what is past
    // 100 %: 2 × 50 × (1 − 100/135) = 25.925926 % errors. Nothing changes any more: DEGRADED, stable.
    // Headroom: two pods at 90 % × L pass 100 % at L = 1.111111, but the cap is already full → never ejected.
    name: 'one of three ejected, 1.5×, fails above 100 % with 5xx',
    path: 'asIs',
    loadFactor: 1.5,
    eject: [ABC],
    overload: { failsAbovePercent: 100 },
    outcome: 'DEGRADED',
    stable: true,
    steps: [
      [0, 0, 135, 0],
      [2, 0, 135, 25.925926],
    ],
    errorPercent: 25.925926,
    headroom: [1.111111, null],
  },
  {
    // The same with timeouts: past capacity every request of the two pods times out → 100 % errors.
    name: 'one of three ejected, 1.5×, fails above 100 % with timeouts',
    path: 'asIs',
    loadFactor: 1.5,
    eject: [ABC],
    overload: { failsAbovePercent: 100, as: 'TIMEOUT' },
    outcome: 'DEGRADED',
    stable: true,
    steps: [
      [0, 0, 135, 0],
      [2, 0, 135, 100],
    ],
    errorPercent: 100,
    headroom: [1.111111, null],
  },
  {
    // 2×: all three at 120 %. Step 1: the first is ejected (1 of 3), the cap keeps the other two, which
    // now take 50 % each: 100 × 2 × 50 / 55.6 = 180 %, shedding 2 × 50 × (1 − 100/180) = 44.444444 %.
    // The ejected pod returns after 30 s to a share past 100 % and is ejected again: OSCILLATING.
    name: 'no failures, 2×: one ejected, two kept by the cap',
    path: 'asIs',
    loadFactor: 2,
    overload: { failsAbovePercent: 100 },
    outcome: 'OSCILLATING',
    stable: false,
    steps: [
      [0, 0, 120, 0],
      [3, 1, 180, 44.444444],
    ],
    errorPercent: 44.444444,
    headroom: [1.666667, 1.666667],
  },
  {
    // Endpoints that hold to 150 %: at 2× (120 %) nothing fails; the first fails at 150 / 60 = 2.5×.
    name: 'fails above 150 %, 2×',
    path: 'asIs',
    loadFactor: 2,
    overload: { failsAbovePercent: 150 },
    outcome: 'NO_OVERLOAD',
    stable: true,
    steps: [[0, 0, 120, 0]],
    errorPercent: 0,
    headroom: [1.666667, 2.5],
  },
  {
    // Without outlier detection nothing is ejected: the three keep 33.3 % each at 120 % and shed
    // 3 × 33.3 × (1 − 100/120) = 16.666667 %; steady (DEGRADED), and no ejection at any load.
    name: 'no outlier detection, 2×',
    path: 'noOutlierDetection',
    loadFactor: 2,
    overload: { failsAbovePercent: 100 },
    outcome: 'DEGRADED',
    stable: true,
    steps: [
      [0, 0, 120, 0],
      [3, 0, 120, 16.666667],
    ],
    errorPercent: 16.666667,
    headroom: [1.666667, null],
  },
];

const run = (c: Case): WhatIf =>
  whatIfOf(PATHS[c.path], {
    loadFactor: c.loadFactor,
    utilizationPercent: 60,
    overload: c.overload,
    ...(c.eject === undefined ? {} : { ejectEndpoints: c.eject }),
  });

describe('the overload cascade', () => {
  it.each(CASES)('$name', (c) => {
    const cascade = run(c).cascade;
    expect(cascade?.outcome).toBe(c.outcome);
    expect(cascade?.stable).toBe(c.stable);
    expect(
      cascade?.steps.map((s) => [
        s.failing.length,
        s.ejected.length,
        s.maxUtilizationPercent,
        s.errorPercent,
      ]),
    ).toEqual(c.steps);
    expect(cascade?.errorPercent).toBe(c.errorPercent);
    expect([cascade?.firstSaturationLoadFactor, cascade?.firstEjectionLoadFactor]).toEqual(c.headroom);
  });

  it("leaves the scenario's own answer as Envoy computes it for the given health", () => {
    const c = CASES[3];
    if (c === undefined) throw new Error('case 3');
    const w = run(c);
    // Load alone moves nothing: the three pods keep a third each, and no error is the scenario's own.
    expect(w.scenario.hops[1]?.endpoints.map((e) => e.sharePercent)).toEqual([
      33.333334, 33.333333, 33.333333,
    ]);
    expect(w.errorPercent).toBe(0);
    expect(w.notes.at(-1)).toContain('Overload cascade: OSCILLATING');
  });

  it('without capacity the cascade says so instead of guessing', () => {
    const w = whatIfOf(PATHS.asIs, { loadFactor: 2, overload: { failsAbovePercent: 100 } });
    expect(w.cascade?.outcome).toBe('CAPACITY_UNKNOWN');
    expect(w.cascade?.stable).toBeNull();
    expect(w.cascade?.steps).toEqual([]);
  });

  it('no overload input, no cascade', () => {
    expect(whatIfOf(PATHS.asIs, { loadFactor: 2, utilizationPercent: 60 }).cascade).toBeUndefined();
  });

  it('first overflow: http2MaxRequests 1 at 100 requests/s × 50 ms', () => {
    const model: MeshModel = {
      ...AFTER,
      clusters: AFTER.clusters.map((cl) => ({
        ...cl,
        destinationRules: cl.destinationRules.map((dr) => ({
          ...dr,
          trafficPolicy: { ...dr.trafficPolicy, connectionPool: { http: { http2MaxRequests: 1 } } },
        })),
      })),
    };
    const w = whatIfOf(resolve(model, CLIENT, BACKEND), {
      requestsPerSecond: 100,
      latencyMs: 50,
      utilizationPercent: 60,
      overload: { failsAbovePercent: 100 },
    });
    // Erlang B with one server refuses A / (1 + A); 0.1 % at A = 0.001 / 0.999 = 0.001001 in flight,
    // and at L = 1 the waypoint holds 100 × 0.05 = 5 in flight: L = 0.001001 / 5 = 0.0002002.
    expect(w.cascade?.firstOverflowLoadFactor).toBeCloseTo(0.0002002, 6);
  });
});

describe('the sweep carries the cascade per point', () => {
  it.each<[number, number, number, string]>([
    // Per point (see the table above): ejected endpoints, request errors, outcome.
    [1, 0, 0, 'NO_OVERLOAD'],
    [2, 1, 44.444444, 'OSCILLATING'],
  ])('at %s×', (loadFactor, ejected, error, outcome) => {
    const [point] = evaluateSweep(
      PATHS.asIs,
      { utilizationPercent: 60, overload: { failsAbovePercent: 100 } },
      [loadFactor],
    );
    expect([point?.ejectedEndpoints, point?.errorPercent, point?.cascade]).toEqual([ejected, error, outcome]);
  });
});
