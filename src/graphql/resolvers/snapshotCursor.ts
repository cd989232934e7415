/**
 * Relay cursors over the service's page cursors. The service hands out one cursor per page (after its
 * last item); a Relay client may resume after any edge, so an edge's cursor names the service position
 * its page started from plus how many items of that page to skip.
 */
import { AppError } from '../../errors/appError.js';

export interface SnapshotCursor {
  /** Service cursor the page was read from; absent for the first page. */
  readonly after?: string;
  /** Items to skip from there (the edge's index + 1); 0 when `after` already points past the edge. */
  readonly skip: number;
}

export const MAX_SNAPSHOTS_PAGE_SIZE = 100;

export function encodeSnapshotCursor(cursor: SnapshotCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeSnapshotCursor(text: string): SnapshotCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const { after, skip } = value as { after?: unknown; skip?: unknown };
    const afterValid = after === undefined || (typeof after === 'string' && after.length > 0);
    if (
      afterValid &&
      typeof skip === 'number' &&
      Number.isInteger(skip) &&
      skip >= 0 &&
      skip <= MAX_SNAPSHOTS_PAGE_SIZE
    ) {
      return typeof after === 'string' ? { after, skip } : { skip };
    }
  }
  throw new AppError(
    'INVALID_REQUEST',
    'The `after` cursor is not valid; pass a cursor returned by `snapshots`.',
    { after: text },
  );
}
