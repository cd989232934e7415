import type { PageInfo, SnapshotEdge, SnapshotSummary } from '../../../services/types.js';
import type { Nullable, Resolver } from '../types.js';

export interface SnapshotConnection {
  readonly edges: readonly SnapshotEdge[];
  readonly nodes: readonly SnapshotSummary[];
  readonly pageInfo: PageInfo;
}

/** The service pages (REST pages the same way, with the same cursors); GraphQL only renames. */
export const snapshots: Resolver<
  unknown,
  { first?: Nullable<number>; after?: Nullable<string> },
  SnapshotConnection
> = async (_parent, args, { services }) => {
  const page = await services.snapshots.list({
    ...(args.first == null ? {} : { first: args.first }),
    ...(args.after == null ? {} : { after: args.after }),
  });
  return { edges: page.edges, nodes: page.items, pageInfo: page.pageInfo };
};
