/**
 * The upload body reader: one buffer of the announced size, filled as chunks arrive, refused as Fastify's
 * own reader refuses (413 past the limit, 400 for a length that does not match, the stream's error).
 */
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors/appError.js';
import { readUploadBody } from '../../../src/http/readUploadBody.js';

const LIMIT = 64;
const chunksOf = (...parts: string[]): Readable => Readable.from(parts.map((part) => Buffer.from(part)));

describe('readUploadBody', () => {
  it.each([
    ['announced, in one chunk', ['abcdef'], 6],
    ['announced, in several chunks', ['ab', 'cd', 'ef'], 6],
    ['not announced (chunked transfer coding)', ['ab', 'cd', 'ef'], undefined],
    ['exactly at the limit', ['x'.repeat(LIMIT)], LIMIT],
  ] as const)('%s: the body whole, in a buffer of its own', async (_name, parts, announced) => {
    const body = await readUploadBody(chunksOf(...parts), LIMIT, announced);
    expect(body.toString()).toBe(parts.join(''));
    // Transferable to the parser's worker without a copy: the buffer is the whole ArrayBuffer.
    expect(body.byteOffset).toBe(0);
    expect(body.buffer.byteLength).toBe(body.byteLength);
  });

  it.each([
    ['announced past the limit', ['a'], LIMIT + 1, 'PAYLOAD_TOO_LARGE', /exceeds the configured limit/],
    [
      'growing past the limit, not announced',
      ['x'.repeat(40), 'x'.repeat(40)],
      undefined,
      'PAYLOAD_TOO_LARGE',
      /exceeds/,
    ],
    [
      'longer than announced',
      ['abc', 'def'],
      4,
      'INVALID_REQUEST',
      /longer than its Content-Length \(4 bytes\)/,
    ],
    [
      'shorter than announced',
      ['abc'],
      10,
      'INVALID_REQUEST',
      /shorter than its Content-Length \(10 bytes\)/,
    ],
  ] as const)('%s → %s', async (_name, parts, announced, code, message) => {
    const refused = readUploadBody(chunksOf(...parts), LIMIT, announced);
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code, message: expect.stringMatching(message) as unknown });
  });

  it('passes a stream error on as a client error (400)', async () => {
    const stream = new PassThrough();
    const reading = readUploadBody(stream, LIMIT, 10);
    stream.write('abc');
    stream.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    await expect(reading).rejects.toMatchObject({ message: 'aborted', statusCode: 400 });
  });

  it('keeps reading (and dropping) the rest of a refused body, so the answer can still be sent', async () => {
    const stream = new PassThrough();
    const reading = readUploadBody(stream, LIMIT, undefined);
    stream.write('x'.repeat(LIMIT + 1));
    await expect(reading).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(stream.readableFlowing).toBe(true);
    expect(stream.destroyed).toBe(false);
  });
});
