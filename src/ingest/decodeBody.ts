/**
 * Text or not: a body must be UTF-8 without NUL or other control characters (YAML 1.2 §5.1 allows only
 * tab, LF and CR below U+0020; JSON allows them only escaped). Bytes are decoded strictly; a string that
 * was decoded leniently upstream shows damage as U+FFFD, which is refused the same way.
 */
import type { UploadProblem } from './types.js';
import { makeProblem } from './uploadProblem.js';

const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/u;
const BYTE_ORDER_MARK = '\uFEFF';

export type DecodedBody =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: UploadProblem };

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let position = text.indexOf('\n');
    position !== -1 && position < offset;
    position = text.indexOf('\n', position + 1)
  ) {
    line += 1;
    lineStart = position + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * @example decodeBody('a: 1') // → { ok: true, text: 'a: 1' }
 * @example decodeBody(new Uint8Array([0xff])) // → { ok: false, problem: { code: 'BINARY_INPUT', … } }
 */
export function decodeBody(body: string | Uint8Array): DecodedBody {
  let text: string;
  if (typeof body === 'string') {
    text = body.startsWith(BYTE_ORDER_MARK) ? body.slice(1) : body;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return { ok: false, problem: makeProblem('BINARY_INPUT', 'The body is not valid UTF-8 text.', '') };
    }
  }
  const bad = FORBIDDEN_CHARACTER.exec(text);
  if (bad !== null) {
    const { line, column } = lineAndColumn(text, bad.index);
    const codePoint = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    const what =
      codePoint === 'FFFD'
        ? 'invalid UTF-8 (U+FFFD replacement character)'
        : `control character U+${codePoint}`;
    return {
      ok: false,
      problem: makeProblem(
        'BINARY_INPUT',
        `The body is not text: ${what} at line ${line}, column ${column}.`,
        '',
      ),
    };
  }
  if (!/\S/u.test(text)) return { ok: false, problem: makeProblem('EMPTY_BODY', 'The body is empty.', '') };
  return { ok: true, text };
}
