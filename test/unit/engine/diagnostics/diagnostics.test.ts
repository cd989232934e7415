import { describe, expect, it } from 'vitest';
import { analyzeMesh } from '../../../../src/engine/index.js';
import { CATALOGUE, DIAGNOSTICS, INTAKE_CODE_FLOOR } from '../../../../src/engine/diagnostics/catalogue.js';
import type { Diagnostic } from '../../../../src/engine/model/answer.js';
import type {
  ClusterModel,
  DestinationRuleModel,
  MeshModel,
  Profile,
  TrafficPolicy,
} from '../../../../src/engine/model/meshModel.js';
import { compileMesh } from '../../../../src/engine/resolver/compileMesh.js';
import { resolvePath } from '../../../../src/engine/resolver/resolvePath.js';
import { bookinfoMesh } from '../resolver/fixtures/bookinfo.js';
import { HTTPBIN_CLUSTER, httpbinCluster, httpbinNodes } from '../resolver/fixtures/httpbin.js';
import { makeDR, makeGateway, makeMesh, makePod, withCluster } from '../resolver/fixtures/meshBuilders.js';

const CLIENT = 'httpbin/client-in-ambient';
const [nodeA, nodeB] = httpbinNodes;

function mesh(
  f: (c: ClusterModel) => Partial<ClusterModel> = () => ({}),
  profile: Profile = 'SOLO',
): MeshModel {
  const c = httpbinCluster();
  return makeMesh([withCluster(c, f(c))], profile);
}
function path(model: MeshModel, client = CLIENT, backend = 'in-ambient', profile?: Profile): Diagnostic[] {
  return [
    ...resolvePath(compileMesh(model), { client, backend, ...(profile === undefined ? {} : { profile }) })
      .diagnostics,
  ];
}
function analyze(model: MeshModel, profile?: Profile): Diagnostic[] {
  return analyzeMesh(compileMesh(model), profile);
}
function rule(
  trafficPolicy: TrafficPolicy,
  extra: Partial<DestinationRuleModel> = {},
): (c: ClusterModel) => Partial<ClusterModel> {
  return () => ({
    destinationRules: [makeDR(HTTPBIN_CLUSTER, 'httpbin', 'r', 'in-ambient', { trafficPolicy, ...extra })],
  });
}
function both(
  ...fs: ((c: ClusterModel) => Partial<ClusterModel>)[]
): (c: ClusterModel) => Partial<ClusterModel> {
  return (c) => fs.reduce<ClusterModel>((acc, f) => ({ ...acc, ...f(acc) }), c);
}
const od = { consecutive5xxErrors: 3, maxEjectionPercent: 50 };
const noWaypoint = (c: ClusterModel): Partial<ClusterModel> => ({
  namespaces: c.namespaces.map((n) => ({
    cluster: n.cluster,
    name: n.name,
    labels: n.labels,
    annotations: n.annotations,
    dataplaneMode: n.dataplaneMode,
  })),
});
const svcEdit =
  (edit: Record<string, unknown>) =>
  (c: ClusterModel): Partial<ClusterModel> => ({
    services: c.services.map((s) => (s.name === 'in-ambient' ? { ...s, ...edit } : s)),
  });
const tdAnnotation = (value: string) =>
  svcEdit({ annotations: { 'networking.istio.io/traffic-distribution': value } });
