/**
 * The fast YAML reader (js-yaml) answers only as the exact reader (`yaml`) would: for every input either
 * it hands over (undefined) or both give the same documents and the same problems. Checked on the upload
 * fuzzer's inputs, on YAML written by a serializer from random values, on token soup, and on a table of
 * the edges where the two libraries differ. Ordinary kubectl-style YAML must take the fast path, or the
 * speed it exists for is lost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateMesh } from '../../../bench/generateMesh.js';
import { fuzzSeed, YAML_EDGE_CASES } from '../../integration/ops/fuzzInputs.js';
import { both, expectAgreement, fuzzerText, indentedLines, serializedText, tokenSoup } from './yamlInputs.js';

/** Far above the seconds these take on an idle machine. */
const PROPERTY_TIMEOUT_MS = 120_000;
const EDGES: readonly (readonly [string, string, 'fast' | 'exact'])[] = [
  ['a null key', '~: a\n', 'exact'],
  ['a spelled-out null key', 'null: a\nb: 1\n', 'exact'],
  ['a null key in flow', '{~: a}\n', 'exact'],
  ['a null value', 'a: ~\nb: null\nc:\n', 'fast'],
  ['negative zero', 'a: -0\n', 'fast'],
  ['a binary-looking string (YAML 1.1 only)', 'a: 0b11\n', 'fast'],
  ['octal and hex', 'a: 0o17\nb: 0x1F\nc: 017\n', 'fast'],
  ['floats', 'a: .5\nb: 5.\nc: 1e3\nd: 1E+3\ne: -.5e-2\n', 'fast'],
  ['infinity', 'a: .inf\n', 'exact'],
  ['a number past a double', `a: 1${'0'.repeat(400)}\n`, 'exact'],
  ['booleans of the core schema', 'a: True\nb: FALSE\nc: yes\nd: on\n', 'fast'],
  ['YAML 1.1 directive', '%YAML 1.1\n---\na: yes\n', 'exact'],
  ['an anchor without alias', 'a: &x 1\n', 'exact'],
  ['an alias', 'a: &x 1\nb: *x\n', 'exact'],
  ['an explicit tag', 'a: !!str 1\n', 'exact'],
  ['a verbatim tag', 'a: !<tag:yaml.org,2002:int> 1\n', 'exact'],
  ['the non-specific tag', 'a: ! 1\n', 'exact'],
  ['an explicit key', '? a\n: b\n', 'exact'],
  ['a collection key', '[a, b]: c\n', 'exact'],
  ['a collection key in flow', '{[a]: b}\n', 'exact'],
  ['a duplicate key', 'a: 1\na: 2\n', 'exact'],
  ['a number and a string key alike', '1: a\n"1": b\n', 'exact'],
  ['__proto__ as a key', '__proto__: {polluted: true}\nb: 1\n', 'fast'],
  ['empty documents between', 'a: 1\n---\n---\nb: 2\n', 'fast'],
  ['document end markers', 'a: 1\n...\n---\nb: 2\n...\n', 'fast'],
  ['only comments', '# nothing\n', 'fast'],
  // The fast reader reads one document at a time, cutting the text before each `---` line.
  ['comments before the first document', '# Source: chart/a.yaml\n\n---\na: 1\n', 'fast'],
  ['a bare document before the first marker', 'a: 1\n---\nb: 2\n', 'fast'],
  ['content on the marker line', '--- a\n--- {b: 1}\n---\n', 'fast'],
  ['a document end marker, then a bare document', 'a: 1\n...\nb: 2\n', 'fast'],
  ['a document end marker before the first marker', '...\n---\na: 1\n', 'fast'],
  ['a top-level block scalar cut by a marker', '--- |\nfoo\n---\nbar\n', 'exact'],
  ['dashes that are no marker', 'a: |\n  ---\n---x: 1\n', 'exact'],
  ['a marker inside a flow collection', 'a: [1,\n---\n]\n', 'exact'],
  ['a scalar document', '42\n', 'fast'],
  ['a lone surrogate escape', 'a: "\\uD800"\n', 'fast'],
  ['block scalars', 'a: |\n  x\n  y\nb: >-\n  x\n  y\n', 'fast'],
  ['a tab as indentation', 'a:\n\t- b\n', 'exact'],
  ['kubectl-style YAML', generateMesh({ services: 2, replicas: 2, seed: 3 }).text, 'fast'],
];

describe('fast and exact YAML readers agree', () => {
  it.each(EDGES)('%s', (_name, text, path) => {
    const { fast, exact } = both(text);
    expect(fast === undefined ? 'exact' : 'fast').toBe(path);
    if (fast !== undefined) expect(fast).toBe(exact);
  });

  it.each(YAML_EDGE_CASES.map((text) => [JSON.stringify(text).slice(0, 60), text] as const))(
    'fuzzer edge %s',
    (_name, text) => expectAgreement(text),
  );

  // Property runs cost seconds of CPU; the budget is far above that so a busy machine cannot fail them.
  it.each([
    ['the upload fuzzer inputs', fuzzerText, 600, 9101],
    ['YAML serialized from random values in every style', serializedText, 800, 9102],
    ['token soup', tokenSoup, 3000, 9103],
    ['lines with random indentation and scalars', indentedLines, 3000, 9104],
  ] as const)(
    'on %s',
    (_name, texts, runs, seed) => {
      fc.assert(
        fc.property(texts, (text) => expectAgreement(text)),
        { numRuns: runs, seed: fuzzSeed(seed) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
