/**
 * Golden scenario: a two-network multi-primary mesh with east-west gateways, built the way kubectl prints
 * the objects (`fixtures/multiclusterMesh.ts`).
 *
 * cluster1 (network1, region1/zone1) runs the `curl` sidecar client and one helloworld pod; cluster2
 * (network2, region1/zone2) runs two helloworld pods; each cluster has its `istio-east-west` Gateway and
 * the "Locality failover" task's DestinationRule with `maxEjectionPercent: 100`. The sidecar merges both
 * clusters' Services (namespace sameness), then `EndpointsByNetworkFilter` (ep_filters.go, istio 1.30.3 /
 * 1.31.0-rc.0) replaces the two network2 pods, in their locality group region1/zone2, by ONE endpoint for
 * cluster2's east-west gateway (`selectNetworkGateways` prefers the endpoints' own cluster), weight
 * 1 + 1 = 2, with no health status. Envoy therefore holds two hosts, not three.
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../src/engine/model/meshModel.js';
import type { Scenario } from '../../../../src/engine/model/answer.js';
import { LOCALITY_FAILOVER_RULE, multiclusterMesh, type ClusterSpec } from './fixtures/multiclusterMesh.js';
import { levels, policyOf, resolve, shares, whatIfOf } from './harness.js';

const CLIENT = 'cluster1/sample/curl';
const BACKEND = 'helloworld.sample';
const LOCAL = 'helloworld-cluster1-5d7f8b8c6d-a1hw';
const REMOTE_A = 'helloworld-cluster2-5d7f8b8c6d-a2hw';
const REMOTE_B = 'helloworld-cluster2-5d7f8b8c6d-b2hw';
const GATEWAY = `istio-eastwestgateway.istio-system (cluster2) for ${REMOTE_A}, ${REMOTE_B}`;

/** Parsing a two-cluster bundle takes about a second on a busy machine: ten times that, and more. */
const SCENARIO_TIMEOUT_MS = 60_000;

const CLUSTERS: readonly ClusterSpec[] = [
  {
    name: 'cluster1',
    network: 'network1',
    locality: 'region1/zone1',
    octet: 1,
    client: true,
    replicas: 1,
    eastWest: true,
    ingress: true,
  },
  { name: 'cluster2', network: 'network2', locality: 'region1/zone2', octet: 2, replicas: 2, eastWest: true },
];

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function mesh(profile: Profile, withGateways = true) {
  const rule: Obj = structuredClone(LOCALITY_FAILOVER_RULE);
  rule.spec.trafficPolicy.outlierDetection.maxEjectionPercent = 100;
  const clusters = CLUSTERS.map((c) => ({ ...c, eastWest: withGateways }));
  return multiclusterMesh({
    profile,
    clusters,
    extra: Object.fromEntries(clusters.map((c) => [c.name, [rule]])),
  });
}

