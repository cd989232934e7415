/**
 * One-change edits of the httpbin and bookinfo fixtures, each raising (or clearing) a diagnostic: shared
 * by the diagnostics suite and the golden answers.
 */
import type {
  ClusterModel,
  DestinationRuleModel,
  MeshModel,
  Profile,
  TrafficPolicy,
} from '../../../../src/engine/index.js';
import { bookinfoMesh } from '../resolver/fixtures/bookinfo.js';
import { HTTPBIN_CLUSTER, httpbinCluster, httpbinNodes } from '../resolver/fixtures/httpbin.js';
import { makeDR, makeGateway, makeMesh, makePod, withCluster } from '../resolver/fixtures/meshBuilders.js';

export type Edit = (c: ClusterModel) => Partial<ClusterModel>;

const [nodeA, nodeB] = httpbinNodes;

export function httpbin(edit: Edit = () => ({}), profile: Profile = 'SOLO'): MeshModel {
  const c = httpbinCluster();
  return makeMesh([withCluster(c, edit(c))], profile);
}
export function rule(trafficPolicy: TrafficPolicy, extra: Partial<DestinationRuleModel> = {}): Edit {
  return () => ({
    destinationRules: [makeDR(HTTPBIN_CLUSTER, 'httpbin', 'r', 'in-ambient', { trafficPolicy, ...extra })],
  });
}
export function both(...edits: Edit[]): Edit {
  return (c) => edits.reduce<ClusterModel>((acc, f) => ({ ...acc, ...f(acc) }), c);
}
export const od = { consecutive5xxErrors: 3, maxEjectionPercent: 50 };
export const noWaypoint: Edit = (c) => ({
  namespaces: c.namespaces.map((n) => ({
    cluster: n.cluster,
    name: n.name,
    labels: n.labels,
    annotations: n.annotations,
    dataplaneMode: n.dataplaneMode,
  })),
});
export const svcEdit =
  (edit: Record<string, unknown>): Edit =>
  (c) => ({ services: c.services.map((s) => (s.name === 'in-ambient' ? { ...s, ...edit } : s)) });
export const tdAnnotation = (value: string): Edit =>
  svcEdit({ annotations: { 'networking.istio.io/traffic-distribution': value } });
export const sidecar = makePod(nodeA, 'httpbin', 'sleep-sidecar-1', 'sleep-sidecar', {
  dataplaneMode: 'sidecar',
});
export const outside = makePod(nodeA, 'legacy', 'curl-1', 'curl', { dataplaneMode: 'none' });
export const ingressPod = makePod(nodeB, 'istio-ingress', 'ingress-abc', 'istio-ingressgateway', {
  gatewayName: 'public',
  dataplaneMode: 'none',
});
/** A sidecar client, a client outside the mesh and an ingress gateway next to the ambient client. */
export const clients: Edit = (c) => ({
  workloads: [...c.workloads, sidecar, outside, ingressPod],
  gateways: [makeGateway(HTTPBIN_CLUSTER, 'istio-ingress', 'public', 'istio', [ingressPod.name])],
});
export const moveLocalEndpointAway: Edit = (c) => ({
  endpoints: c.endpoints.map((e) =>
    e.workload?.name === 'in-ambient-7d8f9b6c54-abc12' ? { ...e, nodeName: 'node-b' } : e,
  ),
});
export const waypointUnready: Edit = (c) => ({
  workloads: c.workloads.map((w) => (w.gatewayName === 'httpbin-waypoint' ? { ...w, ready: false } : w)),
  endpoints: c.endpoints.map((e) => (e.service.name === 'httpbin-waypoint' ? { ...e, ready: false } : e)),
});
/**
 * The backend's pods lose readiness, as kubectl would then print them: pods not Ready, their slice
 * endpoints `ready: false` (still `terminating: false`), so EDS and ztunnel both see them unready.
 */
export const backendUnready: Edit = (c) => {
  const pods = new Set(
    c.endpoints.filter((e) => e.service.name === 'in-ambient').map((e) => e.workload?.name),
  );
  return {
    workloads: c.workloads.map((w) => (pods.has(w.name) ? { ...w, ready: false } : w)),
    endpoints: c.endpoints.map((e) => (e.service.name === 'in-ambient' ? { ...e, ready: false } : e)),
  };
};
export const namespaceWaypoint =
  (name: string): Edit =>
  (c) => ({
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
export const waypointFor =
  (value: 'workload' | 'service'): Edit =>
  (c) => ({ waypoints: c.waypoints.map((w) => ({ ...w, waypointFor: value })) });
export function withoutEastWest(): MeshModel {
  const m = bookinfoMesh();
  return { ...m, clusters: m.clusters.map((c) => (c.name === 'cluster2' ? { ...c, gateways: [] } : c)) };
}
