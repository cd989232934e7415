/**
 * Seeds 000/002 on the bundled multicluster snapshot (examples/bookinfo-multicluster.yaml), SOLO profile.
 * cluster1 (network1, us-east): productpage …-7kq2m in us-east-1a, …-p4x8d in us-east-1b, the waypoint
 * pod …-h2j5n in us-east-1b, the ratings client in us-east-1a. cluster2 (network2, us-west): productpage
 * …-b3n7r in us-west-2a, …-c9t5v in us-west-2b, the waypoint …-r8s2x in us-west-2b. productpage-failover:
 * failoverPriority [region, zone], ROUND_ROBIN, outlier 5 × 5xx, baseEjectionTime 3 m, max 50 %.
 *
 * The L7 balancing happens at the waypoint, so "the client's zone" for the priorities is the waypoint's:
 * P0 = same region + zone as the waypoint (1 host), P1 = same region (1 host), P2 = other region (2 hosts).
 * Every level is fully healthy at baseline: health min(100, floor(140 × h/t)) = 100 each.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSweep } from '../../../../src/engine/evaluate/evaluateSweep.js';
import type { Scenario } from '../../../../src/engine/model/answer.js';
import { exampleModel, levels, policyOf, resolve, shares, whatIfOf } from './harness.js';

const FILE = 'bookinfo-multicluster.yaml';
const HOST = 'productpage.bookinfo.mesh.internal';
const C1A = 'productpage-v1-6f9b7c5d48-7kq2m';
const C1B = 'productpage-v1-6f9b7c5d48-p4x8d';
const C2A = 'productpage-v1-6f9b7c5d48-b3n7r';
const C2B = 'productpage-v1-6f9b7c5d48-c9t5v';
const WP1 = 'bookinfo-waypoint-7b9c6f5d84-h2j5n';
const WP2 = 'bookinfo-waypoint-7b9c6f5d84-r8s2x';

interface Side {
  readonly client: string;
  readonly waypoint: string;
  readonly otherWaypoint: string;
  /** [P0, P1, P2a, P2b] endpoints from this side's waypoint. */
  readonly endpoints: readonly [string, string, string, string];
  readonly waypointZone: string;
  readonly region: string;
  readonly cluster: string;
}

const CLUSTER1: Side = {
  client: 'cluster1/bookinfo/ratings',
  waypoint: WP1,
  otherWaypoint: WP2,
  endpoints: [C1B, C1A, C2A, C2B],
  waypointZone: 'us-east/us-east-1b',
  region: 'us-east',
  cluster: 'cluster1',
};
// The cluster2 client is productpage-v1 (first ready pod by name: …-b3n7r in us-west-2a); the priorities mirror.
const CLUSTER2: Side = {
  client: 'cluster2/bookinfo/productpage-v1',
  waypoint: WP2,
  otherWaypoint: WP1,
  endpoints: [C2B, C2A, C1A, C1B],
  waypointZone: 'us-west/us-west-2b',
  region: 'us-west',
  cluster: 'cluster2',
};

function path(side: Side) {
  return resolve(exampleModel(FILE), side.client, HOST);
}

