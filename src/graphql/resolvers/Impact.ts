import type { Impact as ImpactAnswer } from '../../engine/index.js';
import { AppError } from '../../errors/appError.js';
import type { Nullable, Resolver } from './types.js';

/** An outage can touch thousands of clients of one backend; the list is bounded, the count is not. */
export const MAX_IMPACT_CLIENTS = 10_000;

/** The affected clients, worst class first: each class's clients in name order. */
const clients: Resolver<ImpactAnswer, { readonly first?: Nullable<number> }, readonly string[]> = (
  parent,
  args,
) => {
  const first = args.first ?? 100;
  if (first < 0 || first > MAX_IMPACT_CLIENTS) {
    throw new AppError('INVALID_REQUEST', `\`first\` must be between 0 and ${MAX_IMPACT_CLIENTS}.`, {
      first,
    });
  }
  const out: string[] = [];
  for (const c of parent.classes) {
    for (const client of c.clientClass.clients) {
      if (out.length >= first) return out;
      out.push(client);
    }
  }
  return out;
};

export const Impact = { clients };
