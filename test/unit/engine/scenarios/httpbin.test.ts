/**
 * Seed 001's httpbin walk-through on the bundled snapshots (examples/httpbin-before.yaml, -after.yaml):
 * client-in-ambient → its ztunnel → httpbin-waypoint (one pod) → in-ambient (3 pods …-abc12, …-def34,
 * …-ghi56 in us-east-1/us-east-1a). After step 3 the in-ambient-failover DestinationRule sets ROUND_ROBIN
 * and outlier detection 3 × 5xx, interval 10 s, baseEjectionTime 30 s, maxEjectionPercent 50.
 */
import { describe, expect, it } from 'vitest';
import type { MeshModel } from '../../../../src/engine/model/meshModel.js';
import { codes, exampleModel, levels, policyOf, resolve, shares, whatIfOf } from './harness.js';

const CLIENT = 'httpbin/client-in-ambient';
const BACKEND = 'in-ambient';
const ABC = 'in-ambient-7d8f9b6c54-abc12';
const DEF = 'in-ambient-7d8f9b6c54-def34';
const GHI = 'in-ambient-7d8f9b6c54-ghi56';

/** httpbin-after with maxEjectionPercent left unset in the rule (Istio's default, 10 %). */
function afterWithDefaultCap(): MeshModel {
  const m = exampleModel('httpbin-after.yaml');
  return {
    ...m,
    clusters: m.clusters.map((c) => ({
      ...c,
      destinationRules: c.destinationRules.map((dr) => {
        const od = dr.trafficPolicy?.outlierDetection;
        if (od === undefined) return dr;
        const withoutCap = Object.fromEntries(
          Object.entries(od).filter(([field]) => field !== 'maxEjectionPercent'),
        );
        return { ...dr, trafficPolicy: { ...dr.trafficPolicy, outlierDetection: withoutCap } };
      }),
    })),
  };
}

describe('httpbin baseline', () => {
  it.each([
    // Three healthy hosts at one level: LB spreads evenly, 100/3 each, shown at 6 decimals and
    // apportioned so the hop still sums to 100: 33.333334 + 33.333333 + 33.333333.
    ['httpbin-before.yaml', 'LEAST_REQUEST'],
    ['httpbin-after.yaml', 'ROUND_ROBIN'],
  ])('%s: the waypoint spreads %s evenly over the three pods', (file, lb) => {
    const policy = policyOf(resolve(exampleModel(file), CLIENT, BACKEND));
    expect(policy.hops.map((h) => h.from.kind)).toEqual(['ZTUNNEL', 'WAYPOINT']);
    // ztunnel → the only waypoint pod: 100 % of connections.
    expect(Object.values(shares(policy.hops[0]))).toEqual([100]);
    const hop = policy.hops[1];
    expect(hop?.loadBalancer).toBe(lb);
    expect(shares(hop)).toEqual({ [ABC]: 33.333334, [DEF]: 33.333333, [GHI]: 33.333333 });
    expect(levels(hop)).toEqual([[0, 3, 3, 100, 100, false]]);
  });
});