const sidecar = makePod(nodeA, 'httpbin', 'sleep-sidecar-1', 'sleep-sidecar', { dataplaneMode: 'sidecar' });
const outside = makePod(nodeA, 'legacy', 'curl-1', 'curl', { dataplaneMode: 'none' });
const ingressPod = makePod(nodeB, 'istio-ingress', 'ingress-abc', 'istio-ingressgateway', {
  gatewayName: 'public',
  dataplaneMode: 'none',
});
const clients = (c: ClusterModel): Partial<ClusterModel> => ({
  workloads: [...c.workloads, sidecar, outside, ingressPod],
  gateways: [makeGateway(HTTPBIN_CLUSTER, 'istio-ingress', 'public', 'istio', [ingressPod.name])],
});
const moveLocalEndpointAway = (c: ClusterModel): Partial<ClusterModel> => ({
  endpoints: c.endpoints.map((e) =>
    e.workload?.name === 'in-ambient-7d8f9b6c54-abc12' ? { ...e, nodeName: 'node-b' } : e,
  ),
});
const waypointUnready = (c: ClusterModel): Partial<ClusterModel> => ({
  workloads: c.workloads.map((w) => (w.gatewayName === 'httpbin-waypoint' ? { ...w, ready: false } : w)),
  endpoints: c.endpoints.map((e) => (e.service.name === 'httpbin-waypoint' ? { ...e, ready: false } : e)),
});
const backendUnready = (c: ClusterModel): Partial<ClusterModel> => ({
  endpoints: c.endpoints.map((e) => (e.service.name === 'in-ambient' ? { ...e, ready: false } : e)),
});
const namespaceWaypoint =
  (name: string) =>
  (c: ClusterModel): Partial<ClusterModel> => ({
    namespaces: c.namespaces.map((n) =>
      n.name === 'httpbin'
        ? {
            ...n,
            useWaypoint: {
              kind: 'waypoint' as const,
              name,
              namespace: 'httpbin',
              source: { kind: 'Namespace', name: 'httpbin', cluster: HTTPBIN_CLUSTER },
            },
          }
        : n,
    ),
  });
const waypointFor =
  (value: 'workload' | 'service') =>
  (c: ClusterModel): Partial<ClusterModel> => ({
    waypoints: c.waypoints.map((w) => ({ ...w, waypointFor: value })),
  });
const withoutEastWest = (): MeshModel => {
  const m = bookinfoMesh();
  return { ...m, clusters: m.clusters.map((c) => (c.name === 'cluster2' ? { ...c, gateways: [] } : c)) };
};
const BOOKINFO = ['cluster1/bookinfo/sleep', 'productpage.bookinfo.mesh.internal'] as const;

type Case = readonly [code: string, label: string, triggers: () => Diagnostic[], clean: () => Diagnostic[]];

