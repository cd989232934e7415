import { describe, expect, it } from 'vitest';
import { analyzeMesh, compileMesh, resolvePath } from '../../../../src/engine/index.js';
import type { Diagnostic, MeshModel, Profile } from '../../../../src/engine/index.js';
import { CATALOGUE, DIAGNOSTICS, INTAKE_CODE_FLOOR } from '../../../../src/engine/diagnostics/catalogue.js';
import { bookinfoMesh } from '../resolver/fixtures/bookinfo.js';
import { HTTPBIN_CLUSTER } from '../resolver/fixtures/httpbin.js';
import { makeDR } from '../resolver/fixtures/meshBuilders.js';
import {
  backendUnready,
  both,
  clients,
  httpbin,
  moveLocalEndpointAway,
  namespaceWaypoint,
  noWaypoint,
  od,
  rule,
  svcEdit,
  tdAnnotation,
  waypointFor,
  waypointUnready,
  withoutEastWest,
} from './meshEdits.js';

const CLIENT = 'httpbin/client-in-ambient';

const waypointBound = (status: string) => ({ type: 'istio.io/WaypointBound', status, reason: 'NoWaypoint' });
function productpageType(type: string): MeshModel {
  const m = bookinfoMesh();
  return {
    ...m,
    clusters: m.clusters.map((c) =>
      c.name === 'cluster2'
        ? { ...c, services: c.services.map((svc) => (svc.name === 'productpage' ? { ...svc, type } : svc)) }
        : c,
    ),
  };
}

const mesh = httpbin;
function path(model: MeshModel, client = CLIENT, backend = 'in-ambient', profile?: Profile): Diagnostic[] {
  return [
    ...resolvePath(compileMesh(model), { client, backend, ...(profile === undefined ? {} : { profile }) })
      .diagnostics,
  ];
}
function analyze(model: MeshModel, profile?: Profile): Diagnostic[] {
  return analyzeMesh(compileMesh(model), profile);
}
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
  [
    'SPW0023',
    'a subset on a label no endpoint carries; a zone subset matched through the Node is clean',
    () => analyze(mesh(rule({}, { subsets: [{ name: 'v3', labels: { version: 'v3' } }] }))),
    () =>
      analyze(
        mesh(rule({}, { subsets: [{ name: 'a', labels: { 'topology.kubernetes.io/zone': 'us-east-1a' } }] })),
      ),
  ],
  [
    'SPW0024',
    'productpage is a LoadBalancer in one cluster only',
    () => analyze(productpageType('LoadBalancer')),
    () => analyze(bookinfoMesh()),
  ],
  [
    'SPW0025',
    'istiod reported the backend Service not bound to its waypoint',
    () => analyze(mesh(svcEdit({ conditions: [waypointBound('False')] }))),
    () => analyze(mesh(svcEdit({ conditions: [waypointBound('True')] }))),
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
