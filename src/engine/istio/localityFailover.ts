/**
 * Locality failover: `loadbalancer.go` `applyLocalityFailover` with `util.LbPriority` (istio.md §5.1).
 */
import type { Locality } from '../model/meshModel.js';
import { compactPriorities } from './priorityGroups.js';
import { localityString } from './topologyLabels.js';

export interface FailoverRule {
  readonly from: string;
  readonly to: string;
}

/** Base priorities of `util.LbPriority`; 4 is "other region and not the failover target". */
export const LOCALITY_PRIORITY_SAME_SUBZONE = 0;
export const LOCALITY_PRIORITY_SAME_ZONE = 1;
export const LOCALITY_PRIORITY_SAME_REGION = 2;
export const LOCALITY_PRIORITY_OTHER_REGION = 3;
export const LOCALITY_PRIORITY_NOT_FAILOVER_TARGET = 4;
/** Each locality priority is composed as `previous × 5 + base` onto an earlier failoverPriority one. */
export const LOCALITY_FAILOVER_COMPOSITION_FACTOR = 5;

export interface LocalityPriority {
  readonly base: number;
  readonly reason: string;
}

/**
 * The base priority of one group relative to the proxy. A missing locality compares as empty strings.
 * Only the first failover rule whose `from` is the proxy's region counts; an other-region group that
 * is not that rule's `to` (or has no locality) drops to 4.
 */
export function localityPriority(
  proxy: Locality,
  group: Locality | null,
  failover: readonly FailoverRule[] = [],
): LocalityPriority {
  const g = group ?? { region: '', zone: '', subzone: '' };
  if (g.region === proxy.region) {
    if (g.zone === proxy.zone) {
      if (g.subzone === proxy.subzone)
        return { base: LOCALITY_PRIORITY_SAME_SUBZONE, reason: 'same region, zone and subzone as the proxy' };
      return { base: LOCALITY_PRIORITY_SAME_ZONE, reason: 'same region and zone as the proxy' };
    }
    return { base: LOCALITY_PRIORITY_SAME_REGION, reason: 'same region as the proxy' };
  }
  const rule = failover.find((r) => r.from === proxy.region);
  if (rule === undefined) return { base: LOCALITY_PRIORITY_OTHER_REGION, reason: 'another region' };
  if (group === null || g.region !== rule.to) {
    return {
      base: LOCALITY_PRIORITY_NOT_FAILOVER_TARGET,
      reason: `another region, not the failover target ${rule.to} of ${rule.from}`,
    };
  }
  return {
    base: LOCALITY_PRIORITY_OTHER_REGION,
    reason: `failover target region ${rule.to} of ${rule.from}`,
  };
}

export interface LocalityFailoverResult {
  /** Dense priority per group, input order. */
  readonly priorities: readonly number[];
  /** Composed value before compaction. */
  readonly raw: readonly number[];
  readonly reasons: readonly string[];
}

/**
 * Locality failover over a cluster's groups, composed onto `previous` priorities (0 unless
 * failoverPriority ran first, §5.3) and compacted densely.
 *
 * @example localityFailover({ region: 'r1', zone: 'z1', subzone: 's1' }, [{ region: 'r1', zone: 'z1', subzone: 's2' }, null], [{ from: 'r1', to: 'r2' }])
 *   // → priorities [0, 1] (raw [1, 4])
 */
export function localityFailover(
  proxy: Locality,
  groups: readonly (Locality | null)[],
  failover: readonly FailoverRule[] = [],
  previous?: readonly number[],
): LocalityFailoverResult {
  const parts = groups.map((g) => localityPriority(proxy, g, failover));
  const raw = parts.map((p, i) => (previous?.[i] ?? 0) * LOCALITY_FAILOVER_COMPOSITION_FACTOR + p.base);
  const reasons = parts.map((p, i) => `${localityString(groups[i]) || '(no locality)'}: ${p.reason}`);
  return { priorities: compactPriorities(raw), raw, reasons };
}
