import { describe, expect, it } from 'vitest';
import type { ClusterModel, MeshModel, Profile } from '../../../../src/engine/model/meshModel.js';
import type { ResolvedHop, ResolvedPath } from '../../../../src/engine/model/resolved.js';
import { compileMesh } from '../../../../src/engine/resolver/compileMesh.js';
import { resolvePath } from '../../../../src/engine/resolver/resolvePath.js';
import { bookinfoMesh } from './fixtures/bookinfo.js';
import {
  clientPod,
  HTTPBIN_CLUSTER,
  httpbinCluster,
  httpbinMesh,
  httpbinNodes,
  inAmbient,
} from './fixtures/httpbin.js';
import {
  endpointFor,
  makeGateway,
  makeMesh,
  makeNamespace,
  makePod,
  makeService,
  withCluster,
} from './fixtures/meshBuilders.js';

const CLIENT = 'httpbin/client-in-ambient';
const [nodeA, nodeB] = httpbinNodes;

function resolve(model: MeshModel, client = CLIENT, backend = 'in-ambient', profile?: Profile): ResolvedPath {
  return resolvePath(compileMesh(model), { client, backend, ...(profile === undefined ? {} : { profile }) });
}

function edit(f: (c: ClusterModel) => Partial<ClusterModel>, options: { withDR?: boolean } = {}): MeshModel {
  const c = httpbinCluster(options);
  return makeMesh([withCluster(c, f(c))]);
}

function shape(p: ResolvedPath): string[] {
  return p.hops.map((h) => `${h.from.kind}→${h.to} ${h.layer}/${h.balancer}`);
}

function levels(hop: ResolvedHop | undefined): Record<string, number> {
  return Object.fromEntries((hop?.endpoints ?? []).map((e) => [e.name, e.priority]));
}

describe('seed 001: httpbin behind httpbin-waypoint', () => {
  it('before the DestinationRule: ztunnel → waypoint (PreferClose) → one level with all three endpoints', () => {
    const p = resolve(httpbinMesh());
    expect(p.profile).toBe('SOLO');
    expect(shape(p)).toEqual([
      'ZTUNNEL→httpbin-waypoint.httpbin.svc.cluster.local L4/ZTUNNEL',
      'WAYPOINT→in-ambient.httpbin.svc.cluster.local L7/ENVOY',
    ]);
    const [toWaypoint, toBackend] = p.hops;
    expect(toWaypoint?.trafficDistribution.mode).toBe('PreferSameZone');
    expect(toWaypoint?.from.node).toBe(clientPod.nodeName);
    expect(toWaypoint?.destinationRuleFieldsApplied).toEqual([]);
    expect(toBackend?.from.name).toBe('httpbin-waypoint-5cb48fc696-mq99j');
    expect(toBackend?.endpoints).toHaveLength(3);
    expect(new Set(toBackend?.endpoints.map((e) => e.priority))).toEqual(new Set([0]));
    expect(toBackend?.destinationRule).toBeUndefined();
    expect(toBackend?.loadBalancer).toBe('LEAST_REQUEST');
    expect(toBackend?.outlierDetection).toBeUndefined();
    expect(toBackend?.overprovisioningFactor).toBe(140);
  });

  it("after in-ambient-failover: ROUND_ROBIN with the rule's outlier settings, still one level", () => {
    const p = resolve(httpbinMesh({ withDR: true }));
    const toBackend = p.hops[1];
    expect(toBackend?.destinationRule?.name).toBe('in-ambient-failover');
    expect(toBackend?.destinationRuleFieldsApplied).toEqual(['loadBalancer.simple', 'outlierDetection']);
    expect(toBackend?.loadBalancer).toBe('ROUND_ROBIN');
    expect(toBackend?.outlierDetection).toMatchObject({
      consecutive5xxErrors: 3,
      intervalSeconds: 10,
      baseEjectionTimeSeconds: 30,
      maxEjectionPercent: 50,
    });
    expect(new Set(toBackend?.endpoints.map((e) => e.priority))).toEqual(new Set([0]));
    expect(toBackend?.endpoints.every((e) => e.health === 'HEALTHY')).toBe(true);
    // The ztunnel hop never carries the rule.
    expect(p.hops[0]?.destinationRule).toBeUndefined();
  });

  it.each<[Profile]>([['SOLO'], ['ISTIO_1_30'], ['ISTIO_1_31']])(
    'states the profile it was computed with (%s)',
    (profile) => {
      expect(resolve(httpbinMesh(), CLIENT, 'in-ambient', profile).profile).toBe(profile);
    },
  );

  it.each<[Profile, string, number]>([
    ['SOLO', 'PreferNetwork', 0],
    ['ISTIO_1_31', 'Any', 0],
    ['ISTIO_1_30', 'Any', 50],
  ])('%s: backend default mode %s, panic threshold %i%%', (profile, mode, panic) => {
    const hop = resolve(httpbinMesh(), CLIENT, 'in-ambient', profile).hops[1];
    expect(hop?.trafficDistribution.mode).toBe(mode);
    expect(hop?.trafficDistribution.source).toBe('DEFAULT');
    expect(hop?.panicThresholdPercent).toBe(panic);
  });
});

