/**
 * Inputs for the differential tests of the two YAML readers (here and in test/slow): what the upload fuzzer
 * sends, YAML a serializer writes from random values, token soup, and lines of YAML with random indentation
 * and scalars of every style.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { decodeBody } from '../../../src/ingest/decodeBody.js';
import { readYamlExact } from '../../../src/ingest/readYamlExact.js';
import { readYamlFast } from '../../../src/ingest/readYamlFast.js';
import { scanNesting } from '../../../src/ingest/scanNesting.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../../src/ingest/types.js';
import { uploadCase } from '../../integration/ops/fuzzInputs.js';

/** Upload bodies that decode as text. */
export const fuzzerText: fc.Arbitrary<string> = uploadCase
  .map((c) => decodeBody(c.body))
  .filter((decoded) => decoded.ok)
  .map((decoded) => (decoded.ok ? decoded.text : ''));

export const serializedText: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.jsonValue({ maxDepth: 5 }), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  )
  .map(([values, flow, quote]) =>
    values
      .map((value) =>
        stringify(value, {
          collectionStyle: flow ? 'flow' : 'block',
          defaultStringType: quote as 'PLAIN',
        }),
      )
      .join('---\n'),
  );

const TOKENS = [
  'a',
  'b',
  'key',
  ':',
  ': ',
  '- ',
  '? ',
  '\n',
  '\n  ',
  '\n    ',
  '  ',
  '\t',
  '[',
  ']',
  '{',
  '}',
  ', ',
  '"',
  "'",
  '#',
  '&x ',
  '*x',
  '!!str ',
  '! ',
  '|',
  '>',
  '---\n',
  '...\n',
  '~',
  'null',
  '0x1F',
  '0o7',
  '1e400',
  '-0',
  '.inf',
  'true',
  'True',
  '\\',
  '%YAML 1.2\n',
  '__proto__',
  '1',
  '1.5',
  '""',
  "''",
  ' ',
  '-',
  '?',
  ',',
  '\r\n',
  '|-\n  x',
  '>+\n',
  '@',
  '`',
  '%',
  '\u00a0',
  '\ufeff',
  '\u2028',
  '\u0085',
  '|\n  a\n   b\n\n  c\n',
  '>\n  a\n\n   b\n  c\n',
  '|2\n',
  '|-\n',
  '>-\n',
  '|+\n',
  '  a\n',
  '   b',
];

export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 40 })
  .map((tokens) => tokens.join(''));

const scalar = fc.oneof(
  fc.constantFrom(
    'a',
    'b c',
    '"q"',
    "'s'",
    '"multi\n  line"',
    "'it''s'",
    '1',
    '-1.5',
    '0x1F',
    'true',
    'null',
    '~',
    '',
    '|\n    block\n    text\n',
    '>-\n    folded\n\n    more\n',
    '[x, y]',
    '{p: q}',
    '"\\t\\u0041"',
    'a: b',
    'x #c',
    '#c',
    '"a"b',
    'é',
    '-',
    '- x',
  ),
  fc.string({ maxLength: 6 }),
);

export const indentedLines: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc
        .tuple(
          fc.integer({ min: 0, max: 6 }),
          fc.constantFrom('', '- ', 'key: ', 'k2: ', '- k: ', '"qk": ', "'sk': ", 'k:'),
          scalar,
        )
        .map(([indent, prefix, value]) => ' '.repeat(indent) + prefix + value),
      { maxLength: 12 },
    ),
    fc.boolean(),
  )
  .map(([lines, crlf]) => {
    const text = `${lines.join('\n')}\n`;
    return crlf ? text.replaceAll('\n', '\r\n') : text;
  });

export const LIMITS: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, maxDepth: 16, maxAliasCount: 20 };

/** A canonical text of a read result: -0, NaN, ±Infinity, undefined and odd prototypes stay visible. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'number' && (Object.is(inner, -0) || !Number.isFinite(inner)))
      return `#number:${Object.is(inner, -0) ? '-0' : String(inner)}`;
    if (inner === undefined) return '#undefined';
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      const proto: unknown = Object.getPrototypeOf(inner);
      const own = Object.getOwnPropertyNames(inner).map((name) => [
        name,
        (inner as Record<string, unknown>)[name],
      ]);
      return { '#proto': proto === Object.prototype ? 'Object' : String(proto), entries: own };
    }
    return inner;
  });
}

/** What the fast reader answers for `text`, next to the exact reader's answer. */
export function both(text: string, limits = LIMITS): { fast: string | undefined; exact: string } {
  const scan = scanNesting(text, limits.maxDepth);
  const fast = scan.tooDeepAtLine === undefined ? readYamlFast(text, limits, scan.exactSyntax) : undefined;
  return {
    fast: fast === undefined ? undefined : canonical(fast),
    exact: canonical(readYamlExact(text, limits)),
  };
}

export function expectAgreement(text: string, limits = LIMITS): void {
  const { fast, exact } = both(text, limits);
  if (fast !== undefined) expect(fast, JSON.stringify(text).slice(0, 300)).toBe(exact);
}
