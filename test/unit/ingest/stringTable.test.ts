/**
 * Interning: every string kept from an upload is one shared copy, never a view of the body's text, so the
 * text can be let go once the documents are read (the 100k-endpoint upload's peak, docs/operations.md).
 */
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../../src/ingest/collectGarbage.js';
import { readDocuments } from '../../../src/ingest/readDocuments.js';
import { StringTable } from '../../../src/ingest/stringTable.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../../src/ingest/types.js';

const MIB = 1024 * 1024;
/** Large beside everything else the test keeps: pinned or not is a difference of this size. */
const TEXT_MIB = 48;

describe('StringTable', () => {
  it('gives equal strings for equal strings, long and short', () => {
    const table = new StringTable();
    const long = `${'a'.repeat(20)}-${Math.random()}`;
    expect(table.intern(long)).toBe(long);
    expect(table.intern('ns')).toBe('ns');
    expect(table.intern(long.slice(0))).toBe(long);
  });

  it('replaces strings in place through objects and arrays, visiting a shared or cyclic container once', () => {
    const shared = { name: 'shared-value-long-enough' };
    const cyclic: Record<string, unknown> = { items: ['x', shared, shared, ['nested-string-value']] };
    cyclic['self'] = cyclic;
    const table = new StringTable();
    expect(table.internAll(cyclic)).toBe(cyclic);
    expect(cyclic['items']).toEqual(['x', shared, shared, ['nested-string-value']]);
    expect(table.internAll('plain')).toBe('plain');
    expect(table.internAll(42)).toBe(42);
  });

  it('writes an own __proto__ key as data, never as the prototype', () => {
    const parsed = JSON.parse('{"__proto__": "a value long enough to copy"}') as Record<string, unknown>;
    new StringTable().internAll(parsed);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toBe('a value long enough to copy');
  });
});

/** Heap growth, after a full collection, that the documents read from a large text keep alive. */
function retainedBytes(yaml: (padding: string) => string): {
  readonly bytes: number;
  readonly documents: number;
} {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  // One document holds a comment of TEXT_MIB and a value long enough to be a sliced string of its text.
  let text: string | undefined = yaml(`# ${'x'.repeat(TEXT_MIB * MIB)}\n`);
  const read = readDocuments(text, 'application/yaml', DEFAULT_UPLOAD_LIMITS);
  text = undefined;
  collectGarbage();
  const bytes = process.memoryUsage().heapUsed - before;
  return { bytes, documents: read.documents.length + read.problems.length * 1000 };
}

describe('documents read from a body keep no view of its text', () => {
  it.each([
    ['the fast reader', (padding: string) => `---\n${padding}a: a-value-long-enough-to-slice\n---\nb: 1\n`],
    // An anchor hands the text to the exact reader (`yaml`).
    ['the exact reader', (padding: string) => `---\n${padding}a: &x a-value-long-enough-to-slice\nb: *x\n`],
  ])('%s', (_name, yaml) => {
    const { bytes, documents } = retainedBytes(yaml);
    expect(documents).toBeGreaterThan(0);
    expect(documents).toBeLessThan(1000);
    // Pinned, the documents would keep all TEXT_MIB; a few small objects are well under a tenth of it.
    expect(bytes).toBeLessThan((TEXT_MIB * MIB) / 10);
  });
});
