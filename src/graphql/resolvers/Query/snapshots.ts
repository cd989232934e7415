import type { SnapshotSummary } from '../../../services/types.js';
import { AppError } from '../../../errors/appError.js';
import { decodeSnapshotCursor, encodeSnapshotCursor, MAX_SNAPSHOTS_PAGE_SIZE } from '../snapshotCursor.js';
import type { Nullable, Resolver } from '../types.js';

export interface SnapshotEdge {
  readonly cursor: string;
  readonly node: SnapshotSummary;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface SnapshotConnection {
  readonly edges: readonly SnapshotEdge[];
  readonly nodes: readonly SnapshotSummary[];
  readonly pageInfo: PageInfo;
}

const DEFAULT_PAGE_SIZE = 20;

export const snapshots: Resolver<
  unknown,
  { first?: Nullable<number>; after?: Nullable<string> },
  SnapshotConnection
> = (_parent, args, { services }) => {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (first < 1 || first > MAX_SNAPSHOTS_PAGE_SIZE) {
    throw new AppError('INVALID_REQUEST', `\`first\` must be between 1 and ${MAX_SNAPSHOTS_PAGE_SIZE}.`, {
      first,
    });
  }
  let start = args.after == null ? { skip: 0 } : decodeSnapshotCursor(args.after);
  if (start.skip > 0) {
    // Step over the edges before the cursor; the service's cursor after them is where this page starts.
    const skipped = services.snapshots.list(start.skip, start.after);
    if (skipped.nextCursor === undefined)
      return { edges: [], nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    start = { after: skipped.nextCursor, skip: 0 };
  }
  const page = services.snapshots.list(first, start.after);
  const last = page.items.length - 1;
  const edges = page.items.map((node, index) => ({
    node,
    cursor: encodeSnapshotCursor(
      index === last && page.nextCursor !== undefined
        ? { after: page.nextCursor, skip: 0 }
        : { ...(start.after === undefined ? {} : { after: start.after }), skip: index + 1 },
    ),
  }));
  return {
    edges,
    nodes: page.items,
    pageInfo: { hasNextPage: page.nextCursor !== undefined, endCursor: edges.at(-1)?.cursor ?? null },
  };
};