describe.each([
  ['cluster1', CLUSTER1],
  ['cluster2', CLUSTER2],
] as const)('bookinfo from %s', (_name, side) => {
  const [p0, p1, p2a, p2b] = side.endpoints;

  it('baseline: the local waypoint, then all requests to the same-zone endpoint', () => {
    const policy = policyOf(path(side));
    expect(shares(policy.hops[0])).toEqual({ [side.waypoint]: 100, [side.otherWaypoint]: 0 });
    const hop = policy.hops[1];
    expect(hop?.from).toMatchObject({ kind: 'WAYPOINT', name: side.waypoint, cluster: side.cluster });
    expect(hop?.localityLb).toMatchObject({ mode: 'FAILOVER_PRIORITY', active: true });
    expect(shares(hop)).toEqual({ [p0]: 100, [p1]: 0, [p2a]: 0, [p2b]: 0 });
    // Health 100 everywhere; NTA 100; P0 takes floor(100 × 100 / 100) = 100.
    expect(levels(hop)).toEqual([
      [0, 1, 1, 100, 100, false],
      [1, 1, 1, 100, 0, false],
      [2, 2, 2, 100, 0, false],
    ]);
  });

  it.each<[string, Scenario, Record<string, number>, number[], string[], number]>([
    // The waypoint's zone fails. L7: p0 trips 5 × 5xx, cap 100 × 1/4 = 25 % ≤ 50 → EJECTED. P0 health 0,
    // P1 100, P2 100 → NTA min(100, 200) = 100: P0 0, P1 floor(100 × 100/100) = 100, P2 min(0, …) = 0.
    // L4: the waypoint pod itself sits in that zone; ztunnel has no outlier detection, so it keeps every
    // connection and they fail: the request error rate is 100 % even though the L7 hop failed over.
    [
      'the waypoint zone fails → P1 takes 100 % at L7',
      { failLocalities: [side.waypointZone] },
      { [p0]: 0, [p1]: 100, [p2a]: 0, [p2b]: 0 },
      [0, 100, 0],
      ['NO_OUTLIER_DETECTION', 'EJECTED'],
      100,
    ],
    // The whole region fails: p0 ejected (1 of 4), then P1 gets the load, p1 trips too: 100 × 2/4 = 50 % ≤ 50
    // → EJECTED. P0, P1 health 0; P2 100 → all to the other cluster, 50/50 by ROUND_ROBIN.
    [
      'the whole region fails → the other cluster takes 100 %',
      { failLocalities: [side.region] },
      { [p0]: 0, [p1]: 0, [p2a]: 50, [p2b]: 50 },
      [0, 0, 100],
      ['NO_OUTLIER_DETECTION', 'EJECTED', 'EJECTED'],
      100,
    ],
    [
      'cluster:<local> fails → the other cluster takes 100 %',
      { failLocalities: [`cluster:${side.cluster}`] },
      { [p0]: 0, [p1]: 0, [p2a]: 50, [p2b]: 50 },
      [0, 0, 100],
      ['NO_OUTLIER_DETECTION', 'EJECTED', 'EJECTED'],
      100,
    ],
    // Ejecting only the P0 endpoint by name leaves the waypoint alone: failover with no errors at all.
    [
      'eject the P0 endpoint → P1 100 %, no errors',
      { ejectEndpoints: [p0] },
      { [p0]: 0, [p1]: 100, [p2a]: 0, [p2b]: 0 },
      [0, 100, 0],
      ['EJECTED'],
      0,
    ],
  ])('%s', (_label, scenario, expected, loads, outcomes, errorPercent) => {
    const w = whatIfOf(path(side), scenario);
    const hop = w.scenario.hops[1];
    expect(shares(hop)).toEqual(expected);
    expect(hop?.priorities.map((p) => p.loadPercent)).toEqual(loads);
    expect(w.ejections.map((e) => e.outcome)).toEqual(outcomes);
    expect(w.errorPercent).toBe(errorPercent);
  });

  it("the client's own zone is not the waypoint's: failing it changes nothing at L7", () => {
    // The ratings client (us-east-1a) and b3n7r (us-west-2a) sit in the zone of P1, not P0: P1's endpoint
    // fails but receives no traffic, so outlier detection never sees it (NOT_ON_PATH) and nothing fails.
    const clientZone = side === CLUSTER1 ? 'us-east/us-east-1a' : 'us-west/us-west-2a';
    const w = whatIfOf(path(side), { failLocalities: [clientZone] });
    expect(shares(w.scenario.hops[1])).toEqual({ [p0]: 100, [p1]: 0, [p2a]: 0, [p2b]: 0 });
    expect(w.ejections).toEqual([expect.objectContaining({ outcome: 'NOT_ON_PATH', hop: 1 })]);
    expect(w.errorPercent).toBe(0);
  });

  it("load-factor sweep: Envoy's loads depend on health only, so every point equals load factor 1", () => {
    const sweep = evaluateSweep(path(side), {}, [1, 1.5, 2, 3, 5]);
    // hop 1, every level fully healthy: P0 scores min(100, floor(140 × 1 / 1)) = 100 → NTA 100 →
    // loads [100, 0, 0] at every load factor (Envoy's recalculatePerPriorityState reads no load).
    // hop 0 (ztunnel to the one local waypoint): [100, 0]. No connectionPool → overflow 0 everywhere.
    expect(sweep.map((p) => p.hops[1]?.loads)).toEqual(sweep.map(() => [100, 0, 0]));
    expect(sweep.map((p) => p.hops[0]?.loads)).toEqual(sweep.map(() => [100, 0]));
    expect(sweep.flatMap((p) => p.hops.map((h) => h.overflowPercent))).toEqual(
      sweep.flatMap((p) => p.hops.map(() => 0)),
    );
    for (const point of sweep)
      for (const h of point.hops) expect(h.loads.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('whatIf at load factor 1.5 keeps the nominal shares and overflows nothing', () => {
    const w = whatIfOf(path(side), { loadFactor: 1.5 });
    expect(shares(w.scenario.hops[1])).toEqual({ [p0]: 100, [p1]: 0, [p2a]: 0, [p2b]: 0 });
    // Neither hop has circuit-breaker limits: 1 − (1 − 0)(1 − 0) = 0 %.
    expect(w.overflowPercent).toBe(0);
    expect(w.errorPercent).toBe(0);
  });
});
