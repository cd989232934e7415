/**
 * Non-fatal findings about an uploaded snapshot (ingest and normalization). A snapshot with these still
 * loads; each says what Spillway assumed instead. Codes SPW1001–SPW1099 are reserved for snapshot intake.
 *
 * Errors vs diagnostics: a missing reference is an upload *problem* (422, `src/ingest`) only when the
 * object cannot be placed at all (an EndpointSlice without, or naming an absent, Service). Everything the
 * engine can still answer about, with a stated assumption, is a diagnostic here.
 */
import { DIAGNOSTICS, INTAKE_CODE_FLOOR, type DiagnosticId } from '../diagnostics/catalogue.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../model/answer.js';
import type { ResourceRef } from '../model/meshModel.js';

type IntakeId = {
  [K in DiagnosticId]: (typeof DIAGNOSTICS)[K]['code'] extends `SPW1${string}` ? K : never;
}[DiagnosticId];

/** The intake part of the one catalogue (`src/engine/diagnostics/catalogue.ts`). */
export const SNAPSHOT_DIAGNOSTICS = Object.fromEntries(
  Object.entries(DIAGNOSTICS).filter(([, entry]) => entry.code >= INTAKE_CODE_FLOOR),
) as { readonly [K in IntakeId]: (typeof DIAGNOSTICS)[K] };

export type SnapshotDiagnosticName = IntakeId;

export function snapshotDiagnostic(
  name: SnapshotDiagnosticName,
  message: string,
  resources: readonly ResourceRef[],
): Diagnostic {
  return diagnostic(name, message, resources);
}
