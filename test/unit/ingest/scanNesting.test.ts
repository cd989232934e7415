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

  it.each([
    // Found by the slow fuzz run: js-yaml ends the scalar at a lone CR, the yaml library keeps it.
    ['a carriage return that does not start CRLF', '(\r', true],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n', false],
    [
      'kubectl-style mappings and sequences',
      'a:\n  b: 1\n  c:\n  - name: x\n    image: y\n  - name: z\nd: "q"\n',
      false,
    ],
    ['a block scalar after a key', 'a: |\n  x\n    y\n  z\nb: 1\n', false],
    ['an explicit key', '? a\n: b\n', true],
    ['an explicit key alone on its line', 'x:\n  ?\n  - a\n', true],
    ['a collection key', '[a, b]: c\n', true],
    ['a question mark inside a scalar', 'a: why?\nb: "? x"\n', false],
    ['a tab in indentation', 'a:\n\tb: 1\n', true],
    ['a comment glued to a quoted scalar', 'a: "x"#c\n', true],
    ['a comment glued to a flow bracket', 'a: [#c\n  b]\n', true],
    ['a keep-chomping block scalar', 'a: |+\n  x\n', true],
    ['an indentation indicator', 'a: >2\n   x\n', true],
    ['a root block scalar', '|\n x\n', true],
    ['a marker glued to text', '----\n', true],
    ['compact nested sequences', '- - x\n', true],
    ['a root that starts indented', '  a: 1\nb: 2\n', true],
    ['a sequence entry dedented between levels', 'a:\n    - x\n  - y\n', true],
    ['documents each at column 0', 'a: 1\n---\nb:\n  c: 2\n', false],
  ])('notes syntax for the exact YAML reader: %s', (_case, text, expected) => {
    expect(scanNesting(text, 64).exactSyntax).toBe(expected);
  });
});
