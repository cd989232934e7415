import type { Diagnostic, Profile } from '../../../engine/index.js';
import type { Nullable, Resolver } from '../types.js';

export const analyze: Resolver<
  unknown,
  { snapshot: string; profile?: Nullable<Profile> },
  readonly Diagnostic[]
> = (_parent, args, { services }) => services.policy.analyze(args.snapshot, args.profile ?? undefined);
