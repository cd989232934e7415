/**
 * One snapshot, three profiles (src/engine/istio/README.md "Profiles"; istio.md §4.1, §5.7, §6.3, §7.4;
 * seed 002). Each row names what differs and the numbers that follow from it.
 */
import { describe, expect, it } from 'vitest';
import type { MeshModel, Profile } from '../../../../src/engine/model/meshModel.js';
import { bookinfoMesh } from '../resolver/fixtures/bookinfo.js';
import {
  emptyCluster,
  endpointFor,
  loc,
  makeMesh,
  makeNamespace,
  makeNode,
  makePod,
  makeService,
} from '../resolver/fixtures/meshBuilders.js';
import { codes, exampleModel, levels, policyOf, resolve, shares, whatIfOf } from './harness.js';

/** The bookinfo fixture with productpage annotated PreferNetwork and no DestinationRule (a DR in force would override it under SOLO). */
function preferNetworkMesh(): MeshModel {
  const m = bookinfoMesh();
  return {
    ...m,
    clusters: m.clusters.map((c) => ({
      ...c,
      destinationRules: [],
      services: c.services.map((s) =>
        s.name === 'productpage'
          ? { ...s, annotations: { 'networking.istio.io/traffic-distribution': 'PreferNetwork' } }
          : s,
      ),
    })),
  };
}

/**
 * network2's productpage pods as the client's Envoy holds them: under SOLO one east-west gateway host (the
 * peering gateway's locality groups them); upstream one per locality group (each pod has its own zone).
 */
const GATEWAY2_FOR = 'istio-eastwest.istio-system (cluster2) for productpage-v1-cluster2-';
const GATEWAY2 =
  'istio-eastwest.istio-system (cluster2) for productpage-v1-cluster2-a, productpage-v1-cluster2-b';

describe('networking.istio.io/traffic-distribution: PreferNetwork on productpage (waypoint hop, from cluster1)', () => {
  it.each<
    [
      Profile,
      string,
      string[],
      Record<string, number>,
      [number, number, number, number, number, boolean][],
      number,
    ]
  >([
    // SOLO honours it (seed 002): same network → P0 (2 hosts), other network → P1: network2's two pods are
    // one host, cluster2's east-west gateway (EndpointsByNetworkFilter). P0 health 100 → 100 %, 50/50
    // inside it. Forced mode → panic 0.
    [
      'SOLO',
      'PreferNetwork',
      [],
      {
        'productpage-v1-cluster1-a': 50,
        'productpage-v1-cluster1-b': 50,
        'productpage-v1-cluster2-a': 0,
        'productpage-v1-cluster2-b': 0,
        [GATEWAY2]: 0,
      },
      [
        [0, 2, 2, 100, 100, false],
        [1, 1, 1, 100, 0, false],
      ],
      0,
    ],
    // Upstream does not know the value: Any, with SPW0005; no DR, no outlier detection → one level of four
    // hosts: the two local pods and, per locality group, cluster2's east-west gateway standing in for the
    // network2 pod of that zone (EndpointsByNetworkFilter keeps the groups), weight 1 each → 25 % each.
    // 1.31 panic 0 (AUTO_SEND_UNHEALTHY), 1.30 Envoy's 50 (istio.md §6.3).
    [
      'ISTIO_1_31',
      'Any',
      ['SPW0005'],
      {
        'productpage-v1-cluster1-a': 25,
        'productpage-v1-cluster1-b': 25,
        'productpage-v1-cluster2-a': 0,
        'productpage-v1-cluster2-b': 0,
        [`${GATEWAY2_FOR}a`]: 25,
        [`${GATEWAY2_FOR}b`]: 25,
      },
      [[0, 4, 4, 100, 100, false]],
      0,
    ],
    [
      'ISTIO_1_30',
      'Any',
      ['SPW0005'],
      {
        'productpage-v1-cluster1-a': 25,
        'productpage-v1-cluster1-b': 25,
        'productpage-v1-cluster2-a': 0,
        'productpage-v1-cluster2-b': 0,
        [`${GATEWAY2_FOR}a`]: 25,
        [`${GATEWAY2_FOR}b`]: 25,
      },
      [[0, 4, 4, 100, 100, false]],
      50,
    ],
  ])('%s → %s', (profile, mode, diagnostics, expected, priorities, panic) => {
    const path = resolve(
      preferNetworkMesh(),
      'cluster1/bookinfo/sleep',
      'productpage.bookinfo.mesh.internal',
      profile,
    );
    const hop = policyOf(path).hops[1];
    expect(hop?.trafficDistribution).toMatchObject({ mode, source: 'SERVICE_ANNOTATION' });
    if (mode === 'Any') expect(hop?.trafficDistribution.writtenValue).toBe('PreferNetwork');
    expect(codes(path).filter((c) => c === 'SPW0004' || c === 'SPW0005')).toEqual(diagnostics);
    expect(shares(hop)).toEqual(expected);
    expect(levels(hop)).toEqual(priorities);
    expect(hop?.panicThresholdPercent).toBe(panic);
  });
});

