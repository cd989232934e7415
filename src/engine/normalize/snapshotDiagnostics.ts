/**
 * Non-fatal findings about an uploaded snapshot (ingest and normalization). A snapshot with these still
 * loads; each says what Spillway assumed instead. Codes SPW1001–SPW1099 are reserved for snapshot intake;
 * each is an intake check in the one registry (`../diagnostics/checks/`).
 *
 * Errors vs diagnostics: a missing reference is an upload *problem* (422, `src/ingest`) only when the
 * object cannot be placed at all (an EndpointSlice without, or naming an absent, Service). Everything the
 * engine can still answer about, with a stated assumption, is a diagnostic here.
 */
import {
  DIAGNOSTICS,
  intakeDiagnostic,
  INTAKE_CODE_FLOOR,
  type IntakeDiagnosticId,
} from '../diagnostics/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { ResourceRef } from '../model/meshModel.js';

/** The intake part of the registry, by id. */
export const SNAPSHOT_DIAGNOSTICS = Object.fromEntries(
  Object.entries(DIAGNOSTICS).filter(([, entry]) => entry.code >= INTAKE_CODE_FLOOR),
) as { readonly [K in IntakeDiagnosticId]: (typeof DIAGNOSTICS)[K] };

export type SnapshotDiagnosticName = IntakeDiagnosticId;

/** @example snapshotDiagnostic('NODE_NOT_IN_SNAPSHOT', 'pod x names node y…', [podRef]) // → { code: 'SPW1001', … } */
export function snapshotDiagnostic(
  name: SnapshotDiagnosticName,
  message: string,
  resources: readonly ResourceRef[],
): Diagnostic {
  return intakeDiagnostic(name, message, resources);
}
