/**
 * Golden scenario: Istio's "Locality failover" task on a three-cluster, one-network, multi-primary sidecar
 * mesh, built the way kubectl prints the objects (`fixtures/multiclusterMesh.ts`).
 *
 * cluster1 (region1/zone1) runs the `curl` client and one helloworld pod, cluster2 (region1/zone2) and
 * cluster3 (region2/zone3) one helloworld pod each; every cluster has the Service `sample/helloworld` and
 * the task's DestinationRule (ROUND_ROBIN, `failover: region1 → region2`, outlierDetection
 * `consecutive5xxErrors: 1`). istiod merges the three clusters' endpoints of
 * helloworld.sample.svc.cluster.local into the sidecar's one Envoy cluster (`EndpointBuilder.
 * snapshotShards` takes every cluster's shard unless the host is cluster-local), and
 * `applyLocalityFailover` ranks them against the curl pod's locality region1/zone1:
 * `LbPriority` = 0 (region and zone match; no subzones, "" = ""), 2 (region only), 3 (no match, but
 * region2 is the failover target of region1; a non-target would be 4) → compacted 0, 1, 2.
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../src/engine/model/meshModel.js';
import type { Scenario } from '../../../../src/engine/model/answer.js';
import { LOCALITY_FAILOVER_RULE, multiclusterMesh, type ClusterSpec } from './fixtures/multiclusterMesh.js';
import { levels, policyOf, resolve, shares, whatIfOf } from './harness.js';

const CLIENT = 'cluster1/sample/curl';
const BACKEND = 'helloworld.sample';
const HW1 = 'helloworld-cluster1-5d7f8b8c6d-a1hw';
const HW2 = 'helloworld-cluster2-5d7f8b8c6d-a2hw';
const HW3 = 'helloworld-cluster3-5d7f8b8c6d-a3hw';

/** Parsing a three-cluster bundle takes about a second on a busy machine: ten times that, and more. */
const SCENARIO_TIMEOUT_MS = 60_000;

const CLUSTERS: readonly ClusterSpec[] = [
  { name: 'cluster1', network: 'network1', locality: 'region1/zone1', octet: 1, client: true, replicas: 1 },
  { name: 'cluster2', network: 'network1', locality: 'region1/zone2', octet: 2, replicas: 1 },
  { name: 'cluster3', network: 'network1', locality: 'region2/zone3', octet: 3, replicas: 1 },
];

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The task's rule, optionally with `maxEjectionPercent` (the task leaves it unset: Envoy's 10 %). */
function rule(maxEjectionPercent?: number): Obj {
  const r: Obj = structuredClone(LOCALITY_FAILOVER_RULE);
  if (maxEjectionPercent !== undefined)
    r.spec.trafficPolicy.outlierDetection.maxEjectionPercent = maxEjectionPercent;
  return r;
}

function mesh(profile: Profile, maxEjectionPercent?: number, meshConfig?: Obj) {
  const extra = Object.fromEntries(CLUSTERS.map((c) => [c.name, [rule(maxEjectionPercent)]]));
  return multiclusterMesh({
    profile,
    clusters: CLUSTERS,
    extra,
    ...(meshConfig === undefined ? {} : { meshConfig }),
  });
}

