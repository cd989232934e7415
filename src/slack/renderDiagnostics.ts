/** The most severe diagnostics of an answer, so the chat shows what matters and says how many it left out. */
import type { Diagnostic } from '../engine/model/answer.js';
import { SEVERITY_ICON, SEVERITY_RANK, code, escapeMrkdwn, formatRef, shorten } from './textFormat.js';

export const MAX_DIAGNOSTICS_SHOWN = 5;
export const MAX_DIAGNOSTIC_MESSAGE_CHARS = 400;

export function topDiagnostics(
  diagnostics: readonly Diagnostic[],
  limit = MAX_DIAGNOSTICS_SHOWN,
): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITY_RANK[a.d.severity] - SEVERITY_RANK[b.d.severity] || a.i - b.i)
    .slice(0, limit)
    .map(({ d }) => d);
}

export function diagnosticsText(diagnostics: readonly Diagnostic[]): string | undefined {
  if (diagnostics.length === 0) return undefined;
  const shown = topDiagnostics(diagnostics);
  const lines = shown.map((d) => {
    const on = d.resources[0] === undefined ? '' : ` _(${escapeMrkdwn(formatRef(d.resources[0]))})_`;
    return `${SEVERITY_ICON[d.severity]} ${code(d.code)} ${escapeMrkdwn(shorten(d.message, MAX_DIAGNOSTIC_MESSAGE_CHARS))}${on}`;
  });
  const more = diagnostics.length - shown.length;
  if (more > 0) lines.push(`_…and ${more} more._`);
  return `*Diagnostics*\n${lines.join('\n')}`;
}

export function diagnosticsSummary(diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Diagnostic['severity']): number =>
    diagnostics.filter((d) => d.severity === severity).length;
  return `${count('ERROR')} errors, ${count('WARNING')} warnings, ${count('INFO')} notes`;
}
