import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../../src/ingest/strictJson.js';
import { fuzzSeed } from '../../integration/ops/fuzzInputs.js';

/** Far above the second this takes on an idle machine. */
const PROPERTY_TIMEOUT_MS = 120_000;
const MARKER = '\u0000duplicate';
/** The marker member as JSON.stringify writes it; its value is the key to write twice. */
const MARKED_MEMBER = /"\\u0000duplicate":("(?:[^"\\]|\\.)*")/u;

const isNonEmptyObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;

describe('parseStrictJson', () => {
  it.each([
    ['a repeated key', '{"a":1,"a":2}', 'a', [], 'line 1, column 8'],
    ['a repeated key spelled with an escape', '{"a":1,"\\u0061":2}', 'a', [], 'line 1, column 8'],
    [
      'a repeated key in a nested object',
      '{"x":{"y":[{"k":1},{"k":2,"k":3}]}}',
      'k',
      ['x', 'y', '1'],
      'line 1, column 27',
    ],
    [
      'a repeated key on a later line',
      '[\n {"a": 1},\n {"b": 1,\n  "b": 2}\n]',
      'b',
      ['1'],
      'line 4, column 3',
    ],
    ['a key named like a pointer', '{"a/b":{"c":1,"c":1}}', 'c', ['a/b'], 'line 1, column 15'],
  ])('refuses %s', (_case, text, key, path, where) => {
    const result = parseStrictJson(text, 64);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('DUPLICATE_KEY');
    expect(result.message).toContain(`"${key}"`);
    expect(result.message).toContain(where);
    expect(result.path).toEqual(path);
  });

  it.each([
    ['keys equal only after escapes are read', '{"a":1,"\\"a":2,"a\\\\":3}'],
    ['the same key in sibling objects', '[{"a":1},{"a":2}]'],
    ['a colon and braces inside strings', '{"a":"x:{y}","b":"\\"}:"}'],
    ['__proto__ as a key', '{"__proto__":{"polluted":true}}'],
  ])('accepts %s as JSON.parse reads it', (_case, text) => {
    const result = parseStrictJson(text, 64);
    expect(result).toEqual({ ok: true, value: JSON.parse(text), hasNonFinite: false });
  });

  it.each([
    ['arrays', `${'['.repeat(65)}${']'.repeat(65)}`, 64, 1],
    ['objects on a later line', `{"a":\n${'{"b":'.repeat(5)}1${'}'.repeat(5)}}`, 5, 2],
  ])('refuses nesting past the limit before parsing: %s', (_case, text, limit, line) => {
    const result = parseStrictJson(text, limit);
    expect(result).toMatchObject({ ok: false, reason: 'TOO_DEEP' });
    if (!result.ok) expect(result.message).toContain(`(line ${line})`);
  });

  it('counts a container at exactly the limit as within it', () => {
    expect(parseStrictJson(`${'['.repeat(64)}${']'.repeat(64)}`, 64).ok).toBe(true);
  });

  it.each([
    ['a number past a double', '{"a":1e999}', true],
    ['a finite number', '{"a":1e308}', false],
  ])('notes %s', (_case, text, nonFinite) => {
    expect(parseStrictJson(text, 64)).toMatchObject({ ok: true, hasNonFinite: nonFinite });
  });

  it('reports JSON.parse syntax errors', () => {
    expect(parseStrictJson('{"a":', 64)).toMatchObject({ ok: false, reason: 'SYNTAX' });
  });

  it(
    'reads any JSON value as JSON.parse does, and finds a key written twice',
    () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 6 }), fc.nat(), (value, pick) => {
          const text = JSON.stringify(value, null, pick % 2 === 0 ? undefined : 1);
          expect(parseStrictJson(text, 64)).toEqual({
            ok: true,
            value: JSON.parse(text),
            hasNonFinite: false,
          });
          // Write the first key of one object a second time, with another value.
          let objects = 0;
          JSON.stringify(value, (_key, inner: unknown) => {
            if (isNonEmptyObject(inner)) objects += 1;
            return inner;
          });
          if (objects === 0) return;
          let seen = -1;
          const marked = JSON.stringify(value, (_key, inner: unknown) => {
            if (!isNonEmptyObject(inner)) return inner;
            seen += 1;
            return seen === pick % objects ? { ...inner, [MARKER]: Object.keys(inner)[0] } : inner;
          });
          const duplicated = marked.replace(MARKED_MEMBER, (_member, key: string) => `${key}:null`);
          expect(parseStrictJson(duplicated, 64)).toMatchObject({ ok: false, reason: 'DUPLICATE_KEY' });
        }),
        { numRuns: 500, seed: fuzzSeed(9201) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
