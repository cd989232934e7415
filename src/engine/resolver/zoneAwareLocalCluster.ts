/**
 * What Envoy's zone-aware routing needs on a sidecar or gateway hop whose effective setting is
 * `zoneAwareLbSetting` (Istio 1.31 `ApplyZoneAwareLoadBalancer`; cluster `zone_aware_lb_config` with
 * `min_cluster_size` passed through and `routing_enabled` 0 for `enabled: false`). Envoy routes by zone only
 * with a `local_cluster`: istiod injects it into the bootstrap when the proxy runs with
 * `ISTIO_META_ENABLE_SELF_DISCOVERY=true` (proxyMetadata), as the proxy's own service, whose hosts per
 * locality Envoy compares with the upstream's (`calculateLocalityPercentages`). Waypoints never get it
 * (zone-aware is sidecar-only, istio.md §3.2). A prerequisite the snapshot shows missing is named, never
 * assumed.
 */
import type { Locality, ZoneAwareLbSetting } from '../model/meshModel.js';
import type { LocalityHostCount, ZoneAwareHop } from '../model/resolved.js';
import { matchesLabels } from '../normalize/matchesLabelSelector.js';
import type { CompiledMesh } from './compiledMesh.js';
import type { HopSource } from './hopContext.js';
import { meshKey } from './meshKeys.js';
import { ENVOY_DEFAULT_ZONE_AWARE_MIN_CLUSTER_SIZE } from '../envoyDefaults.js';

/** The pod annotation that carries per-proxy `proxyMetadata` (`annotation.ProxyConfig`). */
export const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';
export const SELF_DISCOVERY_METADATA = 'ISTIO_META_ENABLE_SELF_DISCOVERY';
/** `routing_enabled` Istio writes: Envoy's default 100 %, or 0 % for `enabled: false`. */
const ROUTING_ENABLED_PERCENT = 100;
const ROUTING_DISABLED_PERCENT = 0;

/** `region/zone/subzone`, as the spillover model keys localities (`localityKey`). */
const keyOf = (l: Locality): string => `${l.region}/${l.zone}/${l.subzone}`;

const SELF_DISCOVERY_ON = new RegExp(`${SELF_DISCOVERY_METADATA}["']?\\s*:\\s*["']?true`, 'i');

/**
 * @example zoneAwareLocalCluster(mesh, sidecarSource, { minClusterSize: 6 })
 * // → { localLocality: 'us-east-1/us-east-1a/', local: [{ locality: 'us-east-1/us-east-1a/', hosts: 2, healthy: 2 }, …], … }
 */
export function zoneAwareLocalCluster(
  mesh: CompiledMesh,
  source: HopSource,
  setting: ZoneAwareLbSetting,
): ZoneAwareHop {
  const base = {
    localLocality: keyOf(source.locality),
    minClusterSize: setting.minClusterSize ?? ENVOY_DEFAULT_ZONE_AWARE_MIN_CLUSTER_SIZE,
    routingEnabledPercent: setting.enabled === false ? ROUTING_DISABLED_PERCENT : ROUTING_ENABLED_PERCENT,
  };
  if (source.kind === 'WAYPOINT')
    return { ...base, missing: 'zone-aware routing is not supported at waypoints' };
  const pod =
    source.name === undefined
      ? undefined
      : mesh.workloads.get(meshKey(source.cluster, source.namespace, source.name));
  if (pod === undefined) return { ...base, missing: 'the proxy pod is not in the snapshot' };
  const config = pod.annotations[PROXY_CONFIG_ANNOTATION] ?? '';
  if (!SELF_DISCOVERY_ON.test(config)) {
    return {
      ...base,
      missing: `${SELF_DISCOVERY_METADATA} is not "true" in the pod's ${PROXY_CONFIG_ANNOTATION} proxyMetadata, so istiod injects no local_cluster and Envoy routes without zones (a mesh-wide meshConfig.defaultConfig.proxyMetadata is not read from snapshots)`,
    };
  }
  const own = [...mesh.services.values()].filter(
    (s) =>
      s.cluster === pod.cluster &&
      s.namespace === pod.namespace &&
      s.selector !== undefined &&
      Object.keys(s.selector).length > 0 &&
      matchesLabels(s.selector, pod.labels),
  );
  if (own.length !== 1) {
    return {
      ...base,
      missing:
        own.length === 0
          ? 'no Service selects the proxy pod, so its local_cluster has no hosts'
          : `${own.length.toString()} Services select the proxy pod (${own.map((s) => s.name).join(', ')}); which one is the local_cluster is not modelled`,
    };
  }
  const service = own[0];
  if (service === undefined) return { ...base, missing: 'no Service selects the proxy pod' };
  const byLocality = new Map<string, { hosts: number; healthy: number }>();
  for (const w of mesh.workloads.values()) {
    if (w.cluster !== service.cluster || w.namespace !== service.namespace || w.kind !== 'Pod') continue;
    if (service.selector === undefined || !matchesLabels(service.selector, w.labels) || w.terminating)
      continue;
    const key = keyOf(w.locality);
    const entry = byLocality.get(key) ?? { hosts: 0, healthy: 0 };
    entry.hosts += 1;
    if (w.ready) entry.healthy += 1;
    byLocality.set(key, entry);
  }
  const local: LocalityHostCount[] = [...byLocality].map(([locality, c]) => ({ locality, ...c }));
  return { ...base, local, localService: `${service.namespace}/${service.name}` };
}
