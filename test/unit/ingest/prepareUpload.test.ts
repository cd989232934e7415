import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateMeshJson } from '../../../bench/generateMesh.js';
import { gzipJson, jsonPieces } from '../../../src/ingest/gzipJson.js';
import { parseUpload } from '../../../src/ingest/parseUpload.js';
import { prepareUpload } from '../../../src/ingest/prepareUpload.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadInput } from '../../../src/ingest/types.js';
import runUploadTask, { type UploadTask } from '../../../src/ingest/uploadWorker.js';

/** gzip's magic bytes and method (RFC 1952 §2.3.1): each member starts with them. */
const GZIP_MEMBER_HEADER = Buffer.from([0x1f, 0x8b, 0x08]);

function memberCount(gzip: Buffer): number {
  let count = 0;
  for (let at = gzip.indexOf(GZIP_MEMBER_HEADER); at !== -1; at = gzip.indexOf(GZIP_MEMBER_HEADER, at + 1))
    count += 1;
  return count;
}

const deep = { a: { b: { c: { d: { e: [1, { f: undefined, g: 'h' }] } } } } };

describe('jsonPieces', () => {
  it.each([
    ['a number', 1.5],
    ['a string with quotes and a surrogate pair', 'say "hi" 😀'],
    ['null', null],
    ['an empty object and array', { a: {}, b: [] }],
    ['undefined and functions left out of objects', { a: undefined, b: () => 1, c: 2 }],
    ['undefined and functions as null in arrays', [undefined, () => 1, 3]],
    ['a Date (toJSON) at the top and inside', { when: new Date(0), list: [new Date(1)] }],
    [
      'a class instance and a null-prototype object',
      { m: new Map([[1, 2]]), n: Object.create(null) as object },
    ],
    ['nesting past the depth written piece by piece', deep],
    ['keys that need escaping', { 'a"b': 1, '\n': [{ '\u2028': true }] }],
  ])('%s: the pieces are JSON.stringify', (_name, value) => {
    expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value));
  });
});

describe('gzipJson', () => {
  it('compresses a value larger than one member into several members that read back as one text', () => {
    // About 12 MiB of JSON: three 4 MiB members at least.
    const value = {
      clusters: [
        { pods: Array.from({ length: 200_000 }, (_, i) => ({ name: `pod-${i}`, é: 'ü'.repeat(20) })) },
      ],
    };
    const expected = JSON.stringify(value);
    const { bytes, gzip } = gzipJson(value, 1);
    expect(memberCount(gzip)).toBeGreaterThanOrEqual(3);
    expect(gunzipSync(gzip).toString('utf8')).toBe(expected);
    expect(bytes).toBe(Buffer.byteLength(expected));
  });
});

describe('prepareUpload', () => {
  const mesh = generateMeshJson({ services: 20, replicas: 3, seed: 7 });
  const params = Object.fromEntries(new URLSearchParams(mesh.query));
  const input: UploadInput = { body: Buffer.from(mesh.text), contentType: 'application/json', params };

  it('stores the body byte for byte and the model that parseUpload builds', () => {
    const parsed = parseUpload(input, DEFAULT_UPLOAD_LIMITS);
    const prepared = prepareUpload(input, DEFAULT_UPLOAD_LIMITS);
    if (!parsed.ok || !prepared.ok) throw new Error('the generated mesh was refused');
    expect(gunzipSync(prepared.snapshot.bodyGzip).equals(Buffer.from(mesh.text))).toBe(true);
    expect(prepared.snapshot.documentBytes).toBe(Buffer.byteLength(mesh.text));
    const modelJson = gunzipSync(prepared.snapshot.modelGzip).toString('utf8');
    expect(modelJson).toBe(JSON.stringify(parsed.snapshot.model));
    expect(prepared.snapshot.modelBytes).toBe(Buffer.byteLength(modelJson));
  });

  it.each([
    ['bytes that are not UTF-8', new Uint8Array([0x6b, 0x3a, 0xff])],
    ['an empty text', '  \n'],
  ])('refuses %s as parseUpload does, storing nothing', (_name, body) => {
    const refused = { ...input, body };
    expect(prepareUpload(refused, DEFAULT_UPLOAD_LIMITS)).toEqual(
      parseUpload(refused, DEFAULT_UPLOAD_LIMITS),
    );
  });

  it('in the worker entry, takes the body out of the task, so the task no longer holds the bytes', () => {
    const task: UploadTask = { input, limits: DEFAULT_UPLOAD_LIMITS };
    const prepared = runUploadTask(task);
    expect(prepared.ok).toBe(true);
    expect(task.input).toBeUndefined();
    expect(() => runUploadTask(task)).toThrow(/already run/);
  });
});
