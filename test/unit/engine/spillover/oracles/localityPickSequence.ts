/**
 * Envoy's exact locality pick order, replayed for the locality vectors (`locality_wrr_test.cc`). A test
 * oracle: answers use the long-run shares (`localityShares`) that this order converges to.
 */
import {
  effectiveLocalityWeight,
  type LocalityAvailability,
} from '../../../../../src/engine/spillover/index.js';
import { EdfScheduler } from './edfScheduler.js';

/**
 * The exact locality pick order from a fresh scheduler (`LocalityWrr::rebuildLocalityScheduler` +
 * `chooseLocality`), seeded like `createWithPicks`. Returns [] when no locality is eligible (Envoy's
 * `chooseHealthyLocality` answers nothing).
 *
 * @example localityPickSequence([{ weight: 1, total: 1, eligible: 1 }, { weight: 2, total: 1, eligible: 1 }], 140, 6)
 * // → [1, 0, 1, 1, 0, 1]
 */
export function localityPickSequence(
  localities: readonly LocalityAvailability[],
  overprovisioningFactorPercent: number,
  count: number,
  seed = 0,
): number[] {
  const effective = localities.map((l) => effectiveLocalityWeight(l, overprovisioningFactorPercent));
  if (!effective.some((e) => e > 0)) return [];
  return EdfScheduler.createWithPicks(effective, seed).picks(count);
}
