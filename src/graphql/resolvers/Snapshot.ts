import { AppError } from '../../errors/appError.js';
import type { SnapshotReferences, SnapshotSummary } from '../../services/types.js';
import type { Nullable, Resolver } from './types.js';

export interface KindCount {
  readonly cluster: string;
  readonly kind: string;
  readonly count: number;
}

export interface IgnoredKind {
  readonly kind: string;
  readonly count: number;
}

/** The service keys counts by cluster and kind; GraphQL lists them, which clients can filter and sort. */
const counts: Resolver<SnapshotSummary, unknown, KindCount[]> = (parent) =>
  Object.entries(parent.counts).flatMap(([cluster, kinds]) =>
    Object.entries(kinds).map(([kind, count]) => ({ cluster, kind, count })),
  );

const ignored: Resolver<SnapshotSummary, unknown, IgnoredKind[]> = (parent) =>
  Object.entries(parent.ignored).map(([kind, count]) => ({ kind, count }));

/** A picker asks for a page of names at a time; a mesh may know tens of thousands of pods. */
export const DEFAULT_REFERENCES_PAGE = 1_000;
export const MAX_REFERENCES_PAGE = 10_000;

interface ReferencesArgs {
  readonly contains?: Nullable<string>;
  readonly first?: Nullable<number>;
}

function pickReferences(
  which: keyof SnapshotReferences,
): Resolver<SnapshotSummary, ReferencesArgs, readonly string[]> {
  return async (parent, args, { services }) => {
    const first = args.first ?? DEFAULT_REFERENCES_PAGE;
    if (first < 1 || first > MAX_REFERENCES_PAGE) {
      throw new AppError('INVALID_REQUEST', `\`first\` must be between 1 and ${MAX_REFERENCES_PAGE}.`, {
        first,
      });
    }
    const names = (await services.policy.references(parent.id))[which];
    const needle = args.contains?.trim().toLowerCase() ?? '';
    const matching = needle === '' ? names : names.filter((name) => name.toLowerCase().includes(needle));
    return matching.slice(0, first);
  };
}

export const Snapshot = {
  counts,
  ignored,
  clients: pickReferences('clients'),
  backends: pickReferences('backends'),
};
