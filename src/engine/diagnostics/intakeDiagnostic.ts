/**
 * The diagnostic of an intake check, for the findings snapshot intake reports (`normalize/`,
 * `src/ingest`). Hop and mesh checks report through `runChecks` only.
 */
import type { Diagnostic } from '../model/answer.js';
import type { ResourceRef } from '../model/meshModel.js';
import { DIAGNOSTICS } from './catalogue.js';
import type { SpecifiedCheck } from './checks/index.js';
import { toDiagnostic } from './runChecks.js';

/** Ids of the checks snapshot intake reports (scope `intake`). */
export type IntakeDiagnosticId = Extract<SpecifiedCheck, { readonly scopes: readonly ['intake'] }>['id'];

/**
 * @example intakeDiagnostic('NODE_NOT_IN_SNAPSHOT', 'pod x names node y…', [podRef]) // → { code: 'SPW1001', severity: 'WARNING', … }
 */
export function intakeDiagnostic(
  id: IntakeDiagnosticId,
  message: string,
  resources: readonly ResourceRef[],
): Diagnostic {
  return toDiagnostic(DIAGNOSTICS[id], { message, resources });
}
