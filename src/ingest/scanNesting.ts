/**
 * A linear pre-scan of the raw text that refuses nesting no parser should be asked to build. `yaml`
 * builds its token stack before any depth check can run: a body of a million `[` exhausts the heap
 * inside the library (measured: 200k levels take 4 s, 1M abort the process). Two shapes are bounded:
 *  - flow collections (`[`/`{`, in YAML and JSON), counted outside quoted scalars and comments;
 *  - compact block nesting on one line (`- - - - x`, `? ? x`), which nests a level per two characters.
 * Indentation-based nesting needs quadratic text (n levels take n²/2 bytes), so the body limit bounds it
 * and the parser's own stack guard catches it. The count is an upper bound of real nesting except for
 * brackets inside plain scalars or continued quoted scalars, which are rare in Kubernetes objects; it
 * resets at document markers.
 */

export interface NestingScan {
  /** 1-based line where nesting first exceeds the limit. */
  readonly tooDeepAtLine?: number;
}

const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;
const DASH = 45;
const QUESTION = 63;
const COLON = 58;
const COMMA = 44;
const DOT = 46;

/** Characters after which a quote opens a quoted scalar (otherwise it is part of a plain scalar). */
function opensScalar(previous: number): boolean {
  return (
    previous === -1 ||
    previous === COLON ||
    previous === DASH ||
    previous === OPEN_SQUARE ||
    previous === OPEN_CURLY ||
    previous === COMMA ||
    previous === QUESTION
  );
}

/**
 * @example scanNesting('[[[]]]', 2) // → { tooDeepAtLine: 1 }
 * @example scanNesting('a: "[[["', 2) // → {}
 */
export function scanNesting(text: string, maxDepth: number): NestingScan {
  let flowDepth = 0;
  let line = 1;
  let atLineStart = true;
  let previous = -1; // last significant character on the line, -1 at line start
  const length = text.length;
  for (let position = 0; position < length; position += 1) {
    let code = text.charCodeAt(position);
    if (atLineStart) {
      atLineStart = false;
      let indicators = 0;
      while (code === SPACE || code === TAB) code = text.charCodeAt(++position);
      if (
        (code === DASH || code === DOT) &&
        text.charCodeAt(position + 1) === code &&
        text.charCodeAt(position + 2) === code
      ) {
        const after = text.charCodeAt(position + 3);
        if (Number.isNaN(after) || after === NEWLINE || after === SPACE || after === TAB || after === 13)
          flowDepth = 0;
      }
      while (
        (code === DASH || code === QUESTION || code === COLON) &&
        (text.charCodeAt(position + 1) === SPACE || text.charCodeAt(position + 1) === TAB)
      ) {
        indicators += 1;
        if (indicators > maxDepth) return { tooDeepAtLine: line };
        position += 2;
        code = text.charCodeAt(position);
        while (code === SPACE || code === TAB) code = text.charCodeAt(++position);
      }
      if (position >= length) break;
    }
    switch (code) {
      case NEWLINE:
        line += 1;
        atLineStart = true;
        previous = -1;
        continue;
      case HASH:
        if (
          previous === -1 ||
          text.charCodeAt(position - 1) === SPACE ||
          text.charCodeAt(position - 1) === TAB
        ) {
          while (position + 1 < length && text.charCodeAt(position + 1) !== NEWLINE) position += 1;
          continue;
        }
        break;
      case DOUBLE_QUOTE:
      case SINGLE_QUOTE:
        if (opensScalar(previous)) {
          const quote = code;
          for (position += 1; position < length; position += 1) {
            const inner = text.charCodeAt(position);
            // Quote state never outlives its line: a quote misread in a block scalar or a plain scalar
            // must not hide the brackets of following lines. Multi-line quoted scalars only over-count.
            if (inner === NEWLINE) {
              position -= 1;
              break;
            }
            if (quote === DOUBLE_QUOTE && inner === BACKSLASH) position += 1;
            else if (inner === quote) {
              if (quote === SINGLE_QUOTE && text.charCodeAt(position + 1) === SINGLE_QUOTE) position += 1;
              else break;
            }
          }
        }
        break;
      case OPEN_SQUARE:
      case OPEN_CURLY:
        flowDepth += 1;
        if (flowDepth > maxDepth) return { tooDeepAtLine: line };
        break;
      case CLOSE_SQUARE:
      case CLOSE_CURLY:
        if (flowDepth > 0) flowDepth -= 1;
        break;
      default:
        break;
    }
    if (code !== SPACE && code !== TAB) previous = code;
  }
  return {};
}