describe('panic threshold on an Envoy hop without outlier detection (httpbin-before, waypoint hop)', () => {
  it.each<[Profile, number, string]>([
    // 1.30: no outlier detection, mode Any → Istio leaves it unset: Envoy's 50 %.
    ['ISTIO_1_30', 50, 'Any'],
    // 1.31: PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS (default on) → 0.
    ['ISTIO_1_31', 0, 'Any'],
    // SOLO: the backend default PreferNetwork forces unhealthy endpoints → 0.
    ['SOLO', 0, 'PreferNetwork'],
  ])('%s → %i %%', (profile, panic, mode) => {
    const path = resolve(
      exampleModel('httpbin-before.yaml'),
      'httpbin/client-in-ambient',
      'in-ambient',
      profile,
    );
    const hop = policyOf(path).hops[1];
    expect(hop?.outlierDetection).toBeUndefined();
    expect(hop?.trafficDistribution).toMatchObject({ mode, source: 'DEFAULT' });
    expect(hop?.panicThresholdPercent).toBe(panic);
  });
});

/**
 * PreferSameZone on a ztunnel hop with another network (§5.7, §7.4): one cluster whose nodes sit on two
 * networks. Client on node-a (net1, us-east/us-east-1a); backend svc: `a` on node-a (not ready),
 * `b` on net2 us-east/us-east-1a, `c` on net2 us-west/us-west-1a. ztunnel scopes [NETWORK, REGION, ZONE].
 */
function twoNetworkMesh(profile: Profile): MeshModel {
  const nodeA = makeNode('cluster1', 'node-a', loc('us-east', 'us-east-1a'), 'net1');
  const nodeB = makeNode('cluster1', 'node-b', loc('us-east', 'us-east-1a'), 'net2');
  const nodeC = makeNode('cluster1', 'node-c', loc('us-west', 'us-west-1a'), 'net2');
  const client = makePod(nodeA, 'app', 'client-1', 'client');
  const a = makePod(nodeA, 'app', 'svc-a', 'svc', { ready: false });
  const b = makePod(nodeB, 'app', 'svc-b', 'svc');
  const c = makePod(nodeC, 'app', 'svc-c', 'svc');
  const svc = makeService('cluster1', 'app', 'svc', { trafficDistribution: 'PreferClose' });
  return makeMesh(
    [
      {
        ...emptyCluster('cluster1', 'net1'),
        nodes: [nodeA, nodeB, nodeC],
        namespaces: [makeNamespace('cluster1', 'app')],
        workloads: [client, a, b, c],
        services: [svc],
        endpoints: [a, b, c].map((p) => endpointFor(svc, p)),
      },
    ],
    profile,
  );
}

describe('PreferSameZone other-network tiers on a ztunnel hop (the same-network endpoint is not ready)', () => {
  it.each<[Profile, Record<string, number>]>([
    // 1.31 "network preferred, not required": a network mismatch is skipped and other-network endpoints
    // keep their own ladder: b matches region + zone (rank 2) beats c (rank 0). Only the best rank serves.
    ['ISTIO_1_31', { 'svc-a': 0, 'svc-b': 100, 'svc-c': 0 }],
    // 1.30: ranking stops at the network mismatch, b and c both rank 0: one tier, 50/50.
    ['ISTIO_1_30', { 'svc-a': 0, 'svc-b': 50, 'svc-c': 50 }],
    // SOLO lumps other networks into one lowest tier (seed 002 table), like 1.30.
    ['SOLO', { 'svc-a': 0, 'svc-b': 50, 'svc-c': 50 }],
  ])('%s', (profile, expected) => {
    const path = resolve(twoNetworkMesh(profile), 'app/client', 'svc');
    const hop = policyOf(path).hops[0];
    expect(hop?.from.kind).toBe('ZTUNNEL');
    expect(hop?.trafficDistribution).toMatchObject({ mode: 'PreferSameZone', source: 'SERVICE_SPEC' });
    expect(hop?.localityLb.failoverPriority).toEqual(['NETWORK', 'REGION', 'ZONE']);
    expect(shares(hop)).toEqual(expected);
    expect(hop?.droppedPercent).toBe(0);
  });

  it('ztunnel never spills gradually: failing b under 1.31 keeps its connections (100 % errors), c gets none', () => {
    const w = whatIfOf(resolve(twoNetworkMesh('ISTIO_1_31'), 'app/client', 'svc'), {
      ejectEndpoints: ['svc-b'],
    });
    expect(shares(w.scenario.hops[0])).toEqual({ 'svc-a': 0, 'svc-b': 100, 'svc-c': 0 });
    expect(w.errorPercent).toBe(100);
  });
});