describe.each<Profile>(['ISTIO_1_30', 'ISTIO_1_31', 'SOLO'])(
  'three-cluster sidecar mesh on one network, locality failover (%s)',
  (profile) => {
    it(
      'the sidecar sees all three clusters, one priority each, and keeps every request in region1/zone1',
      () => {
        const path = resolve(mesh(profile), CLIENT, BACKEND);
        const hop = policyOf(path).hops[0];
        expect(hop?.endpoints.map((e) => [e.name, e.cluster, e.priority])).toEqual([
          [HW1, 'cluster1', 0],
          [HW2, 'cluster2', 1],
          [HW3, 'cluster3', 2],
        ]);
        // Raw LbPriority 0, 2, 3 (see the file comment); compaction keeps their order.
        expect(path.hops[0]?.endpoints.map((e) => e.rawPriority)).toEqual([0, 2, 3]);
        // Every level 1 of 1 healthy → health min(100, 1.4 × 100) = 100; P0 takes 100 % (envoy.md §5.6).
        expect(levels(hop)).toEqual([
          [0, 1, 1, 100, 100, false],
          [1, 1, 1, 100, 0, false],
          [2, 1, 1, 100, 0, false],
        ]);
        expect(shares(hop)).toEqual({ [HW1]: 100, [HW2]: 0, [HW3]: 0 });
        expect(hop?.notes.some((n) => n.startsWith('Namespace sameness'))).toBe(true);
      },
      SCENARIO_TIMEOUT_MS,
    );

    it.each<[string, number | undefined, Scenario, Record<string, number>, string[], number]>([
      // The task's rule leaves maxEjectionPercent unset: Envoy's 10 %. Envoy ≥ 1.31 ejects only when
      // 100 × (active + 1) / hosts ≤ 10 (`DetectorImpl::ejectHost`, always_eject_one_host false):
      // 100 × 1/3 = 33.3 > 10 → refused. P0 keeps its one "healthy" host and 100 % of the requests,
      // all of which fail: errorPercent 100.
      [
        'cluster1 fails, default cap: ejection refused, 100 % errors',
        undefined,
        { failLocalities: ['cluster:cluster1'] },
        { [HW1]: 100, [HW2]: 0, [HW3]: 0 },
        ['REFUSED_BY_CAP'],
        100,
      ],
      // maxEjectionPercent 100: 100 × 1/3 = 33.3 ≤ 100 → HW1 EJECTED. P0 health 0, P1 100 → P1 takes
      // min(100, 100) = 100 %: the task's first failover step, region1/zone2.
      [
        'cluster1 fails, cap 100: failover to region1/zone2',
        100,
        { failLocalities: ['cluster:cluster1'] },
        { [HW1]: 0, [HW2]: 100, [HW3]: 0 },
        ['EJECTED'],
        0,
      ],
      // Both region1 pods fail: HW1 ejected (33.3 ≤ 100), then HW2 takes the load, trips, and is ejected
      // (100 × 2/3 = 66.7 ≤ 100). P0, P1 health 0, P2 100 → region2 (the failover target) takes 100 %.
      [
        'region1 fails, cap 100: failover to region2',
        100,
        { failLocalities: ['region1'] },
        { [HW1]: 0, [HW2]: 0, [HW3]: 100 },
        ['EJECTED', 'EJECTED'],
        0,
      ],
    ])(
      '%s',
      (_name, cap, scenario, expected, outcomes, errorPercent) => {
        const w = whatIfOf(resolve(mesh(profile, cap), CLIENT, BACKEND), scenario);
        expect(shares(w.scenario.hops[0])).toEqual(expected);
        expect(w.ejections.map((e) => e.outcome)).toEqual(outcomes);
        expect(w.errorPercent).toBe(errorPercent);
      },
      SCENARIO_TIMEOUT_MS,
    );

    it(
      'meshConfig.serviceSettings clusterLocal keeps the sidecar in its own cluster',
      () => {
        // `ClusterLocalHosts.IsClusterLocal`: the entry *.sample.svc.cluster.local matches → cluster-local,
        // so `snapshotShards` skips the other clusters' shards: only HW1, at priority 0.
        const meshConfig = {
          serviceSettings: [{ settings: { clusterLocal: true }, hosts: ['*.sample.svc.cluster.local'] }],
        };
        const path = resolve(mesh(profile, undefined, meshConfig), CLIENT, BACKEND);
        const hop = policyOf(path).hops[0];
        expect(shares(hop)).toEqual({ [HW1]: 100 });
        expect(hop?.notes.some((n) => n.includes('is cluster-local'))).toBe(true);
      },
      SCENARIO_TIMEOUT_MS,
    );
  },
);
