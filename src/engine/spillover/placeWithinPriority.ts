/**
 * Where one priority's load goes when the priority is not in panic (`ZoneAwareLoadBalancerBase::
 * hostSourceToUse`, envoy.md §6): with `locality_weighted_lb_config`, localities share it by their
 * effective weight (`LocalityWrr`, `localityWeights.ts`), then hosts of a locality by LB weight; without
 * it, or when no locality is eligible, all eligible hosts of the priority by LB weight.
 */
import type { ResolvedHop } from '../model/resolved.js';
import { HEALTH_CODE_EXCLUDED, type HEALTH_CODE_DEGRADED, type HEALTH_CODE_HEALTHY } from './hostHealth.js';
import { localityShares, type LocalityAvailability } from './localityWeights.js';
import type { LocalityGroup } from './prepareHop.js';
import { spreadByWeight } from './spreadByWeight.js';

/**
 * One pick class (healthy or degraded) of a priority not in panic. A locality's weight is its DR
 * `distribute` weight, else the sum of its endpoints' weights, which is what Istio sends as
 * `load_balancing_weight`. Returns the load no eligible host could take.
 *
 * @example placeWithinPriority(hop, [0, 1, 2], groups, health, HEALTH_CODE_HEALTHY, 100, 140, shares) // → 0
 */
export function placeWithinPriority(
  hop: ResolvedHop,
  members: readonly number[],
  groups: readonly LocalityGroup[],
  health: Uint8Array,
  wanted: typeof HEALTH_CODE_HEALTHY | typeof HEALTH_CODE_DEGRADED,
  load: number,
  factor: number,
  shares: Float64Array,
): number {
  if (load <= 0) return 0;
  const endpoints = hop.endpoints;
  const isWanted = (i: number): boolean => health[i] === wanted;
  if (!hop.localityWeighted || groups.length === 0)
    return spreadByWeight(endpoints, members, isWanted, load, shares);
  const availability: LocalityAvailability[] = groups.map((group) => {
    let excluded = 0;
    let eligible = 0;
    const members = group.members;
    for (let m = 0; m < members.length; m += 1) {
      const h = health[members[m] ?? -1];
      if (h === HEALTH_CODE_EXCLUDED) excluded += 1;
      else if (h === wanted) eligible += 1;
    }
    return { weight: group.explicitWeight ?? group.weight, total: group.members.length, eligible, excluded };
  });
  const localityShare = localityShares(availability, factor);
  if (!localityShare.some((s) => s > 0)) return spreadByWeight(endpoints, members, isWanted, load, shares);
  let unplaced = 0;
  groups.forEach((group, k) => {
    const share = localityShare[k] ?? 0;
    if (share > 0) unplaced += spreadByWeight(endpoints, group.members, isWanted, load * share, shares);
  });
  return unplaced;
}
