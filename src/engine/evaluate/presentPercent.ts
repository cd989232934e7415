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
  return Array.from(apportionPercentsInto(percents));
}

/**
 * `apportionPercents` over any array-like, into a typed array: linear in the number of values. Up to
 * one unit per value is missing after truncation, so the receivers are the `missing` largest remainders
 * in the order (remainder descending, index ascending); instead of sorting every value, the k-th largest
 * remainder is selected in expected linear time, every larger remainder receives a unit, and the units
 * left go to the remainders equal to it, first in order.
 */
export function apportionPercentsInto(percents: ArrayLike<number>): Float64Array {
  const values = Float64Array.from(percents);
  apportionInPlace(values);
  return values;
}

/** `apportionPercentsInto` writing the results over its input (one array fewer per hop answer). */
export function apportionInPlace(percents: Float64Array): void {
  const n = percents.length;
  const floors = percents;
  const remainders = new Float64Array(n);
  let sumUnits = 0;
  let sumFloors = 0;
  let positive = 0;
  for (let i = 0; i < n; i += 1) {
    const u = toUnits(percents[i] ?? 0);
    const f = Math.floor(u);
    const r = u - f;
    floors[i] = f;
    remainders[i] = r;
    sumUnits += u;
    sumFloors += f;
    if (r > 0) positive += 1;
  }
  const missing = Math.round(sumUnits) - sumFloors;
  // Negated comparisons keep the reference behaviour for a NaN total: every positive remainder gains.
  if (!(missing <= 0) && positive > 0) {
    if (!(missing < positive)) {
      for (let i = 0; i < n; i += 1) if ((remainders[i] ?? 0) > 0) floors[i] = (floors[i] ?? 0) + 1;
    } else {
      const candidates = new Float64Array(positive);
      let c = 0;
      for (let i = 0; i < n; i += 1) {
        const r = remainders[i] ?? 0;
        if (r > 0) candidates[c++] = r;
      }
      const threshold = kthLargest(candidates, missing);
      let above = 0;
      for (let i = 0; i < positive; i += 1) if ((candidates[i] ?? 0) > threshold) above += 1;
      let atThreshold = missing - above;
      for (let i = 0; i < n; i += 1) {
        const r = remainders[i] ?? 0;
        if (r > threshold || (r === threshold && atThreshold-- > 0)) floors[i] = (floors[i] ?? 0) + 1;
      }
    }
  }
  for (let i = 0; i < n; i += 1) floors[i] = (floors[i] ?? 0) / UNITS_PER_PERCENT;
}

/**
 * The k-th largest value (1-based) of `values`, which it reorders: Hoare's selection with a middle
 * pivot, expected linear time. The value is the same whatever the pivots, so the answer is deterministic.
 */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] ?? 0;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] ?? 0) > pivot) i += 1;
      while ((values[j] ?? 0) < pivot) j -= 1;
      if (i <= j) {
        const t = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target] ?? 0;
}