describe.each<Profile>(['ISTIO_1_30', 'ISTIO_1_31', 'SOLO'])(
  'two networks with east-west gateways (%s)',
  (profile) => {
    it(
      'a remote network is one gateway host, weighted by the endpoints behind it',
      () => {
        const path = resolve(mesh(profile), CLIENT, BACKEND);
        const hop = policyOf(path).hops[0];
        // The local pod: LbPriority 0. The gateway stays in region1/zone2's group: region matches → 2.
        // Compacted 0, 1. The remote pods are held by no proxy (EXCLUDED).
        expect(
          path.hops[0]?.endpoints.map((e) => [e.name, e.health, e.priority, e.rawPriority, e.weight]),
        ).toEqual([
          [LOCAL, 'HEALTHY', 0, 0, 1],
          [REMOTE_A, 'EXCLUDED', 1, -1, 1],
          [REMOTE_B, 'EXCLUDED', 1, -1, 1],
          [GATEWAY, 'HEALTHY', 1, 2, 2],
        ]);
        // Two hosts, one per level: [level, hosts, healthy, health%, load%, panic].
        expect(levels(hop)).toEqual([
          [0, 1, 1, 100, 100, false],
          [1, 1, 1, 100, 0, false],
        ]);
        expect(shares(hop)).toEqual({ [LOCAL]: 100, [REMOTE_A]: 0, [REMOTE_B]: 0, [GATEWAY]: 0 });
        expect(path.diagnostics.map((d) => d.code)).not.toContain('SPW0020');
      },
      SCENARIO_TIMEOUT_MS,
    );

    it.each<[string, Scenario, Record<string, number>, string[], number, number]>([
      // The local pod fails: the ejection cap counts the hosts Envoy has, 2: 100 × 1/2 = 50 ≤ 100 →
      // EJECTED (with the three pods as hosts it would read 33 %). P0 health 0, P1 100 → the gateway takes
      // 100 %; behind it network2 balances over its two pods.
      [
        'the local cluster fails → the gateway takes 100 %',
        { failLocalities: ['cluster:cluster1'] },
        { [LOCAL]: 0, [REMOTE_A]: 0, [REMOTE_B]: 0, [GATEWAY]: 100 },
        ['EJECTED'],
        0,
        0,
      ],
      // Everything fails: the local pod is ejected (1/2 = 50 % ≤ 100); the gateway fails as a host once every
      // pod behind it fails (the pods themselves are no hosts: NOT_ON_PATH), and is ejected too (2/2 = 100 %
      // ≤ 100). No healthy host is left and the panic threshold is 0 (minHealthPercent unset), so Envoy
      // answers "no healthy upstream": 100 % dropped, 100 % errors.
      [
        'both clusters fail → no healthy host, 100 % dropped',
        { failLocalities: ['region1'] },
        { [LOCAL]: 0, [REMOTE_A]: 0, [REMOTE_B]: 0, [GATEWAY]: 0 },
        ['NOT_ON_PATH', 'NOT_ON_PATH', 'EJECTED', 'EJECTED'],
        100,
        100,
      ],
    ])(
      '%s',
      (_name, scenario, expected, outcomes, errorPercent, droppedPercent) => {
        const w = whatIfOf(resolve(mesh(profile), CLIENT, BACKEND), scenario);
        expect({
          shares: shares(w.scenario.hops[0]),
          outcomes: w.ejections.map((e) => e.outcome),
          errorPercent: w.errorPercent,
          droppedPercent: w.scenario.hops[0]?.droppedPercent,
        }).toEqual({ shares: expected, outcomes, errorPercent, droppedPercent });
      },
      SCENARIO_TIMEOUT_MS,
    );

    it(
      'without east-west gateways in the snapshot the pods are kept as hosts and SPW0020 names the network',
      () => {
        const path = resolve(mesh(profile, false), CLIENT, BACKEND);
        expect(path.hops[0]?.endpoints.map((e) => [e.name, e.health])).toEqual([
          [LOCAL, 'HEALTHY'],
          [REMOTE_A, 'HEALTHY'],
          [REMOTE_B, 'HEALTHY'],
        ]);
        const missing = path.diagnostics.find((d) => d.code === 'SPW0020');
        expect(missing?.message).toContain('network network2');
        // The client is a sidecar: upstream keeps the pods and addresses them directly (EndpointsByNetworkFilter).
        expect(missing?.message).toContain('a sidecar then addresses the pods directly');
      },
      SCENARIO_TIMEOUT_MS,
    );

    it(
      'an ingress gateway: upstream keeps it on its own network, SOLO crosses through the gateway',
      () => {
        // `EndpointsByNetworkFilter`: with ambient multi-network (the gateways are istio-east-west),
        // AMBIENT_ENABLE_MULTI_NETWORK_INGRESS defaults to false, so an ingress gateway drops remote-network
        // endpoints: the local pod alone, 100 %. SOLO's ingress gateways reach global services on every
        // network (seed 002): the east-west gateway stays, weight 2, behind the local pod.
        const path = resolve(
          mesh(profile),
          'cluster1/istio-system/ingress',
          'helloworld.sample.svc.cluster.local',
        );
        const hop = path.hops[0];
        expect(hop?.from.kind).toBe('INGRESS_GATEWAY');
        const hosts = hop?.endpoints.filter((e) => e.health !== 'EXCLUDED').map((e) => [e.name, e.weight]);
        expect(hosts).toEqual(
          profile === 'SOLO'
            ? [
                [LOCAL, 1],
                [GATEWAY, 2],
              ]
            : [[LOCAL, 1]],
        );
        expect(shares(policyOf(path).hops[0])[LOCAL]).toBe(100);
      },
      SCENARIO_TIMEOUT_MS,
    );
  },
);
