/**
 * A js-yaml schema that reads plain scalars exactly as the `yaml` library's YAML 1.2 core schema does
 * (YAML 1.2.2 §10.3.2, "Tag Resolution"), so the fast reader and the exact reader give the same values:
 * `null`/`Null`/`NULL`/`~`, `true`/`True`/`TRUE`/`false`…, decimal, `0o` octal and `0x` hex integers,
 * floats with `.inf`/`.nan`. js-yaml's own core schema differs at the edges (`0b11` is 3 there, a string
 * in YAML 1.2; `-0` loses its sign).
 *
 * The types carry tags of their own, not `tag:yaml.org,2002:…`, with spaces no tag in a text can hold (tags
 * are URIs): an explicit tag in the text (`!!int`, `!!str`, `!custom`, `!<…>`) is then unknown to this
 * schema, js-yaml refuses the stream, and the exact reader decides what it means. A number too large for a double sets `sawNonFinite`, which also hands the stream
 * over: the exact reader names each one with its pointer.
 */
import { Schema, Type } from 'js-yaml';

/** Prefix of this schema's tags; any other tag on a node means the text used an explicit tag. */
export const CORE_TAG_PREFIX = 'spillway core ';

const NULL = /^(?:~|[Nn]ull|NULL)$/u;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/u;
const INT_DECIMAL = /^[-+]?[0-9]+$/u;
const INT_OCTAL = /^0o[0-7]+$/u;
const INT_HEX = /^0x[0-9a-fA-F]+$/u;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/u;
const FLOAT_EXPONENT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/u;
const FLOAT_FIXED = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/u;

/** First characters a number can start with; everything else is a string without running a pattern. */
const NUMBER_START = /^[-+.0-9]/u;

let nonFinite = false;

/** Whether a number read since the last `resetNonFinite` is infinite or NaN. */
export const sawNonFinite = (): boolean => nonFinite;
export function resetNonFinite(): void {
  nonFinite = false;
}

function finiteOrFlag(value: number): number {
  if (!Number.isFinite(value)) nonFinite = true;
  return value;
}

const resolves =
  (test: (text: string) => boolean) =>
  (data: unknown): boolean =>
    typeof data === 'string' && test(data);

const nullType = new Type(`${CORE_TAG_PREFIX}null`, {
  kind: 'scalar',
  resolve: resolves((text) => NULL.test(text)),
  construct: () => null,
});

const boolType = new Type(`${CORE_TAG_PREFIX}bool`, {
  kind: 'scalar',
  resolve: resolves((text) => BOOL.test(text)),
  construct: (text: string) => text.charCodeAt(0) === 116 || text.charCodeAt(0) === 84, // t, T
});

const intType = new Type(`${CORE_TAG_PREFIX}int`, {
  kind: 'scalar',
  resolve: resolves(
    (text) =>
      NUMBER_START.test(text) && (INT_DECIMAL.test(text) || INT_OCTAL.test(text) || INT_HEX.test(text)),
  ),
  construct: (text: string) => {
    if (INT_OCTAL.test(text)) return finiteOrFlag(parseInt(text.slice(2), 8));
    if (INT_HEX.test(text)) return finiteOrFlag(parseInt(text.slice(2), 16));
    return finiteOrFlag(parseInt(text, 10));
  },
});

const floatType = new Type(`${CORE_TAG_PREFIX}float`, {
  kind: 'scalar',
  resolve: resolves(
    (text) =>
      NUMBER_START.test(text) &&
      (FLOAT_FIXED.test(text) || FLOAT_EXPONENT.test(text) || FLOAT_SPECIAL.test(text)),
  ),
  construct: (text: string) => {
    if (FLOAT_SPECIAL.test(text)) {
      nonFinite = true;
      if (text.endsWith('nan') || text.endsWith('NaN') || text.endsWith('NAN')) return Number.NaN;
      return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    return finiteOrFlag(parseFloat(text));
  },
});

/**
 * Only the implicit scalar types: plain collections and quoted or unresolved scalars need no type in
 * js-yaml, and every explicit tag is unknown here on purpose (see the file comment).
 */
export const YAML_CORE_SCHEMA = new Schema({
  implicit: [nullType, boolType, intType, floatType],
  explicit: [],
});
