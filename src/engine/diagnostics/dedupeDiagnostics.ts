/**
 * One finding once: several hops (or several objects) can raise the same diagnostic.
 */
import type { Diagnostic } from '../model/answer.js';

/** Drop repeats (same code, message and resources), keeping first-seen order. */
export function dedupeDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of list) {
    const key = `${d.code}|${d.message}|${JSON.stringify(d.resources)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