describe('httpbin what-if (seed 001 step 4)', () => {
  it.each<
    [
      string,
      MeshModel,
      string[],
      { outcome: string; ejectionSeconds?: number }[],
      Record<string, number>,
      number,
      [number, number, number, number, number, boolean][],
    ]
  >([
    // maxEjectionPercent 50, 3 hosts: 100 × (0 + 1) / 3 = 33.3 % ≤ 50 → EJECTED for baseEjectionTime 30 s.
    // P0 then has H = 2 of T = 3: health min(100, floor(140 × 2 / 3)) = 93, NTA 93 < 100 but only one
    // priority, so P0 takes floor(93 × 100 / 93) = 100. The two healthy pods split it 50/50; no errors.
    [
      'after: eject abc12 → EJECTED 30 s, others 50/50',
      exampleModel('httpbin-after.yaml'),
      [ABC],
      [{ outcome: 'EJECTED', ejectionSeconds: 30 }],
      { [ABC]: 0, [DEF]: 50, [GHI]: 50 },
      0,
      [[0, 3, 2, 93, 100, false]],
    ],
    // A second failing host: 100 × (1 + 1) / 3 = 66.7 % > 50 → REFUSED_BY_CAP. def34 keeps its half of
    // the load and every request to it fails: errorPercent 50.
    [
      'after: eject abc12 then def34 → second REFUSED_BY_CAP',
      exampleModel('httpbin-after.yaml'),
      [ABC, DEF],
      [{ outcome: 'EJECTED', ejectionSeconds: 30 }, { outcome: 'REFUSED_BY_CAP' }],
      { [ABC]: 0, [DEF]: 50, [GHI]: 50 },
      50,
      [[0, 3, 2, 93, 100, false]],
    ],
    // maxEjectionPercent unset → 10: 100 × 1 / 3 = 33.3 % > 10 → refused (Envoy ≥ 1.31 without
    // always_eject_one_host). abc12 keeps 1/3: errorPercent 33.333333.
    [
      'after, default maxEjectionPercent 10 → REFUSED_BY_CAP',
      afterWithDefaultCap(),
      [ABC],
      [{ outcome: 'REFUSED_BY_CAP' }],
      { [ABC]: 33.333334, [DEF]: 33.333333, [GHI]: 33.333333 },
      33.333333,
      [[0, 3, 3, 100, 100, false]],
    ],
    // No DestinationRule: nothing ejects; abc12 keeps its third and that third fails.
    [
      'before (no DR): NO_OUTLIER_DETECTION',
      exampleModel('httpbin-before.yaml'),
      [ABC],
      [{ outcome: 'NO_OUTLIER_DETECTION' }],
      { [ABC]: 33.333334, [DEF]: 33.333333, [GHI]: 33.333333 },
      33.333333,
      [[0, 3, 3, 100, 100, false]],
    ],
  ])('%s', (_label, model, eject, outcomes, expectedShares, errorPercent, priorities) => {
    const w = whatIfOf(resolve(model, CLIENT, BACKEND), { ejectEndpoints: eject });
    expect(
      w.ejections.map(({ outcome, ejectionSeconds }) => ({
        outcome,
        ...(ejectionSeconds === undefined ? {} : { ejectionSeconds }),
      })),
    ).toEqual(outcomes);
    expect(w.ejections.every((e) => e.hop === 1)).toBe(true);
    expect(shares(w.scenario.hops[1])).toEqual(expectedShares);
    expect(levels(w.scenario.hops[1])).toEqual(priorities);
    expect(w.errorPercent).toBe(errorPercent);
    // The seeds' walk-through: Envoy serves every request; no circuit-breaker limits → no overflow.
    expect(w.overflowPercent).toBe(0);
  });

  it('the refused ejection names the arithmetic and the cap', () => {
    const w = whatIfOf(resolve(exampleModel('httpbin-after.yaml'), CLIENT, BACKEND), {
      ejectEndpoints: [ABC, DEF],
    });
    expect(w.ejections[1]?.reason).toMatch(
      /2 of 3 hosts ejected \(66\.7 %\).*exceeds maxEjectionPercent 50 %/,
    );
  });

  it('the default cap is flagged before anything fails (SPW0010: 10 % of 3 hosts is below one host)', () => {
    expect(codes(resolve(afterWithDefaultCap(), CLIENT, BACKEND))).toContain('SPW0010');
    expect(codes(resolve(exampleModel('httpbin-after.yaml'), CLIENT, BACKEND))).not.toContain('SPW0010');
  });
});

describe('regression: a scenario overprovisioningFactor is an Envoy setting', () => {
  it('the waypoint hop uses and reports it; the ztunnel hop keeps 140; load changes neither', () => {
    const w = whatIfOf(resolve(exampleModel('httpbin-after.yaml'), CLIENT, BACKEND), {
      overprovisioningFactor: 200,
      loadFactor: 1.5,
    });
    expect(w.scenario.hops.map((h) => h.overprovisioningFactor)).toEqual([140, 200]);
    // Waypoint: 3 of 3 healthy, min(100, floor(200 × 3 / 3)) = 100, whatever the load factor.
    expect(levels(w.scenario.hops[1])).toEqual([[0, 3, 3, 100, 100, false]]);
    // A healthy ztunnel hop never overflows (ztunnel has no such mechanism); the waypoint hop has no
    // connectionPool limits: composed 1 − (1 − 0)(1 − 0) = 0 %.
    expect(w.overflowPercent).toBe(0);
  });
});
