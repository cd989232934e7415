/**
 * The load-factor model (issue 4 item 4). Envoy spills on health, never on load; this model reuses
 * Envoy's own availability arithmetic as a capacity statement so that load can be reasoned about:
 *
 * - The overprovisioning factor F says a priority at full health is provisioned for F/100 of the nominal
 *   demand (`ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT` by default), so a priority with a healthy fraction h absorbs F·h/100 of it.
 * - At offered load L × nominal, that priority absorbs `min(100, floor(F × healthy / total / L))` percent
 *   of the offered demand. At L = 1 this is exactly Envoy's health score (envoy.md §3), so every load the
 *   engine reports at L = 1 is Envoy's.
 * - Above the headroom the excess spills to the next priority through Envoy's own distribution
 *   (`distributeLoad`), and the demand no priority can absorb, `100 − min(100, Σ scores)`, is overflow.
 *
 * Assumptions: endpoints have uniform capacity unless the snapshot gives weights (then weights stand in
 * for capacity); demand scales uniformly; panic stays a pure health mechanism (load never triggers it).
 */
import type { ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import { FULL_LOAD_PERCENT } from './constants.js';
import {
  distributeByScores,
  healthScorePercent,
  normalizedTotalAvailability,
  priorityScores,
  type DistributedLoad,
  type PriorityScores,
} from './priorityScores.js';
import type { PriorityHostCounts } from './types.js';

/**
 * Relative distance within which a load-adjusted quotient counts as the integer next to it: far above a
 * double's rounding error (~1e-16) and far below any real difference between two scores.
 */
const LOAD_QUOTIENT_TOLERANCE = 1e-9;

/** The load factor that reproduces Envoy exactly. */
export const NOMINAL_LOAD_FACTOR = 1;

/** Load factors must be positive and finite; the evaluate layer turns a false here into INVALID_SCENARIO. */
export function isValidLoadFactor(loadFactor: number): boolean {
  return Number.isFinite(loadFactor) && loadFactor > 0;
}

/**
 * A priority's availability score at offered load `loadFactor`: Envoy's `min(100, floor(F × part / whole))`
 * (`recalculatePerPriorityState`) divided by the load factor before flooring.
 *
 * @example loadAdjustedScorePercent(140, 72, 100, 1) // → 100 (Envoy: 100.8 floored, capped)
 * @example loadAdjustedScorePercent(140, 100, 100, 2) // → 70 (30 % of the demand must go elsewhere)
 */
export function loadAdjustedScorePercent(
  overprovisioningFactorPercent: number,
  part: number,
  whole: number,
  loadFactor: number,
): number {
  if (loadFactor === NOMINAL_LOAD_FACTOR)
    return healthScorePercent(overprovisioningFactorPercent, part, whole);
  if (whole <= 0 || part <= 0) return 0;
  const product = overprovisioningFactorPercent * part;
  // A decimal load factor is not exact in binary (1.12 is 1.1200000000000001), so a quotient that is
  // mathematically an integer can land just below it (140 × 4 / (5 × 1.12) = 99.99999999999999) and
  // floor would lose a whole percent. Snap to the integer when within rounding distance of it.
  const raw = product / (whole * loadFactor);
  const nearest = Math.round(raw);
  const snapped =
    Math.abs(raw - nearest) <= LOAD_QUOTIENT_TOLERANCE * Math.max(1, raw) ? nearest : Math.floor(raw);
  return Math.min(FULL_LOAD_PERCENT, snapped);
}

/** The scores offered demand is distributed by, and what the priorities cannot absorb. */
export interface OfferedDemand {
  /** Envoy's own scores at load factor 1; the load-adjusted ones otherwise. */
  readonly scores: PriorityScores;
  /** `min(100, Σ scores)`: the share of the offered demand the priorities absorb. */
  readonly absorbablePercent: number;
  readonly overflowPercent: number;
}

/**
 * The demand side of `computePriorityLoad` at offered load `loadFactor`: each priority absorbs its
 * load-adjusted score; the rest is overflow.
 *
 * @example offeredDemand([{ total: 10, healthy: 10, degraded: 0, excluded: 0 }], envoyScores, 140, false, 2).overflowPercent // → 30
 */
export function offeredDemand(
  priorities: readonly PriorityHostCounts[],
  envoyScores: PriorityScores,
  overprovisioningFactorPercent: number,
  weightedPriorityHealth: boolean,
  loadFactor: number,
): OfferedDemand {
  const scores =
    loadFactor === NOMINAL_LOAD_FACTOR
      ? envoyScores
      : priorityScores(priorities, weightedPriorityHealth, (part, whole) =>
          loadAdjustedScorePercent(overprovisioningFactorPercent, part, whole, loadFactor),
        );
  const absorbablePercent = normalizedTotalAvailability(scores);
  return { scores, absorbablePercent, overflowPercent: overflowPercentFor(absorbablePercent) };
}

/**
 * Envoy's distribution (`distributeLoad`) over the demand scores. Under extreme load every adjusted score
 * can truncate to 0; the traffic still goes where Envoy sends it, by its health-only scores.
 */
export function distributeDemand(
  demand: OfferedDemand,
  envoyScores: PriorityScores,
  normalizedTotal: number,
  trace: string[],
): DistributedLoad {
  if (demand.absorbablePercent > 0) return distributeByScores(demand.scores, demand.absorbablePercent);
  const distributed = distributeByScores(envoyScores, normalizedTotal);
  trace.push("load-adjusted availability is 0: loads follow Envoy's health-only scores");
  return distributed;
}

/**
 * Demand the priorities cannot absorb, given the load-adjusted availability sum (already capped at 100).
 *
 * @example overflowPercentFor(70) // → 30
 */
export function overflowPercentFor(absorbablePercent: number): number {
  return Math.max(0, FULL_LOAD_PERCENT - absorbablePercent);
}

/**
 * The load-factor model for balancers that do not spill (ztunnel, kube-proxy): the serving set absorbs
 * `min(100, floor(F × eligible capacity / capacity / L))` percent of the offered demand, the rest overflows.
 *
 * @example nonSpillingOverflowPercent(hopOf4Of5Ready, () => true, ready, 140, 2) // → 44 (absorbs floor(140 × 4 / 5 / 2) = 56)
 */
export function nonSpillingOverflowPercent(
  hop: ResolvedHop,
  serving: (e: ResolvedEndpoint, i: number) => boolean,
  eligible: (e: ResolvedEndpoint, i: number) => boolean,
  factor: number,
  loadFactor: number,
): number {
  let capacity = 0;
  let eligibleCapacity = 0;
  hop.endpoints.forEach((e, i) => {
    if (!serving(e, i)) return;
    capacity += e.weight;
    if (eligible(e, i)) eligibleCapacity += e.weight;
  });
  return overflowPercentFor(loadAdjustedScorePercent(factor, eligibleCapacity, capacity, loadFactor));
}
