/**
 * Small meshes that between them raise every path and analysis diagnostic (the httpbin and bookinfo
 * fixtures with one change each), so the golden answers pin every diagnostic's text, resources and order.
 */
import type { MeshModel } from '../../../../src/engine/index.js';
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
} from '../diagnostics/meshEdits.js';
import { bookinfoMesh } from '../resolver/fixtures/bookinfo.js';
import { HTTPBIN_CLUSTER } from '../resolver/fixtures/httpbin.js';
import { makeDR } from '../resolver/fixtures/meshBuilders.js';

const failoverPriority = { localityLbSetting: { failoverPriority: ['topology.kubernetes.io/zone'] } };

/** The clients each variant is asked about (to its backend), so a variant pins every kind of hop. */
export const HTTPBIN_PAIRS = [
  ['httpbin/client-in-ambient', 'in-ambient'],
  ['httpbin/sleep-sidecar', 'in-ambient.httpbin'],
  ['legacy/curl', 'in-ambient.httpbin'],
  ['istio-ingress/public', 'in-ambient.httpbin'],
] as const;
export const BOOKINFO_PAIRS = [
  ['cluster1/bookinfo/sleep', 'productpage.bookinfo.mesh.internal'],
  ['cluster2/bookinfo/sleep', 'productpage.bookinfo.mesh.internal'],
  ['cluster1/bookinfo/sleep', 'productpage.bookinfo.svc.cluster.local'],
] as const;

export const DIAGNOSTIC_VARIANTS: readonly (readonly [string, () => MeshModel])[] = [
  ['httpbin', () => httpbin()],
  ['httpbin+clients', () => httpbin(clients)],
  [
    'failoverPriority without outlier',
    () => httpbin(both(clients, rule({ loadBalancer: failoverPriority }))),
  ],
  [
    'failoverPriority with outlier',
    () => httpbin(rule({ loadBalancer: failoverPriority, outlierDetection: od })),
  ],
  [
    'failover without outlier',
    () =>
      httpbin(
        rule({ loadBalancer: { localityLbSetting: { failover: [{ from: 'us-east-1', to: 'us-west-1' }] } } }),
      ),
  ],
  ['outlier only', () => httpbin(both(clients, rule({ outlierDetection: od })))],
  ['round robin only', () => httpbin(rule({ loadBalancer: { simple: 'ROUND_ROBIN' } }))],
  [
    'outlier, locality disabled',
    () => httpbin(rule({ outlierDetection: od, loadBalancer: { localityLbSetting: { enabled: false } } })),
  ],
  ['no waypoint, outlier', () => httpbin(both(clients, noWaypoint, rule({ outlierDetection: od })))],
  ['unknown traffic distribution', () => httpbin(both(clients, tdAnnotation('PreferCloze')))],
  ['PreferRegion', () => httpbin(tdAnnotation('PreferRegion'))],
  [
    'internalTrafficPolicy Local',
    () => httpbin(both(clients, noWaypoint, svcEdit({ internalTrafficPolicy: 'Local' }))),
  ],
  [
    'internalTrafficPolicy Local, nothing on the node',
    () =>
      httpbin(both(clients, noWaypoint, moveLocalEndpointAway, svcEdit({ internalTrafficPolicy: 'Local' }))),
  ],
  [
    'internalTrafficPolicy Local behind the waypoint',
    () => httpbin(both(clients, moveLocalEndpointAway, svcEdit({ internalTrafficPolicy: 'Local' }))),
  ],
  [
    'DR host matches nothing',
    () =>
      httpbin(() => ({ destinationRules: [makeDR(HTTPBIN_CLUSTER, 'httpbin', 'ghost', 'no-such-service')] })),
  ],
  [
    'DR wildcard host',
    () =>
      httpbin(() => ({
        destinationRules: [makeDR(HTTPBIN_CLUSTER, 'httpbin', 'ok', '*.httpbin.svc.cluster.local')],
      })),
  ],
  [
    'DR in an unread namespace',
    () =>
      httpbin(() => ({
        destinationRules: [makeDR(HTTPBIN_CLUSTER, 'elsewhere', 'r', 'in-ambient.httpbin.svc.cluster.local')],
      })),
  ],
  [
    'maxEjectionPercent 10',
    () =>
      httpbin(both(clients, rule({ outlierDetection: { consecutive5xxErrors: 3, maxEjectionPercent: 10 } }))),
  ],
  [
    'maxEjectionPercent unset',
    () => httpbin(both(clients, rule({ outlierDetection: { consecutive5xxErrors: 3 } }))),
  ],
  [
    'distribute summing to 90',
    () =>
      httpbin(
        rule({
          loadBalancer: {
            localityLbSetting: {
              distribute: [{ from: 'us-east-1/*', to: { 'us-east-1/us-east-1a/*': 90 } }],
            },
          },
        }),
      ),
  ],
  [
    'distribute next to failoverPriority',
    () =>
      httpbin(
        both(
          clients,
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
  ],
  ['backend unready', () => httpbin(both(clients, backendUnready))],
  ['backend unready, no waypoint', () => httpbin(both(clients, noWaypoint, backendUnready))],
  ['missing waypoint', () => httpbin(both(clients, namespaceWaypoint('ghost-waypoint')))],
  ['waypoint unready', () => httpbin(both(clients, waypointUnready))],
  ['workload-only waypoint', () => httpbin(both(clients, waypointFor('workload')))],
  [
    'ingress opts into the waypoint',
    () => httpbin(both(clients, svcEdit({ labels: { 'istio.io/ingress-use-waypoint': 'true' } }))),
  ],
  [
    'zoneAware at the waypoint',
    () => httpbin(both(clients, rule({ loadBalancer: { zoneAwareLbSetting: { enabled: true } } }))),
  ],
  [
    'DR overrides PreferClose',
    () =>
      httpbin(
        both(
          clients,
          svcEdit({ trafficDistribution: 'PreferClose' }),
          rule({ outlierDetection: od, loadBalancer: { localityLbSetting: { enabled: true } } }),
        ),
      ),
  ],
  ['bookinfo', () => bookinfoMesh()],
  ['bookinfo, waypoint not global', () => bookinfoMesh({ waypointGlobal: false })],
  ['bookinfo, no east-west gateway', withoutEastWest],
];