describe('seeds 000/002: bookinfo productpage-failover from each cluster', () => {
  it.each([
    [
      'cluster1',
      {
        'productpage-v1-cluster1-a': 0,
        'productpage-v1-cluster1-b': 1,
        'productpage-v1-cluster2-a': 2,
        'productpage-v1-cluster2-b': 2,
        // network2's pods are one Envoy host: cluster2's east-west gateway (EndpointsByNetworkFilter).
        'istio-eastwest.istio-system (cluster2) for productpage-v1-cluster2-a, productpage-v1-cluster2-b': 2,
      },
    ],
    [
      'cluster2',
      {
        'productpage-v1-cluster2-a': 0,
        'productpage-v1-cluster2-b': 1,
        'productpage-v1-cluster1-a': 2,
        'productpage-v1-cluster1-b': 2,
        'istio-eastwest.istio-system (cluster1) for productpage-v1-cluster1-a, productpage-v1-cluster1-b': 2,
      },
    ],
  ])('from %s: same zone, then same region, then the other region', (cluster, expected) => {
    const p = resolve(bookinfoMesh(), `${cluster}/bookinfo/sleep`, 'productpage.bookinfo.mesh.internal');
    const [toWaypoint, toBackend] = p.hops;
    expect(toWaypoint?.to).toBe('bookinfo-waypoint.bookinfo.mesh.internal');
    expect(toBackend?.from.cluster).toBe(cluster);
    expect(toBackend?.destinationRule).toEqual({
      kind: 'DestinationRule',
      name: 'productpage-failover',
      namespace: 'bookinfo',
      cluster,
    });
    expect(toBackend?.localityLb).toMatchObject({
      mode: 'FAILOVER_PRIORITY',
      active: true,
      failoverPriority: ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone'],
    });
    expect(levels(toBackend)).toEqual(expected);
    expect(toBackend?.priorityMeanings).toHaveLength(3);
    // Endpoints keep their own cluster and network even though they are reached through the east-west gateway.
    expect(toBackend?.endpoints.find((e) => e.name === 'productpage-v1-cluster2-a')?.network).toBe(
      'network2',
    );
  });

  it("the client ztunnel reaches its own cluster's waypoint (PreferClose on the global waypoint service)", () => {
    const hop = resolve(bookinfoMesh(), 'cluster1/bookinfo/sleep', 'productpage.bookinfo.mesh.internal')
      .hops[0];
    expect(levels(hop)).toEqual({ 'bookinfo-waypoint-cluster1': 0, 'bookinfo-waypoint-cluster2': 1 });
  });

  it("upstream profiles compare cross-network endpoints by the gateway's cluster/network labels only", () => {
    const hop = resolve(
      bookinfoMesh(),
      'cluster1/bookinfo/sleep',
      'productpage.bookinfo.mesh.internal',
      'ISTIO_1_31',
    ).hops[1];
    expect(levels(hop)['productpage-v1-cluster2-a']).toBe(2);
    expect(hop?.endpoints.find((e) => e.cluster === 'cluster2')?.priorityReason).toContain(
      'east-west gateway',
    );
  });
});

