import type { EffectivePolicy } from '../../../engine/index.js';
import { toPolicyQuery } from '../policyQuery.js';
import type { PolicyArgs, Resolver } from '../types.js';

export const effectivePolicy: Resolver<unknown, PolicyArgs, EffectivePolicy> = (
  _parent,
  args,
  { services },
) => services.policy.effectivePolicy(toPolicyQuery(args));
