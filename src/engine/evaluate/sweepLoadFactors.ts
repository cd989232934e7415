/**
 * The load factors a sweep evaluates, and their bound: every point is a full what-if, so a sweep has at
 * most `MAX_SWEEP_POINTS`. Adapters pass what the client asked for; the engine builds and bounds the grid.
 */
import { EngineError } from '../errors.js';

/** Sweeps beyond this many points are refused: each point is a full what-if over every hop. */
export const MAX_SWEEP_POINTS = 200;
/** Factors are rounded so `1.0 + 0.1 × n` reads as the number the client meant. */
const FACTOR_DECIMALS = 6;
/** Tolerates float error when deciding whether `to` itself is a point. */
const STEP_EPSILON = 1e-9;

/**
 * How many load factors `from, from + step, …, to` holds, unbounded; undefined when the bounds make no sweep.
 * The GraphQL cost limit counts a sweep's points with it before anything runs.
 *
 * @example sweepPointCount(1, 2, 0.25) // → 5
 */
export function sweepPointCount(from: number, to: number, step: number): number | undefined {
  if (!(from > 0) || !(to >= from) || !(step > 0) || !Number.isFinite(to)) return undefined;
  return Math.floor((to - from) / step + STEP_EPSILON) + 1;
}

/**
 * The load factors `from, from + step, …, to`; refused (INVALID_SCENARIO) when empty, unbounded or too many.
 *
 * @example sweepLoadFactors(1, 2, 0.25) // → [1, 1.25, 1.5, 1.75, 2]
 */
export function sweepLoadFactors(from: number, to: number, step: number): number[] {
  const count = sweepPointCount(from, to, step);
  if (count === undefined) {
    throw new EngineError('INVALID_SCENARIO', 'A sweep needs 0 < from ≤ to and step > 0.', {
      from,
      to,
      step,
    });
  }
  if (count > MAX_SWEEP_POINTS) {
    throw new EngineError(
      'INVALID_SCENARIO',
      `A sweep takes at most ${MAX_SWEEP_POINTS.toString()} points; this one has ${count.toString()}.`,
      { from, to, step },
    );
  }
  return Array.from({ length: count }, (_, index) => Number((from + index * step).toFixed(FACTOR_DECIMALS)));
}

/**
 * Refuses (INVALID_SCENARIO) a list of load factors a sweep cannot take: none, or more than the bound.
 *
 * @example validateSweepLoadFactors([]) // throws EngineError INVALID_SCENARIO
 */
export function validateSweepLoadFactors(loadFactors: readonly number[]): void {
  if (loadFactors.length === 0 || loadFactors.length > MAX_SWEEP_POINTS) {
    throw new EngineError(
      'INVALID_SCENARIO',
      `A sweep takes 1 to ${MAX_SWEEP_POINTS.toString()} load factors.`,
    );
  }
}
