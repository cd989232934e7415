/**
 * V8 keeps the subject of the last successful regular-expression match reachable from the legacy RegExp
 * statics (`RegExp.input`, `RegExp.lastMatch`; ECMAScript Annex B): after the readers have scanned a body,
 * that reference alone keeps its whole text alive — 137 MiB at 100k endpoints — until some other match
 * happens to replace it. A match on the empty string replaces it now.
 */
const EMPTY = /(?:)/u;

export function forgetLastMatch(): void {
  EMPTY.exec('');
}