const cases: readonly Case[] = [
  [
    'SPW0001',
    'failoverPriority without outlierDetection (path)',
    () =>
      path(
        mesh(
          rule({
            loadBalancer: { localityLbSetting: { failoverPriority: ['topology.kubernetes.io/zone'] } },
          }),
        ),
      ),
    () =>
      path(
        mesh(
          rule({
            loadBalancer: { localityLbSetting: { failoverPriority: ['topology.kubernetes.io/zone'] } },
            outlierDetection: od,
          }),
        ),
      ),
  ],
  [
    'SPW0001',
    'failover rules without outlierDetection (analyze)',
    () =>
      analyze(
        mesh(
          rule({
            loadBalancer: { localityLbSetting: { failover: [{ from: 'us-east-1', to: 'us-west-1' }] } },
          }),
        ),
      ),
    () =>
      analyze(
        mesh(
          rule({
            loadBalancer: { localityLbSetting: { failover: [{ from: 'us-east-1', to: 'us-west-1' }] } },
            outlierDetection: od,
          }),
        ),
      ),
  ],
  [
    'SPW0002',
    'outlierDetection alone enables locality failover',
    () => path(mesh(rule({ outlierDetection: od }))),
    () => path(mesh(rule({ loadBalancer: { simple: 'ROUND_ROBIN' } }))),
  ],
  [
    'SPW0002',
    'analyze: outlierDetection alone',
    () => analyze(mesh(rule({ outlierDetection: od }))),
    () =>
      analyze(mesh(rule({ outlierDetection: od, loadBalancer: { localityLbSetting: { enabled: false } } }))),
  ],
  [
    'SPW0003',
    'DR on a ztunnel-only path',
    () => path(mesh(both(noWaypoint, rule({ outlierDetection: od })))),
    () => path(mesh(rule({ outlierDetection: od }))),
  ],
  [
    'SPW0003',
    'analyze: DR for a service no waypoint serves',
    () => analyze(mesh(both(noWaypoint, rule({ outlierDetection: od })))),
    () => analyze(mesh(rule({ outlierDetection: od }))),
  ],
  [
    'SPW0004',
    'unknown traffic-distribution value',
    () => path(mesh(tdAnnotation('PreferCloze'))),
    () => path(mesh(tdAnnotation('PreferClose'))),
  ],
  [
    'SPW0005',
    'PreferRegion under an upstream profile',
    () => analyze(mesh(tdAnnotation('PreferRegion')), 'ISTIO_1_31'),
    () => analyze(mesh(tdAnnotation('PreferRegion')), 'SOLO'),
  ],
  [
    'SPW0006',
    'internalTrafficPolicy Local',
    () => path(mesh(both(noWaypoint, svcEdit({ internalTrafficPolicy: 'Local' })))),
    () => path(mesh(noWaypoint)),
  ],
  [
    'SPW0007',
    'internalTrafficPolicy Local with no endpoint on the client node',
    () => path(mesh(both(noWaypoint, moveLocalEndpointAway, svcEdit({ internalTrafficPolicy: 'Local' })))),
    () => path(mesh(both(noWaypoint, svcEdit({ internalTrafficPolicy: 'Local' })))),
  ],
  [
    'SPW0008',
    'DR host matches nothing',
    () =>
      analyze(
        mesh(() => ({ destinationRules: [makeDR(HTTPBIN_CLUSTER, 'httpbin', 'ghost', 'no-such-service')] })),
      ),
    () =>
      analyze(
        mesh(() => ({
          destinationRules: [makeDR(HTTPBIN_CLUSTER, 'httpbin', 'ok', '*.httpbin.svc.cluster.local')],
        })),
      ),
  ],
  [
    'SPW0009',
    'DR in a namespace no proxy reads from',
    () =>
      analyze(
        mesh(() => ({
          destinationRules: [
            makeDR(HTTPBIN_CLUSTER, 'elsewhere', 'r', 'in-ambient.httpbin.svc.cluster.local'),
          ],
        })),
      ),
    () =>
      analyze(
        mesh(() => ({
          destinationRules: [makeDR(HTTPBIN_CLUSTER, 'httpbin', 'r', 'in-ambient.httpbin.svc.cluster.local')],
        })),
      ),
  ],
  [
    'SPW0010',
    'maxEjectionPercent 10% of 3 hosts',
    () => path(mesh(rule({ outlierDetection: { consecutive5xxErrors: 3, maxEjectionPercent: 10 } }))),
    () => path(mesh(rule({ outlierDetection: { consecutive5xxErrors: 3, maxEjectionPercent: 34 } }))),
  ],
  [
    'SPW0010',
    'analyze: unset maxEjectionPercent (10%) on 3 hosts',
    () => analyze(mesh(rule({ outlierDetection: { consecutive5xxErrors: 3 } }))),
    () => analyze(mesh(rule({ outlierDetection: { consecutive5xxErrors: 3, maxEjectionPercent: 50 } }))),
  ],
  [
    'SPW0011',
    'distribute weights summing to 90',
    () =>
      path(
        mesh(
          rule({
            loadBalancer: {
              localityLbSetting: {
                distribute: [{ from: 'us-east-1/*', to: { 'us-east-1/us-east-1a/*': 90 } }],
              },
            },
          }),
        ),
      ),
    () =>
      path(
        mesh(
          rule({
            loadBalancer: {
              localityLbSetting: {
                distribute: [{ from: 'us-east-1/*', to: { 'us-east-1/us-east-1a/*': 100 } }],
              },
            },
          }),
        ),
      ),
  ],
  [
    'SPW0012',
    'distribute next to failoverPriority',
    () =>
      analyze(
        mesh(
          rule({
            outlierDetection: od,
            loadBalancer: {
              localityLbSetting: {
                failoverPriority: ['topology.kubernetes.io/zone'],
                distribute: [{ from: '*', to: { 'us-east-1/*': 100 } }],
              },
            },
          }),
        ),
      ),
    () =>
      analyze(
        mesh(
          rule({
            outlierDetection: od,
            loadBalancer: { localityLbSetting: { distribute: [{ from: '*', to: { 'us-east-1/*': 100 } }] } },
          }),
        ),
      ),
  ],
  ['SPW0013', 'backend with no ready endpoint', () => path(mesh(backendUnready)), () => path(mesh())],
  [
    'SPW0013',
    'analyze: backend with no ready endpoint',
    () => analyze(mesh(backendUnready)),
    () => analyze(mesh()),
  ],
  [
    'SPW0014',
    'client outside the mesh',
    () => path(mesh(clients), 'legacy/curl', 'in-ambient.httpbin'),
    () => path(mesh(clients), 'httpbin/sleep-sidecar', 'in-ambient.httpbin'),
  ],
  [
    'SPW0015',
    'use-waypoint names a missing waypoint',
    () => path(mesh(namespaceWaypoint('ghost-waypoint'))),
    () => path(mesh(namespaceWaypoint('httpbin-waypoint'))),
  ],
  ['SPW0016', 'waypoint without a ready pod', () => path(mesh(waypointUnready)), () => path(mesh())],
  [
    'SPW0016',
    'analyze: waypoint without a ready pod',
    () => analyze(mesh(waypointUnready)),
    () => analyze(mesh()),
  ],
  [
    'SPW0017',
    'global service with a non-global waypoint',
    () => path(bookinfoMesh({ waypointGlobal: false }), ...BOOKINFO),
    () => path(bookinfoMesh(), ...BOOKINFO),
  ],
  [
    'SPW0018',
    'workload-only waypoint for service traffic',
    () => path(mesh(waypointFor('workload'))),
    () => path(mesh(waypointFor('service'))),
  ],
  [
    'SPW0019',
    'ingress gateway bypasses the waypoint',
    () => path(mesh(clients), 'istio-ingress/public', 'in-ambient.httpbin'),
    () =>
      path(
        mesh(both(clients, svcEdit({ labels: { 'istio.io/ingress-use-waypoint': 'true' } }))),
        'istio-ingress/public',
        'in-ambient.httpbin',
      ),
  ],
  [
    'SPW0020',
    'endpoints on a network without an east-west gateway',
    () => path(withoutEastWest(), ...BOOKINFO),
    () => path(bookinfoMesh(), ...BOOKINFO),
  ],
  [
    'SPW0020',
    'analyze: global service on a network without an east-west gateway',
    () => analyze(withoutEastWest()),
    () => analyze(bookinfoMesh()),
  ],
  [
    'SPW0021',
    'zoneAwareLbSetting at a waypoint',
    () => path(mesh(rule({ loadBalancer: { zoneAwareLbSetting: { enabled: true } } }))),
    () => path(mesh(rule({ loadBalancer: { localityLbSetting: { enabled: true } } }))),
  ],
  [
    'SPW0022',
    'DR localityLbSetting overrides an explicit traffic distribution',
    () =>
      path(
        mesh(
          both(
            svcEdit({ trafficDistribution: 'PreferClose' }),
            rule({ outlierDetection: od, loadBalancer: { localityLbSetting: { enabled: true } } }),
          ),
        ),
      ),
    () => path(mesh(svcEdit({ trafficDistribution: 'PreferClose' }))),
  ],
];

