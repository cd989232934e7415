/**
 * Cluster-local hosts: services whose endpoints an Envoy proxy takes from its own cluster only, even in a
 * multi-primary mesh where same-name Services of the same namespace otherwise merge (`pilot/pkg/model/
 * cluster_local.go` `clusterLocalProvider.onMeshUpdated` and `ClusterLocalHosts.IsClusterLocal`; applied in
 * `endpoint_builder.go` `snapshotShards` and `filterIstioEndpoint`).
 */
import { ISTIO_DEFAULT_CLUSTER_DOMAIN, ISTIO_DEFAULT_ROOT_NAMESPACE } from '../envoyDefaults.js';
import type { ServiceSettingsEntry } from '../model/meshModel.js';
import { isWildcardHost, mostSpecificHostMatch } from './hostMatch.js';

/**
 * istiod's own defaults (`defaultClusterLocalNamespaces`, `defaultClusterLocalServices`, plus the
 * discovery address, `istiod.istio-system.svc` unless istiod is configured otherwise).
 */
export const DEFAULT_CLUSTER_LOCAL_HOSTS: readonly string[] = [
  `*.kube-system.svc.${ISTIO_DEFAULT_CLUSTER_DOMAIN}`,
  `kubernetes.default.svc.${ISTIO_DEFAULT_CLUSTER_DOMAIN}`,
  `istiod.${ISTIO_DEFAULT_ROOT_NAMESPACE}.svc.${ISTIO_DEFAULT_CLUSTER_DOMAIN}`,
];

export interface ClusterLocalDecision {
  readonly clusterLocal: boolean;
  /** The host pattern that decided, when one matched. */
  readonly matched?: string;
  readonly source: 'ISTIO_DEFAULT' | 'MESH_SERVICE_SETTINGS' | 'NONE';
  readonly reason: string;
}

/**
 * Whether `host` is cluster-local. The user's `serviceSettings` hosts are indexed with their
 * `clusterLocal` value; a default is dropped when an entry with `clusterLocal: false` names it (exactly,
 * or a host under a default wildcard); the remaining defaults are added as cluster-local. The most
 * specific matching host decides (exact before wildcard, then the longer wildcard); no match → not local.
 *
 * @example isClusterLocalHost('kube-dns.kube-system.svc.cluster.local', []).clusterLocal // → true
 * @example isClusterLocalHost('reviews.bookinfo.svc.cluster.local', [{ hosts: ['*.bookinfo.svc.cluster.local'], clusterLocal: true }]).clusterLocal // → true
 */
export function isClusterLocalHost(
  host: string,
  serviceSettings: readonly ServiceSettingsEntry[],
): ClusterLocalDecision {
  const value = new Map<string, boolean>();
  const sourceOf = new Map<string, ClusterLocalDecision['source']>();
  const defaults: (string | undefined)[] = [...DEFAULT_CLUSTER_LOCAL_HOSTS];
  for (const entry of serviceSettings) {
    for (const h of entry.hosts) {
      if (!entry.clusterLocal) {
        defaults.forEach((d, i) => {
          if (d === undefined) return;
          if (h === d || (isWildcardHost(d) && h.endsWith(d.slice(1)))) defaults[i] = undefined;
        });
      }
      value.set(h, entry.clusterLocal);
      sourceOf.set(h, 'MESH_SERVICE_SETTINGS');
    }
  }
  for (const d of defaults) {
    if (d === undefined) continue;
    value.set(d, true);
    sourceOf.set(d, 'ISTIO_DEFAULT');
  }
  const matched = mostSpecificHostMatch(host, value.keys());
  if (matched === undefined)
    return { clusterLocal: false, source: 'NONE', reason: 'no serviceSettings host matches it' };
  const clusterLocal = value.get(matched) ?? false;
  const source = sourceOf.get(matched) ?? 'NONE';
  const by = source === 'ISTIO_DEFAULT' ? "istiod's default" : 'meshConfig.serviceSettings';
  return {
    clusterLocal,
    matched,
    source,
    reason: `${by} ${matched} makes it ${clusterLocal ? 'cluster-local' : 'not cluster-local'}`,
  };
}
