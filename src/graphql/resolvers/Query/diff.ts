import type { Profile, SnapshotDiff } from '../../../engine/index.js';
import type { Nullable, Resolver } from '../types.js';

export interface DiffArgs {
  readonly before: string;
  readonly after: string;
  readonly profile?: Nullable<Profile>;
}

export const diff: Resolver<unknown, DiffArgs, SnapshotDiff> = (_parent, args, { services }) =>
  services.policy.diff({
    before: args.before,
    after: args.after,
    ...(args.profile == null ? {} : { profile: args.profile }),
  });
