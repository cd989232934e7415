import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors/appError.js';
import { decodeCursor, encodeCursor } from '../../../src/services/snapshotCursor.js';

describe('snapshot cursors (one format for REST and GraphQL)', () => {
  it.each([1, 42, 2 ** 40])('round-trips position %i', (seq) => {
    expect(decodeCursor(encodeCursor(seq))).toBe(seq);
  });

  it.each([
    ['not base64 of a position', 'not-a-cursor'],
    ['a negative position', Buffer.from('seq:-1').toString('base64url')],
    ['a fraction', Buffer.from('seq:1.5').toString('base64url')],
    ['too many digits', Buffer.from(`seq:${'9'.repeat(16)}`).toString('base64url')],
    ["the old GraphQL cursor's JSON", Buffer.from('{"skip":1}').toString('base64url')],
    ['empty', ''],
  ])('refuses %s with INVALID_REQUEST', (_label, text) => {
    expect(() => decodeCursor(text)).toThrow(AppError);
    try {
      decodeCursor(text);
    } catch (error) {
      expect((error as AppError).code).toBe('INVALID_REQUEST');
    }
  });
});
