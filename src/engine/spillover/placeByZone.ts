/**
 * Priority 0's healthy load under Envoy's zone-aware routing (`ZoneAwareLoadBalancerBase::hostSourceToUse`
 * → `tryChooseLocalLocalityHosts`, `zoneAwareRouting.ts`): the routing picks a locality, then the LB policy
 * spreads over that locality's healthy hosts by weight. Only priority 0, never in panic (the caller places
 * panicking priorities first), and never with `locality_weighted_lb_config`, which `hostSourceToUse`
 * consults before zone routing.
 */
import type { ResolvedHop } from '../model/resolved.js';
import { HEALTH_CODE_HEALTHY } from './hostHealth.js';
import type { PreparedHop } from './prepareHop.js';
import { spreadByWeight } from './spreadByWeight.js';
import { zoneAwareRouting, type LocalityHosts } from './zoneAwareRouting.js';

export type ZonePlacement =
  /** Zone routing placed the load; `dropped` is what no healthy host took. */
  | { readonly applied: true; readonly dropped: number; readonly trace: string }
  /** A prerequisite fails (`earlyExitNonLocalityRouting`): the caller places as without zone routing. */
  | { readonly applied: false; readonly trace: string };

/**
 * Places `load` over priority 0's members by zone; undefined when the hop has no zone-aware routing to
 * consider at all.
 */
export function placeByZone(
  hop: ResolvedHop,
  prepared: PreparedHop,
  members: readonly number[],
  health: Uint8Array,
  load: number,
  shares: Float64Array,
): ZonePlacement | undefined {
  const zoneAware = hop.zoneAware;
  if (zoneAware?.local === undefined || hop.localityWeighted || load <= 0) return undefined;
  const byLocality = new Map<number, number[]>();
  for (const i of members) {
    const k = prepared.localityIndex[i] ?? -1;
    const list = byLocality.get(k);
    if (list === undefined) byLocality.set(k, [i]);
    else list.push(i);
  }
  const keys = [...byLocality.keys()];
  const upstream: LocalityHosts[] = keys.map((k) => {
    const list = byLocality.get(k) ?? [];
    return {
      locality: prepared.localities[k] ?? '',
      hosts: list.length,
      healthy: list.filter((i) => health[i] === HEALTH_CODE_HEALTHY).length,
    };
  });
  const routing = zoneAwareRouting({
    upstream,
    local: zoneAware.local,
    localLocality: zoneAware.localLocality,
    minClusterSize: zoneAware.minClusterSize,
    routingEnabledPercent: zoneAware.routingEnabledPercent,
  });
  if (routing.localityShares === undefined)
    return { applied: false, trace: `zone-aware routing off: ${routing.reason}` };
  let dropped = 0;
  const isHealthy = (i: number): boolean => health[i] === HEALTH_CODE_HEALTHY;
  keys.forEach((k, n) => {
    const share = routing.localityShares?.[n] ?? 0;
    if (share > 0)
      dropped += spreadByWeight(hop.endpoints, byLocality.get(k) ?? [], isHealthy, load * share, shares);
  });
  const split = upstream
    .map((u, n) => `${u.locality} ${((routing.localityShares?.[n] ?? 0) * 100).toFixed(2)} %`)
    .join(', ');
  return {
    applied: true,
    dropped,
    trace: `zone-aware routing ${routing.state}: ${routing.reason} (${split})`,
  };
}
