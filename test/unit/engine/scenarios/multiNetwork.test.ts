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

function mesh(profile: Profile, withGateways = true, maxEjectionPercent = 100) {
  const rule: Obj = structuredClone(LOCALITY_FAILOVER_RULE);
  rule.spec.trafficPolicy.outlierDetection.maxEjectionPercent = maxEjectionPercent;
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

    // Partial failure behind the gateway (`gatewayFailures.ts`): REMOTE_A fails, REMOTE_B answers, and the
    // local cluster fails too so that the gateway carries the traffic. The ambient east-west gateway has no
    // DestinationRule of its own (`buildWaypointInboundClusters`, cluster_waypoint.go) and picks one pod per
    // connection by weight: φ = 1/2 of what the client sends through it fails behind it.
    it.each<[string, number, Scenario, Record<string, number>, string[], number, number, number]>([
      // HTTP_5XX, maxEjectionPercent 100. The local pod: 1 consecutive 5xx (consecutive5xxErrors 1) →
      // 1 of 2 hosts = 50 % ≤ 100 → EJECTED; P0 health 0, P1 (the gateway) takes 100 %. REMOTE_A is no
      // host (NOT_ON_PATH). The gateway fails 1 in 2 requests; the consecutive counter resets on each
      // success (`putHttpResponseCode`), yet a run of 1 comes after (1 − ½)/((1 − ½)·½) = 2 requests on
      // average, so it is ejected too: 2 of 2 = 100 % ≤ 100 → no healthy host, panic threshold 0 →
      // 100 % dropped, 100 % errors. One failing remote pod cuts off the whole remote network.
      [
        '5xx, cap 100: the gateway trips outlier detection too → no healthy host',
        100,
        { failLocalities: ['cluster:cluster1'], ejectEndpoints: [REMOTE_A] },
        { [LOCAL]: 0, [REMOTE_A]: 0, [REMOTE_B]: 0, [GATEWAY]: 0 },
        ['NOT_ON_PATH', 'EJECTED', 'EJECTED'],
        100,
        100,
        50,
      ],
      // HTTP_5XX, maxEjectionPercent 50: the local pod is ejected (1 of 2 = 50 % ≤ 50); ejecting the gateway
      // would make 2 of 2 = 100 % > 50 → REFUSED_BY_CAP. The gateway keeps 100 % and φ = 1/2 of it fails;
      // a 503 is not retried (EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY): errors 100 × 1/2 = 50 %.
      [
        '5xx, cap 50: the gateway keeps its share and half of it fails',
        50,
        { failLocalities: ['cluster:cluster1'], ejectEndpoints: [REMOTE_A] },
        { [LOCAL]: 0, [REMOTE_A]: 0, [REMOTE_B]: 0, [GATEWAY]: 100 },
        ['NOT_ON_PATH', 'EJECTED', 'REFUSED_BY_CAP'],
        50,
        0,
        50,
      ],
      // CONNECT_FAILURE, cap 50: the same ejections (a connect failure counts as a 503, non-split mode).
      // Istio's DefaultPolicy retries connect-failure twice; the gateway is the only host with traffic, so
      // each retry's previous_hosts redraws (host_selection_retry_max_attempts 5) all land on it again and
      // it is kept, and each attempt fails with φ again (`retryAttempts`): 100 × (1/2)³ = 12.5 % errors.
      [
        'connect failures, cap 50: retries through the same gateway leave 12.5 %',
        50,
        { failLocalities: ['cluster:cluster1'], ejectEndpoints: [REMOTE_A], failure: 'CONNECT_FAILURE' },
        { [LOCAL]: 0, [REMOTE_A]: 0, [REMOTE_B]: 0, [GATEWAY]: 100 },
        ['NOT_ON_PATH', 'EJECTED', 'REFUSED_BY_CAP'],
        12.5,
        0,
        50,
      ],
    ])(
      'partial failure behind the gateway: %s',
      (_name, cap, scenario, expected, outcomes, errorPercent, droppedPercent, gatewayFailing) => {
        const w = whatIfOf(resolve(mesh(profile, true, cap), CLIENT, BACKEND), scenario);
        const hop = w.scenario.hops[0];
        expect({
          shares: shares(hop),
          outcomes: w.ejections.map((e) => e.outcome),
          errorPercent: w.errorPercent,
          droppedPercent: hop?.droppedPercent,
          gatewayFailing: hop?.endpoints.find((e) => e.name === GATEWAY)?.failingPercent,
        }).toEqual({ shares: expected, outcomes, errorPercent, droppedPercent, gatewayFailing });
        expect(hop?.notes.some((n) => n.startsWith(`East-west gateway ${GATEWAY}`))).toBe(true);
      },
      SCENARIO_TIMEOUT_MS,
    );

    it(
      'NOT_READY behind the gateway: the remote side removes the pod, nothing fails',
      () => {
        // REMOTE_A loses readiness and the local cluster too. Nothing fails: errors 0. The gateway takes
        // 100 % (P0 has no healthy host left). Its weight: where istiod leaves not-ready endpoints out
        // (ISTIO_1_30 here), EndpointsByNetworkFilter sums the rest, 2 × 1/2 = 1; where this sidecar takes
        // them as UNHEALTHY (ISTIO_1_31's PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS, SOLO), their weight still
        // counts and it stays 2.
        const w = whatIfOf(resolve(mesh(profile), CLIENT, BACKEND), {
          failLocalities: ['cluster:cluster1'],
          ejectEndpoints: [REMOTE_A],
          failure: 'NOT_READY',
        });
        const hop = w.scenario.hops[0];
        expect(shares(hop)[GATEWAY]).toBe(100);
        expect(w.errorPercent).toBe(0);
        expect(w.ejections.map((e) => e.outcome)).toEqual(['REMOVED_NOT_READY', 'REMOVED_NOT_READY']);
        const note = hop?.notes.find((n) => n.startsWith(`East-west gateway ${GATEWAY}`)) ?? '';
        expect(note).toContain(profile === 'ISTIO_1_30' ? 'weight 2 × 1/2 = 1' : 'keeps weight 2');
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
