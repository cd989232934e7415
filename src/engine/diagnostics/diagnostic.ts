/**
 * Build a `Diagnostic` from a catalogue id, so severity and equivalent code never drift from the catalogue.
 */
import type { Diagnostic } from '../model/answer.js';
import type { ResourceRef } from '../model/meshModel.js';
import { DIAGNOSTICS, type CatalogueEntry, type DiagnosticId } from './catalogue.js';

/**
 * @example diagnostic('WAYPOINT_MISSING', 'httpbin-waypoint not found', [svcRef]) // → { code: 'SPW0015', severity: 'ERROR', … }
 */
export function diagnostic(id: DiagnosticId, message: string, resources: readonly ResourceRef[]): Diagnostic {
  const entry: CatalogueEntry = DIAGNOSTICS[id];
  return {
    code: entry.code,
    severity: entry.severity,
    message,
    resources,
    ...(entry.equivalent !== undefined ? { equivalent: entry.equivalent } : {}),
  };
}

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
