import type { BlastRadius, Profile } from '../../../engine/index.js';
import { toScenario } from '../policyQuery.js';
import type { Nullable, Resolver, ScenarioInput } from '../types.js';

export interface BlastRadiusArgs {
  readonly snapshot: string;
  readonly scenario: ScenarioInput;
  readonly profile?: Nullable<Profile>;
}

export const blastRadius: Resolver<unknown, BlastRadiusArgs, BlastRadius> = (_parent, args, { services }) =>
  services.policy.blastRadius({
    snapshot: args.snapshot,
    scenario: toScenario(args.scenario),
    ...(args.profile == null ? {} : { profile: args.profile }),
  });
