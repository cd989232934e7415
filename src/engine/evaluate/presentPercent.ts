/**
 * The precision of every percentage an answer carries (shares, loads, drops, errors, overflow). The
 * spillover model computes in doubles, so a third of the traffic comes out as 33.333333333333336; that
 * noise would reach GraphQL, REST and Slack verbatim. Answers keep six decimals (a millionth of a
 * percent, far below anything a proxy can tell apart), and lists that add up to a whole keep adding up
 * to it exactly: they are rounded together by largest remainder, so the rounding never invents or loses
 * traffic. This file is the only place answers are rounded; the engine computes with full precision
 * before it.
 */

/** Decimal places kept in every percentage of an answer. */
export const ANSWER_PERCENT_DECIMALS = 6;

/** Units of one percent at that precision (1 unit = 0.000001 %). */
const UNITS_PER_PERCENT = 10 ** ANSWER_PERCENT_DECIMALS;

/**
 * Distance in units within which a scaled value is taken as the integer next to it, so binary noise
 * (12.5 × 10⁶ = 12499999.999999998) does not decide who receives a remainder unit.
 */
const UNIT_SNAP_TOLERANCE = 1e-6;

function toUnits(percent: number): number {
  const units = percent * UNITS_PER_PERCENT;
  const nearest = Math.round(units);
  return Math.abs(units - nearest) <= UNIT_SNAP_TOLERANCE ? nearest : units;
}

/**
 * One percentage at answer precision.
 *
 * @example roundPercent(33.333333333333336) // → 33.333333
 */
export function roundPercent(percent: number): number {
  return Math.round(toUnits(percent)) / UNITS_PER_PERCENT;
}

/**
 * Percentages that form a whole (a hop's endpoint shares plus its dropped traffic, a hop's priority
 * loads), rounded together: each is truncated to answer precision and the units that truncation lost —
 * the difference to the rounded total — go one each to the largest remainders (first in order on a tie).
 * The result sums to the rounded total of the inputs, so a hop that carried 100 % still shows 100 %.
 *
 * @example apportionPercents([100 / 3, 100 / 3, 100 / 3]) // → [33.333334, 33.333333, 33.333333]
 */
export function apportionPercents(percents: readonly number[]): number[] {
  const units = percents.map(toUnits);
  const floors = units.map((u) => Math.floor(u));
  const total = Math.round(units.reduce((sum, u) => sum + u, 0));
  let missing = total - floors.reduce((sum, f) => sum + f, 0);
  const byRemainder = units
    .map((u, i) => ({ i, remainder: u - (floors[i] ?? 0) }))
    .filter((r) => r.remainder > 0)
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    missing -= 1;
  }
  return floors.map((f) => f / UNITS_PER_PERCENT);
}