describe('every diagnostic has a case that triggers it and one that does not', () => {
  it.each(cases)('%s: %s', (code, _label, triggers, clean) => {
    const hit = triggers().filter((d) => d.code === code);
    expect(hit.length).toBeGreaterThan(0);
    const entry = CATALOGUE.find((c) => c.code === code);
    expect(hit[0]?.severity).toBe(entry?.severity);
    expect(hit[0]?.resources.length).toBeGreaterThan(0);
    expect(clean().filter((d) => d.code === code)).toEqual([]);
  });

  it('covers the whole analysis catalogue (intake codes SPW1xxx are covered by the normalize and ingest suites)', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(
      new Set(CATALOGUE.filter((c) => c.code < INTAKE_CODE_FLOOR).map((c) => c.code)),
    );
  });
});

describe('catalogue', () => {
  it('has unique SPW#### codes in order', () => {
    const codes = CATALOGUE.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^SPW\d{4}$/.test(c))).toBe(true);
    expect([...codes].sort()).toEqual(codes);
  });

  it.each([
    ['DESTINATION_RULE_HOST_MATCHES_NOTHING', 'IST0174'],
    ['DESTINATION_RULE_NAMESPACE_NOT_CONSULTED', 'KIA0212'],
    ['LOCALITY_LB_SETTING_INVALID', 'IST0106'],
  ] as const)('%s cross-references %s', (id, equivalent) => {
    expect(DIAGNOSTICS[id].equivalent).toBe(equivalent);
  });

  it('the bookinfo seed scenario analyzes clean', () => {
    expect(analyze(bookinfoMesh()).map((d) => d.code)).toEqual([]);
  });
});
