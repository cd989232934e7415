/**
 * JSON as the rest of Spillway reads YAML: nesting bounded before any parser builds the tree, and a key
 * repeated in one object refused rather than silently won by its last value (`JSON.parse` keeps the last;
 * YAML 1.2 §3.2.1.1 and the `yaml` reader refuse). One linear pass over the text bounds the depth and
 * counts object members (the `:` outside strings); `JSON.parse` builds the tree; a walk counts the keys it
 * holds. Fewer keys than members means a duplicate, and only then does a slow tokenizer find the first one
 * for the message. The walk also finds numbers `JSON.parse` turned into Infinity (`1e999`).
 *
 * @example parseStrictJson('{"a":1,"a":2}', 64) // → { ok: false, reason: 'DUPLICATE_KEY', message: 'Duplicate key "a" (line 1, column 8); …', path: [] }
 */
export type StrictJsonFailure = 'SYNTAX' | 'TOO_DEEP' | 'DUPLICATE_KEY';

export type StrictJsonResult =
  | { readonly ok: true; readonly value: unknown; readonly hasNonFinite: boolean }
  | {
      readonly ok: false;
      readonly reason: StrictJsonFailure;
      readonly message: string;
      /** For DUPLICATE_KEY: the keys and indexes leading to the object that holds the key twice. */
      readonly path?: readonly string[];
    };

const DOUBLE_QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;

/** Index of the quote closing the string whose opening quote is at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  while (close !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
  return -1;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

function lineAndColumn(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return `line ${lineOf(text, offset)}, column ${offset - lineStart + 1}`;
}

interface JsonScan {
  /** Offset of the bracket that first nests past the limit. */
  readonly tooDeepAt?: number;
  /** Object members written in the text: every `:` outside strings, in valid JSON. */
  readonly members: number;
}

function scanJson(text: string, maxDepth: number): JsonScan {
  let depth = 0;
  let members = 0;
  const length = text.length;
  for (let position = 0; position < length; position += 1) {
    const code = text.charCodeAt(position);
    if (code === DOUBLE_QUOTE) {
      const end = stringEnd(text, position);
      if (end === -1) break; // unterminated: JSON.parse reports it
      position = end;
    } else if (code === COLON) members += 1;
    else if (code === OPEN_CURLY || code === OPEN_SQUARE) {
      depth += 1;
      if (depth > maxDepth) return { tooDeepAt: position, members };
    } else if ((code === CLOSE_CURLY || code === CLOSE_SQUARE) && depth > 0) depth -= 1;
  }
  return { members };
}

/** Keys held by the parsed tree, and whether any number in it is not finite. */
function countKeys(root: unknown): { keys: number; nonFinite: boolean } {
  let keys = 0;
  let nonFinite = typeof root === 'number' && !Number.isFinite(root);
  const pending: object[] = typeof root === 'object' && root !== null ? [root] : [];
  // One loop per container kind, the item test written out in each: this walk runs on every JSON upload.
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (Array.isArray(value)) {
      for (const item of value as readonly unknown[]) {
        if (typeof item === 'object') {
          if (item !== null) pending.push(item);
        } else if (typeof item === 'number' && !Number.isFinite(item)) nonFinite = true;
      }
    } else {
      const record = value as Readonly<Record<string, unknown>>;
      // for…in, not Object.keys: no array per object, half the walk's time. JSON.parse builds plain objects
      // with only own properties (a "__proto__" key included), so nothing inherited is counted.
      for (const key in record) {
        keys += 1;
        const item = record[key];
        if (typeof item === 'object') {
          if (item !== null) pending.push(item);
        } else if (typeof item === 'number' && !Number.isFinite(item)) nonFinite = true;
      }
    }
  }
  return { keys, nonFinite };
}

interface OpenContainer {
  readonly keys: Set<string> | undefined;
  readonly path: readonly string[];
  /** The key or index the next value will sit under. */
  token: string;
  index: number;
}

/** The first repeated key of valid JSON text: its name, offset and the pointer of its object. */
function findDuplicate(text: string): { key: string; offset: number; path: readonly string[] } | undefined {
  const stack: OpenContainer[] = [];
  let expectKey = false;
  for (let position = 0; position < text.length; position += 1) {
    const code = text.charCodeAt(position);
    const top = stack[stack.length - 1];
    if (code === DOUBLE_QUOTE) {
      const end = stringEnd(text, position);
      if (end === -1) return undefined;
      if (expectKey && top?.keys !== undefined) {
        const raw = text.slice(position + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key)) return { key, offset: position, path: top.path };
        top.keys.add(key);
        top.token = key;
        expectKey = false;
      }
      position = end;
    } else if (code === OPEN_CURLY || code === OPEN_SQUARE) {
      stack.push({
        keys: code === OPEN_CURLY ? new Set() : undefined,
        path: top === undefined ? [] : [...top.path, top.token],
        token: '0',
        index: 0,
      });
      expectKey = code === OPEN_CURLY;
    } else if (code === CLOSE_CURLY || code === CLOSE_SQUARE) {
      stack.pop();
    } else if (code === COMMA && top !== undefined) {
      if (top.keys === undefined) {
        top.index += 1;
        top.token = String(top.index);
      } else expectKey = true;
    }
  }
  return undefined;
}

/** Parses JSON text, refusing nesting past `maxDepth` containers and repeated keys. */
export function parseStrictJson(text: string, maxDepth: number): StrictJsonResult {
  const scan = scanJson(text, maxDepth);
  if (scan.tooDeepAt !== undefined) {
    return {
      ok: false,
      reason: 'TOO_DEEP',
      message: `Nesting goes deeper than ${maxDepth} levels, the configured limit (line ${lineOf(text, scan.tooDeepAt)}).`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'SYNTAX', message: error instanceof Error ? error.message : 'Invalid JSON.' };
  }
  const counted = countKeys(value);
  if (counted.keys < scan.members) {
    const duplicate = findDuplicate(text);
    if (duplicate !== undefined) {
      return {
        ok: false,
        reason: 'DUPLICATE_KEY',
        message: `Duplicate key "${duplicate.key}" (${lineAndColumn(text, duplicate.offset)}); each key may appear once in an object.`,
        path: duplicate.path,
      };
    }
  }
  return { ok: true, value, hasNonFinite: counted.nonFinite };
}