describe('path shapes', () => {
  const sidecar = makePod(nodeA, 'httpbin', 'sleep-sidecar-1', 'sleep-sidecar', { dataplaneMode: 'sidecar' });
  const outside = makePod(nodeA, 'legacy', 'curl-1', 'curl', { dataplaneMode: 'none' });
  const ingressPod = makePod(nodeB, 'istio-ingress', 'ingress-abc', 'istio-ingressgateway', {
    gatewayName: 'public',
    dataplaneMode: 'none',
  });
  const ingress = makeGateway(HTTPBIN_CLUSTER, 'istio-ingress', 'public', 'istio', [ingressPod.name]);
  const extraClients = (c: ClusterModel): Partial<ClusterModel> => ({
    workloads: [...c.workloads, sidecar, outside, ingressPod],
    gateways: [ingress],
  });
  const optedIn = (c: ClusterModel): Partial<ClusterModel> => ({
    ...extraClients(c),
    services: c.services.map((s) =>
      s.name === 'in-ambient' ? { ...s, labels: { 'istio.io/ingress-use-waypoint': 'true' } } : s,
    ),
  });
  const noWaypoint = (c: ClusterModel): Partial<ClusterModel> => ({
    ...extraClients(c),
    namespaces: c.namespaces.map((n) => ({
      cluster: n.cluster,
      name: n.name,
      labels: n.labels,
      annotations: n.annotations,
      dataplaneMode: n.dataplaneMode,
    })),
  });

  it.each([
    ['ambient, no waypoint', noWaypoint, CLIENT, ['ZTUNNEL→in-ambient.httpbin.svc.cluster.local L4/ZTUNNEL']],
    [
      'sidecar through the waypoint',
      extraClients,
      'httpbin/sleep-sidecar',
      [
        'SIDECAR→httpbin-waypoint.httpbin.svc.cluster.local L7/ENVOY',
        'WAYPOINT→in-ambient.httpbin.svc.cluster.local L7/ENVOY',
      ],
    ],
    [
      'sidecar straight to the backend',
      noWaypoint,
      'httpbin/sleep-sidecar',
      ['SIDECAR→in-ambient.httpbin.svc.cluster.local L7/ENVOY'],
    ],
    [
      'ingress bypasses the waypoint by default',
      extraClients,
      'istio-ingress/public',
      ['INGRESS_GATEWAY→in-ambient.httpbin.svc.cluster.local L7/ENVOY'],
    ],
    [
      'ingress with ingress-use-waypoint',
      optedIn,
      'istio-ingress/public',
      [
        'INGRESS_GATEWAY→httpbin-waypoint.httpbin.svc.cluster.local L7/ENVOY',
        'WAYPOINT→in-ambient.httpbin.svc.cluster.local L7/ENVOY',
      ],
    ],
    [
      'client outside the mesh',
      extraClients,
      'legacy/curl',
      ['NONE→in-ambient.httpbin.svc.cluster.local L4/KUBE_PROXY'],
    ],
  ])('%s', (_l, f, client, expected) => {
    expect(shape(resolve(edit(f), client, 'in-ambient.httpbin'))).toEqual(expected);
  });

  it('a sidecar applies the backend DestinationRule on its hop to the waypoint (seed 000)', () => {
    const p = resolve(edit(extraClients, { withDR: true }), 'httpbin/sleep-sidecar', 'in-ambient.httpbin');
    expect(p.hops[0]?.destinationRule?.name).toBe('in-ambient-failover');
    expect(p.hops[0]?.trafficDistribution.mode).toBe('PreferSameZone');
    expect(p.hops[0]?.from.locality).toBe('us-east-1/us-east-1a');
  });

  it('an ambient client without a waypoint gets no DestinationRule fields, even with a rule for the host', () => {
    const p = resolve(edit(noWaypoint, { withDR: true }));
    expect(p.hops[0]?.destinationRule).toBeUndefined();
    expect(p.hops[0]?.destinationRuleFieldsApplied).toEqual([]);
    expect(p.hops[0]?.outlierDetection).toBeUndefined();
  });
});

describe('waypoint choice', () => {
  const otherWaypointPod = makePod(nodeA, 'gw', 'shared-waypoint-1', 'shared-waypoint', {
    gatewayName: 'shared-waypoint',
  });
  const shared = makeGateway(HTTPBIN_CLUSTER, 'gw', 'shared-waypoint', 'istio-waypoint', [
    otherWaypointPod.name,
  ]);
  const withShared =
    (
      svcUse: ClusterModel['services'][number]['useWaypoint'],
      waypointFor: 'service' | 'workload' | 'all' = 'service',
    ) =>
    (c: ClusterModel): Partial<ClusterModel> => ({
      workloads: [...c.workloads, otherWaypointPod],
      waypoints: [...c.waypoints, { ...shared, waypointFor }],
      namespaces: [...c.namespaces, makeNamespace(HTTPBIN_CLUSTER, 'gw')],
      services: c.services.map((s) =>
        s.name === 'in-ambient' ? { ...s, ...(svcUse !== undefined ? { useWaypoint: svcUse } : {}) } : s,
      ),
    });
  const svcSource = { kind: 'Service', name: 'in-ambient', namespace: 'httpbin', cluster: HTTPBIN_CLUSTER };

  it.each([
    ['namespace label', withShared(undefined), 'httpbin-waypoint.httpbin.svc.cluster.local'],
    [
      'service label beats the namespace, across namespaces',
      withShared({ kind: 'waypoint', name: 'shared-waypoint', namespace: 'gw', source: svcSource }),
      'shared-waypoint.gw.svc.cluster.local',
    ],
    [
      'service label none opts out',
      withShared({ kind: 'none', source: svcSource }),
      'in-ambient.httpbin.svc.cluster.local',
    ],
    [
      'a workload-only waypoint does not take service traffic',
      withShared(
        { kind: 'waypoint', name: 'shared-waypoint', namespace: 'gw', source: svcSource },
        'workload',
      ),
      'in-ambient.httpbin.svc.cluster.local',
    ],
    [
      'waypoint-for all takes service traffic',
      withShared({ kind: 'waypoint', name: 'shared-waypoint', namespace: 'gw', source: svcSource }, 'all'),
      'shared-waypoint.gw.svc.cluster.local',
    ],
  ])('%s', (_l, f, firstHopTo) => {
    expect(resolve(edit(f)).hops[0]?.to).toBe(firstHopTo);
  });

  it("the waypoint hop reads DestinationRules from the waypoint's namespace first", () => {
    const svcUse = { kind: 'waypoint' as const, name: 'shared-waypoint', namespace: 'gw', source: svcSource };
    const model = edit(
      (c) => ({
        ...withShared(svcUse)(c),
        destinationRules: [
          {
            cluster: HTTPBIN_CLUSTER,
            namespace: 'gw',
            name: 'gw-rule',
            host: 'in-ambient.httpbin.svc.cluster.local',
            exportTo: [],
            subsets: [],
            trafficPolicy: { loadBalancer: { simple: 'RANDOM' } },
          },
        ],
      }),
      { withDR: true },
    );
    const hop = resolve(model).hops[1];
    expect(hop?.from.name).toBe('shared-waypoint-1');
    expect(hop?.destinationRule?.name).toBe('gw-rule');
    expect(hop?.loadBalancer).toBe('RANDOM');
  });
});

