/**
 * Non-fatal findings about an uploaded snapshot (ingest and normalization). A snapshot with these still
 * loads; each says what Spillway assumed instead. Codes SPW1001–SPW1099 are reserved for snapshot intake.
 *
 * Errors vs diagnostics: a missing reference is an upload *problem* (422, `src/ingest`) only when the
 * object cannot be placed at all (an EndpointSlice without, or naming an absent, Service). Everything the
 * engine can still answer about, with a stated assumption, is a diagnostic here.
 */
import type { Diagnostic, Severity } from '../model/answer.js';
import type { ResourceRef } from '../model/meshModel.js';

export const SNAPSHOT_DIAGNOSTICS = {
  NODE_NOT_IN_SNAPSHOT: { code: 'SPW1001', severity: 'WARNING' },
  NAMESPACE_NOT_IN_SNAPSHOT: { code: 'SPW1002', severity: 'WARNING' },
  ENDPOINT_TARGET_NOT_IN_SNAPSHOT: { code: 'SPW1003', severity: 'INFO' },
  WAYPOINT_NOT_IN_SNAPSHOT: { code: 'SPW1004', severity: 'WARNING' },
  WAYPOINT_WITHOUT_PODS: { code: 'SPW1005', severity: 'WARNING' },
  SIDECAR_INJECTION_NOT_APPLIED: { code: 'SPW1006', severity: 'INFO' },
  UNKNOWN_WAYPOINT_FOR: { code: 'SPW1007', severity: 'WARNING' },
  UNKNOWN_SERVICE_SCOPE: { code: 'SPW1008', severity: 'WARNING' },
  SELECTOR_MATCHES_NOTHING: { code: 'SPW1009', severity: 'INFO' },
  MESH_CONFIG_DIFFERS: { code: 'SPW1010', severity: 'WARNING' },
  IGNORED_API_VERSION: { code: 'SPW1011', severity: 'INFO' },
  SERVICE_SCOPE_ANNOTATION: { code: 'SPW1012', severity: 'WARNING' },
} as const satisfies Record<string, { code: string; severity: Severity }>;

export type SnapshotDiagnosticName = keyof typeof SNAPSHOT_DIAGNOSTICS;

export function snapshotDiagnostic(
  name: SnapshotDiagnosticName,
  message: string,
  resources: readonly ResourceRef[],
): Diagnostic {
  const { code, severity } = SNAPSHOT_DIAGNOSTICS[name];
  return { code, severity, message, resources };
}
