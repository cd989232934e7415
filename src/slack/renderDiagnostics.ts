/** How many findings an answer carries, by severity: the portal lists them. */
import type { Diagnostic } from '../engine/index.js';

export function diagnosticsSummary(diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Diagnostic['severity']): number =>
    diagnostics.filter((d) => d.severity === severity).length;
  return `${count('ERROR')} errors, ${count('WARNING')} warnings, ${count('INFO')} notes`;
}
