import type { SweepPoint } from '../../engine/index.js';
import { AppError } from '../../errors/appError.js';
import { WHAT_IF_QUERY, type Nullable, type Resolver, type WhatIfParent } from './types.js';

/** Sweeps are bounded here too, before a list of factors is built from client-chosen bounds. */
export const MAX_SWEEP_POINTS = 200;
/** Factors are rounded so `1.0 + 0.1 × n` reads as the number the client meant. */
const FACTOR_DECIMALS = 6;
/** Tolerates float error when deciding whether `to` itself is a point. */
const STEP_EPSILON = 1e-9;

interface SweepArgs {
  readonly from?: Nullable<number>;
  readonly to?: Nullable<number>;
  readonly step?: Nullable<number>;
}

/** The load factors `from, from + step, …, to`; refused (INVALID_SCENARIO) when empty, unbounded or too many. */
export function sweepLoadFactors(from: number, to: number, step: number): number[] {
  if (!(from > 0) || !(to >= from) || !(step > 0) || !Number.isFinite(to)) {
    throw new AppError('INVALID_SCENARIO', 'A sweep needs 0 < from ≤ to and step > 0.', { from, to, step });
  }
  const count = Math.floor((to - from) / step + STEP_EPSILON) + 1;
  if (count > MAX_SWEEP_POINTS) {
    throw new AppError(
      'INVALID_SCENARIO',
      `A sweep takes at most ${MAX_SWEEP_POINTS} points; this one has ${count}.`,
      { from, to, step },
    );
  }
  return Array.from({ length: count }, (_, index) => Number((from + index * step).toFixed(FACTOR_DECIMALS)));
}

const sweep: Resolver<WhatIfParent, SweepArgs, readonly SweepPoint[]> = (parent, args, { services }) => {
  const query = parent[WHAT_IF_QUERY];
  return services.policy.sweep({
    ...query,
    loadFactors: sweepLoadFactors(args.from ?? 1, args.to ?? 3, args.step ?? 0.25),
  });
};

export const WhatIf = { sweep };
