/**
 * A value serialized as JSON and gzip-compressed without ever holding its whole JSON text: the normalized
 * model of a 100,000-endpoint mesh is about 100 MiB of JSON, and the string, its UTF-8 copy and the parsed
 * objects alive together were the largest part of an upload's peak memory. The JSON is written piece by
 * piece (the outer containers descended into, each deeper value stringified whole) and compressed in
 * pieces of about `GZIP_MEMBER_CHARS`, one gzip member each. A gzip file may hold several members, read
 * back as one stream (RFC 1952 §2.2); Node's `gunzip` does so.
 */
import { gzipSync } from 'node:zlib';

/** Characters of JSON compressed at a time: large enough that restarting the dictionary costs nothing. */
const GZIP_MEMBER_CHARS = 4 * 1024 * 1024;
/**
 * Containers down to this depth are written element by element; below it a value is stringified whole.
 * The model's large arrays (a cluster's pods, services, endpoints) sit at depth 3 (model → clusters →
 * cluster → array), so their elements are the pieces.
 */
const DESCEND_DEPTH = 4;

function isPlainContainer(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function' &&
    (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)
  );
}

/**
 * The JSON text of `value` in pieces whose concatenation is exactly `JSON.stringify(value)` (for values
 * without a replacer or indentation; `undefined` and functions are left out of objects and written as
 * `null` in arrays, as `JSON.stringify` does).
 */
export function* jsonPieces(value: unknown, depth = 0): Generator<string, void, undefined> {
  if (depth >= DESCEND_DEPTH || !isPlainContainer(value)) {
    const text = JSON.stringify(value) as string | undefined;
    yield text ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) yield ',';
      const element: unknown = value[index];
      if (element === undefined || typeof element === 'function' || typeof element === 'symbol') yield 'null';
      else yield* jsonPieces(element, depth + 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    yield first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(member, depth + 1);
  }
  yield '}';
}

export interface GzippedJson {
  /** Size of the JSON text, UTF-8, in bytes. */
  readonly bytes: number;
  /** The JSON text, gzip-compressed (one or more members). */
  readonly gzip: Buffer;
}

/** `value` as gzip-compressed JSON, the same bytes `JSON.stringify` would give, compressed at `level`. */
export function gzipJson(value: unknown, level: number): GzippedJson {
  const members: Buffer[] = [];
  let bytes = 0;
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = (): void => {
    if (pendingChars === 0) return;
    // Pieces end between JSON tokens, never inside a surrogate pair, so each chunk encodes on its own.
    const chunk = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingChars = 0;
    bytes += chunk.byteLength;
    members.push(gzipSync(chunk, { level }));
  };
  for (const piece of jsonPieces(value)) {
    pending.push(piece);
    pendingChars += piece.length;
    if (pendingChars >= GZIP_MEMBER_CHARS) flush();
  }
  flush();
  return { bytes, gzip: Buffer.concat(members) };
}
