/**
 * Zone-aware regional buckets (Istio 1.31+): `loadbalancer.go` `ApplyZoneAwareLoadBalancer` and
 * `applyZoneAwareRegionalFailover` (istio.md §5.5). Zones inside the proxy's region stay at 0, where
 * Envoy's own zone-aware routing balances them.
 */
import type { Locality } from '../model/meshModel.js';
import type { FailoverRule } from './localityFailover.js';
import { compactPriorities } from './priorityGroups.js';

export const ZONE_AWARE_SAME_REGION = 0;
export const ZONE_AWARE_FAILOVER_TARGET = 1;
export const ZONE_AWARE_OTHER_REGION = 2;
/** Regional buckets compose as `previous × 3 + bucket`. */
export const ZONE_AWARE_COMPOSITION_FACTOR = 3;

export interface ZoneAwareResult {
  readonly priorities: readonly number[];
  readonly raw: readonly number[];
  readonly reasons: readonly string[];
}

export function zoneAwarePriorities(
  proxy: Locality,
  groups: readonly (Locality | null)[],
  failover: readonly FailoverRule[] = [],
  previous?: readonly number[],
): ZoneAwareResult {
  const rule = failover.find((r) => r.from === proxy.region);
  const parts = groups.map((g): { v: number; reason: string } => {
    const region = g?.region ?? '';
    if (region === proxy.region)
      return { v: ZONE_AWARE_SAME_REGION, reason: 'same region (zone-aware routing inside)' };
    if (rule !== undefined && rule.to === region)
      return { v: ZONE_AWARE_FAILOVER_TARGET, reason: `failover target region ${rule.to}` };
    return { v: ZONE_AWARE_OTHER_REGION, reason: 'another region' };
  });
  const raw = parts.map((p, i) => (previous?.[i] ?? 0) * ZONE_AWARE_COMPOSITION_FACTOR + p.v);
  return { priorities: compactPriorities(raw), raw, reasons: parts.map((p) => p.reason) };
}
