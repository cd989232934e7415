/**
 * Envoy's healthy panic threshold (envoy.md §5): per-priority panic, the special case of a disabled
 * threshold with nothing available, and the host-count split when every priority panics.
 */
import { FULL_LOAD_PERCENT } from './constants.js';
import type { PriorityHostCounts } from './types.js';

/**
 * The threshold in force: Envoy caps the configured or runtime value at 100
 * (`recalculatePerPriorityPanic`, `isHostSetInPanic`); 0 disables panic.
 *
 * @example effectivePanicThresholdPercent(150) // → 100
 */
export function effectivePanicThresholdPercent(thresholdPercent: number): number {
  return Math.min(FULL_LOAD_PERCENT, Math.max(0, thresholdPercent));
}

/**
 * A priority's raw availability as the panic test sees it: host counts, no overprovisioning factor, no
 * weights, excluded hosts out of the denominator (`isHostSetInPanic`, double arithmetic).
 *
 * @example rawAvailabilityPercent({ total: 4, healthy: 1, degraded: 0, excluded: 0 }) // → 25
 */
export function rawAvailabilityPercent(counts: PriorityHostCounts): number {
  const considered = counts.total - counts.excluded;
  if (considered <= 0) return 0;
  return (100.0 * counts.healthy) / considered + (100.0 * counts.degraded) / considered;
}

/**
 * `LoadBalancerBase::isHostSetInPanic`: never in panic while the cluster's normalized total availability
 * is 100; otherwise in panic when the raw availability is strictly below the threshold (50 % at 50 is not
 * panic). A priority with no usable host is in panic whenever the threshold is above 0.
 *
 * @example isPriorityInPanic({ total: 100, healthy: 5, degraded: 0, excluded: 0 }, 98, 50) // → true
 */
export function isPriorityInPanic(
  counts: PriorityHostCounts,
  normalizedTotalAvailability: number,
  thresholdPercent: number,
): boolean {
  if (normalizedTotalAvailability === FULL_LOAD_PERCENT) return false;
  return rawAvailabilityPercent(counts) < effectivePanicThresholdPercent(thresholdPercent);
}

/**
 * `recalculateLoadInTotalPanic`: when every priority panics, each gets `floor(100 × T_p / ΣT)` by host
 * count (excluded hosts counted), the rounding remainder goes to the first priority with hosts, and no
 * load is degraded. With no hosts at all, P0 gets everything.
 *
 * @example totalPanicLoad([{ total: 5, ... }, { total: 6, ... }, { total: 3, ... }]) // → [37, 42, 21]
 */
export function totalPanicLoad(priorities: readonly PriorityHostCounts[]): number[] {
  const load = priorities.map(() => 0);
  const totalHosts = priorities.reduce((sum, p) => sum + p.total, 0);
  if (totalHosts === 0) {
    if (load.length > 0) load[0] = FULL_LOAD_PERCENT;
    return load;
  }
  let remaining = FULL_LOAD_PERCENT;
  priorities.forEach((p, i) => {
    const share = Math.floor((FULL_LOAD_PERCENT * p.total) / totalHosts);
    load[i] = share;
    remaining -= share;
  });
  const first = priorities.findIndex((p) => p.total > 0);
  load[first] = (load[first] ?? 0) + remaining;
  return load;
}
