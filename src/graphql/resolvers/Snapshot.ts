import type { SnapshotSummary } from '../../services/types.js';
import type { Resolver } from './types.js';

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

export const Snapshot = { counts, ignored };
