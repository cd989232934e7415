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
import { FULL_LOAD_PERCENT } from './constants.js';

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
  if (whole <= 0 || part <= 0) return 0;
  // Integer product first, one division, truncation: Envoy's uint64 arithmetic. For L = 1 the double
  // division of two integers below 2^53 is exact enough that floor never lands on the wrong side.
  const product = overprovisioningFactorPercent * part;
  if (loadFactor === NOMINAL_LOAD_FACTOR) return Math.min(FULL_LOAD_PERCENT, Math.floor(product / whole));
  // A decimal load factor is not exact in binary (1.12 is 1.1200000000000001), so a quotient that is
  // mathematically an integer can land just below it (140 × 4 / (5 × 1.12) = 99.99999999999999) and
  // floor would lose a whole percent. Snap to the integer when within rounding distance of it.
  const raw = product / (whole * loadFactor);
  const nearest = Math.round(raw);
  const snapped =
    Math.abs(raw - nearest) <= LOAD_QUOTIENT_TOLERANCE * Math.max(1, raw) ? nearest : Math.floor(raw);
  return Math.min(FULL_LOAD_PERCENT, snapped);
}

/**
 * Demand the priorities cannot absorb, given the load-adjusted availability sum (already capped at 100).
 *
 * @example overflowPercentFor(70) // → 30
 */
export function overflowPercentFor(absorbablePercent: number): number {
  return Math.max(0, FULL_LOAD_PERCENT - absorbablePercent);
}