describe('endpoints', () => {
  it('a not-ready endpoint is sent as UNHEALTHY when traffic distribution forces it, and stays on the path', () => {
    const model = edit((c) => ({
      workloads: c.workloads.map((w) =>
        w.name === 'in-ambient-7d8f9b6c54-ghi56' ? { ...w, ready: false } : w,
      ),
      endpoints: c.endpoints.map((e) =>
        e.workload?.name === 'in-ambient-7d8f9b6c54-ghi56' ? { ...e, ready: false } : e,
      ),
    }));
    const hop = resolve(model).hops[1];
    expect(hop?.endpoints.find((e) => e.name === 'in-ambient-7d8f9b6c54-ghi56')?.health).toBe('UNHEALTHY');
    const ztunnelOnly = resolve(model, CLIENT, 'in-ambient', 'ISTIO_1_30').hops[1];
    expect(ztunnelOnly?.endpoints.find((e) => e.name === 'in-ambient-7d8f9b6c54-ghi56')?.health).toBe(
      'EXCLUDED',
    );
  });

  it('an extra service endpoint on another zone lands one level lower under PreferClose', () => {
    const farNode = {
      ...nodeB,
      name: 'node-far',
      locality: { region: 'us-east-1', zone: 'us-east-1b', subzone: '' },
    };
    const far = makePod(farNode, 'httpbin', 'in-ambient-far', 'in-ambient');
    const svc = { ...inAmbient, trafficDistribution: 'PreferClose' };
    const model = edit((c) => ({
      nodes: [...c.nodes, farNode],
      workloads: [...c.workloads, far],
      services: c.services.map((s) => (s.name === 'in-ambient' ? svc : s)),
      endpoints: [...c.endpoints, endpointFor(svc, far)],
    }));
    const hop = resolve(model).hops[1];
    expect(hop?.trafficDistribution).toMatchObject({
      mode: 'PreferSameZone',
      source: 'SERVICE_SPEC',
      field: 'spec.trafficDistribution',
    });
    expect(levels(hop)['in-ambient-far']).toBe(1);
    expect(levels(hop)['in-ambient-7d8f9b6c54-abc12']).toBe(0);
  });

  it('a ServiceEntry host resolves and its inline endpoints are balanced', () => {
    const se = {
      cluster: HTTPBIN_CLUSTER,
      namespace: 'httpbin',
      name: 'ext',
      hosts: ['api.example.com'],
      addresses: [],
      ports: [{ port: 443, protocol: 'TLS' }],
      location: 'MESH_EXTERNAL' as const,
      resolution: 'DNS' as const,
      exportTo: ['*'],
      labels: {},
      annotations: {},
    };
    const model = edit((c) => ({
      serviceEntries: [se],
      endpoints: [
        ...c.endpoints,
        {
          cluster: HTTPBIN_CLUSTER,
          service: { kind: 'ServiceEntry' as const, namespace: 'httpbin', name: 'ext' },
          address: 'api.example.com',
          source: 'ServiceEntry' as const,
          sourceRef: { kind: 'ServiceEntry', name: 'ext' },
          ready: true,
          serving: true,
          terminating: false,
        },
      ],
      services: [...c.services, makeService(HTTPBIN_CLUSTER, 'other', 'unused')],
    }));
    const p = resolve(model, CLIENT, 'api.example.com');
    expect(p.backend).toBe('api.example.com');
    expect(p.hops.at(-1)?.endpoints.map((e) => e.name)).toEqual(['api.example.com']);
  });
});
