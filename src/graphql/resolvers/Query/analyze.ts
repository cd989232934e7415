import type { Diagnostic } from '../../../engine/model/answer.js';
import type { Profile } from '../../../engine/model/meshModel.js';
import type { Nullable, Resolver } from '../types.js';

export const analyze: Resolver<
  unknown,
  { snapshot: string; profile?: Nullable<Profile> },
  readonly Diagnostic[]
> = (_parent, args, { services }) => services.policy.analyze(args.snapshot, args.profile ?? undefined);
