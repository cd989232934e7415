/**
 * The backends a client can call, per client cluster: the FQDN of every Service in its cluster (upstream,
 * also the services `serviceScopeConfigs` makes global in other clusters: their endpoints merge under the
 * same name), every ServiceEntry host its cluster's config defines, and under SOLO every global
 * `*.mesh.internal` host (istio.md §10; `resolveBackend`). The Services Istio generates for waypoints and
 * gateways, and wildcard ServiceEntry hosts (no request names them), are not backends.
 */
import { LABEL_GATEWAY_NAME } from '../normalize/wellKnownLabels.js';
import type { Profile, ServiceModel } from '../model/meshModel.js';
import type { CompiledMesh } from '../resolver/compiledMesh.js';
import { meshKey } from '../resolver/meshKeys.js';

/** A Service that fronts a Gateway's pods (waypoint, ingress, east-west), as istiod generates them. */
function isGatewayService(mesh: CompiledMesh, svc: ServiceModel): boolean {
  const key = meshKey(svc.cluster, svc.namespace, svc.name);
  return (
    svc.selector?.[LABEL_GATEWAY_NAME] !== undefined || mesh.waypoints.has(key) || mesh.gateways.has(key)
  );
}

const byHost = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The backend hosts clients in each cluster can call, sorted.
 *
 * @example meshBackends(compileMesh(bookinfo), 'SOLO').get('cluster1')
 *   // → ['productpage.bookinfo.mesh.internal', 'productpage.bookinfo.svc.cluster.local', 'ratings.bookinfo.svc.cluster.local']
 */
export function meshBackends(mesh: CompiledMesh, profile: Profile): ReadonlyMap<string, readonly string[]> {
  const global: string[] = [];
  if (profile === 'SOLO') {
    for (const [host, services] of mesh.globalHosts)
      if (services.some((s) => !isGatewayService(mesh, s))) global.push(host);
  }
  const out = new Map<string, readonly string[]>();
  for (const cluster of mesh.clusters.keys()) {
    const hosts = new Set<string>(global);
    for (const [host, services] of mesh.servicesByHost) {
      const own = services.filter((s) => !isGatewayService(mesh, s));
      if (own.length === 0) continue;
      const merged = profile !== 'SOLO' && own.some((s) => s.global?.source === 'MESH_SERVICE_SCOPE_CONFIG');
      if (merged || own.some((s) => s.cluster === cluster)) hosts.add(host);
    }
    for (const [host, entries] of mesh.serviceEntriesByHost) {
      if (!host.includes('*') && entries.some((e) => e.cluster === cluster)) hosts.add(host);
    }
    out.set(cluster, [...hosts].sort(byHost));
  }
  return out;
}
