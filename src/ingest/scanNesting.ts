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
 *
 * The same pass notes syntax only the exact YAML reader handles (`readYamlFast.ts`): a mapping key that is
 * explicit (`? key`) or a collection (`[a, b]: c`), tabs in indentation, a comment glued to a quoted scalar
 * or a bracket, and block scalar headers with an indentation indicator or keep chomping (`|2`, `>+`). The
 * note errs towards yes: it looks for these anywhere outside comments and one-line quoted scalars, block
 * scalars included.
 */

export interface NestingScan {
  /** 1-based line where nesting first exceeds the limit. */
  readonly tooDeepAtLine?: number;
  /**
   * Syntax the fast YAML reader leaves to the exact one may occur: an explicit (`?`) or collection key, or
   * a tab in a line's indentation (`yaml` refuses it, js-yaml reads past it). False only when none can.
   */
  readonly exactSyntax: boolean;
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
const CARRIAGE_RETURN = 13;
const PIPE = 124;
const GREATER = 62;
const PLUS = 43;
const DIGIT_ONE = 49;
const DIGIT_NINE = 57;

/**
 * Closes the levels deeper than a line at `indent` and opens one for it; true when the line dedents past a
 * level to a column no open level has.
 */
function dedentsBetweenLevels(indents: number[], indent: number): boolean {
  let closed = false;
  while ((indents[indents.length - 1] ?? -1) > indent) {
    indents.pop();
    closed = true;
  }
  const open = indents[indents.length - 1] ?? -1;
  if (open === indent) return false;
  indents.push(indent);
  return closed;
}

function isHeaderIndicator(code: number): boolean {
  return code === PLUS || (code >= DIGIT_ONE && code <= DIGIT_NINE);
}

/** After these (or at a line start) a `?` followed by a space or line end is the explicit-key indicator. */
function isSeparator(code: number): boolean {
  return (
    code === SPACE ||
    code === TAB ||
    code === NEWLINE ||
    code === CARRIAGE_RETURN ||
    code === OPEN_SQUARE ||
    code === OPEN_CURLY ||
    code === COMMA
  );
}

function endsToken(code: number): boolean {
  return Number.isNaN(code) || code === SPACE || code === TAB || code === NEWLINE || code === CARRIAGE_RETURN;
}

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

/** The last character before `position` on its line that is not a space or tab; -1 at the line start. */
function previousOnLine(text: string, position: number): number {
  let at = position - 1;
  let code = text.charCodeAt(at);
  while (code === SPACE || code === TAB) code = text.charCodeAt(--at);
  return at < 0 || code === NEWLINE ? -1 : code;
}

/** 1 for every UTF-16 code unit the scan passes over; 0 for the few it looks at (an index past the text reads undefined). */
const PLAIN = new Uint8Array(0x10000).fill(1);
for (const code of [
  NEWLINE,
  CARRIAGE_RETURN,
  HASH,
  DOUBLE_QUOTE,
  SINGLE_QUOTE,
  OPEN_SQUARE,
  CLOSE_SQUARE,
  OPEN_CURLY,
  CLOSE_CURLY,
  QUESTION,
  PIPE,
  GREATER,
])
  PLAIN[code] = 0;

/**
 * @example scanNesting('[[[]]]', 2) // → { tooDeepAtLine: 1, exactSyntax: false }
 * @example scanNesting('a: "[[["', 2) // → { exactSyntax: false }
 * @example scanNesting('[a, b]: c', 2) // → { exactSyntax: true }
 */
export function scanNesting(text: string, maxDepth: number): NestingScan {
  let exactSyntax = false;
  let flowDepth = 0;
  let line = 1;
  let atLineStart = true;
  /** Indentation of the open block levels, innermost last; -1 is the document itself. */
  const indents: number[] = [-1];
  const length = text.length;
  let position = 0;
  while (position < length) {
    let code = text.charCodeAt(position);
    if (atLineStart) {
      atLineStart = false;
      const lineStart = position;
      let indicators = 0;
      let tabbed = false;
      while (code === SPACE || code === TAB) {
        if (code === TAB) tabbed = true;
        code = text.charCodeAt(++position);
      }
      if (tabbed) exactSyntax = true;
      const isContent = !endsToken(code) && code !== HASH;
      let isMarker = false;
      if (
        (code === DASH || code === DOT) &&
        text.charCodeAt(position + 1) === code &&
        text.charCodeAt(position + 2) === code
      ) {
        if (endsToken(text.charCodeAt(position + 3))) {
          flowDepth = 0;
          isMarker = true;
          indents.length = 1;
        }
        // `----` or `...x`: a plain scalar to `yaml`, a marker and more to js-yaml.
        else exactSyntax = true;
      }
      // A line that dedents to no open level (a misaligned sequence entry, a root that starts indented):
      // the libraries attach it differently.
      if (isContent && !isMarker && !exactSyntax)
        exactSyntax = dedentsBetweenLevels(indents, position - lineStart);
      while (
        (code === DASH || code === QUESTION || code === COLON) &&
        endsToken(text.charCodeAt(position + 1))
      ) {
        indicators += 1;
        if (indicators > maxDepth) return { tooDeepAtLine: line, exactSyntax };
        // `? key`, or compact nesting such as `- - x`, where the libraries align later lines differently.
        if (code === QUESTION || indicators > 1) exactSyntax = true;
        position += 1;
        code = text.charCodeAt(position);
        while (code === SPACE || code === TAB) code = text.charCodeAt(++position);
        // The entry's content opens a level of its own (`- name: a` then `  image: b`).
        if (!endsToken(code) && code !== HASH) indents.push(position - lineStart);
      }
      // A block scalar opening its own line is a document's root; where its content may start differs.
      if (indicators === 0 && (code === PIPE || code === GREATER)) exactSyntax = true;
    }
    // Most of a text is plain: pass over it without looking twice.
    while (PLAIN[code] === 1) code = text.charCodeAt(++position);
    if (position >= length) break;
    switch (code) {
      case NEWLINE:
        line += 1;
        atLineStart = true;
        break;
      case HASH: {
        const before = text.charCodeAt(position - 1);
        if (position === 0 || before === SPACE || before === TAB || before === NEWLINE) {
          const end = text.indexOf('\n', position);
          position = end === -1 ? length : end;
          continue;
        }
        // `[#`, `,#`: a comment to js-yaml, an error to `yaml` (comments need white space before them).
        if (isSeparator(before)) exactSyntax = true;
        break;
      }
      case DOUBLE_QUOTE:
      case SINGLE_QUOTE:
        // Perhaps the end of a quoted scalar begun on an earlier line (`"x"#c`, see below).
        if (text.charCodeAt(position + 1) === HASH) exactSyntax = true;
        if (opensScalar(previousOnLine(text, position))) {
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
              else {
                // `"x"#c`: `yaml` wants white space before a comment, js-yaml does not.
                if (text.charCodeAt(position + 1) === HASH) exactSyntax = true;
                break;
              }
            }
          }
        }
        break;
      case OPEN_SQUARE:
      case OPEN_CURLY:
        flowDepth += 1;
        if (flowDepth > maxDepth) return { tooDeepAtLine: line, exactSyntax };
        break;
      case CLOSE_SQUARE:
      case CLOSE_CURLY: {
        if (flowDepth > 0) flowDepth -= 1;
        if (text.charCodeAt(position + 1) === HASH) exactSyntax = true;
        let after = position + 1;
        while (text.charCodeAt(after) === SPACE || text.charCodeAt(after) === TAB) after += 1;
        if (text.charCodeAt(after) === COLON) exactSyntax = true;
        break;
      }
      case PIPE:
      case GREATER: {
        // A block scalar header with an indentation indicator or keep chomping (`|2`, `>+`): the libraries
        // place the scalar's indentation and trailing lines differently.
        const before = text.charCodeAt(position - 1);
        if (
          (position === 0 || before === SPACE || before === TAB || before === NEWLINE) &&
          (isHeaderIndicator(text.charCodeAt(position + 1)) ||
            isHeaderIndicator(text.charCodeAt(position + 2)))
        )
          exactSyntax = true;
        break;
      }
      case CARRIAGE_RETURN:
        // A carriage return that does not start CRLF: js-yaml breaks the line there, the yaml library keeps
        // it in the scalar.
        if (text.charCodeAt(position + 1) !== NEWLINE) exactSyntax = true;
        break;
      case QUESTION:
        if (
          (position === 0 || isSeparator(text.charCodeAt(position - 1))) &&
          endsToken(text.charCodeAt(position + 1))
        )
          exactSyntax = true;
        break;
      default:
        break;
    }
    position += 1;
  }
  return { exactSyntax };
}
