import { describe, expect, it } from 'vitest';
import { scanNesting } from '../../../src/ingest/scanNesting.js';

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('scanNesting', () => {
  it.each([
    ['flow nesting within the limit', deep(4), undefined],
    ['flow nesting past the limit', deep(5), 1],
    ['on a later line', `a: 1\nb: ${deep(5)}`, 2],
    ['mappings count like sequences', '{a: {b: {c: {d: {e: 1}}}}}', 1],
    ['brackets in double quotes', `a: "${'['.repeat(10)}"`, undefined],
    ['brackets in single quotes with an escaped quote', `a: 'it''s ${'{'.repeat(10)}'`, undefined],
    ['brackets in a comment', `a: 1 # ${'['.repeat(10)}`, undefined],
    ['an apostrophe inside a plain scalar is not a quote', `a: it's ${deep(5)}`, 1],
    ['a quote does not outlive its line', `a: |\n  'open\nb: ${deep(5)}`, 3],
    ['JSON in a block scalar, balanced', `a: |\n  {"b":{"c":[1,2]}}\n`, undefined],
    ['compact sequences past the limit', `${'- '.repeat(5)}x`, 1],
    ['compact sequences within the limit', `${'- '.repeat(4)}x`, undefined],
    ['depth resets at a document marker', `a: [[[[\n---\nb: [[[[]]]]`, undefined],
  ])('%s', (_case, text, line) => {
    expect(scanNesting(text, 4).tooDeepAtLine).toBe(line);
  });
});
