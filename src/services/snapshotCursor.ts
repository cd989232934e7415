/**
 * The one cursor format of snapshot lists, REST and GraphQL alike: an opaque token naming a position in the
 * newest-first order (the snapshot's insertion sequence). A page "after" a cursor starts with the next
 * older snapshot, whether or not the one at the cursor still exists.
 */
import { AppError } from '../errors/appError.js';

const PREFIX = 'seq:';
/** Sequence numbers stay far below 2^53; more digits are not a cursor we handed out. */
const MAX_SEQ_DIGITS = 15;
const PATTERN = new RegExp(`^${PREFIX}(\\d{1,${MAX_SEQ_DIGITS}})$`);

export const encodeCursor = (seq: number): string => Buffer.from(`${PREFIX}${seq}`).toString('base64url');

export function decodeCursor(cursor: string): number {
  const match = PATTERN.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match?.[1] === undefined) {
    throw new AppError(
      'INVALID_REQUEST',
      'The cursor is not valid; pass a cursor returned by a snapshot list.',
      {
        cursor,
      },
    );
  }
  return Number(match[1]);
}
