export { CAPTURE_COMMAND, normalizeSnapshot } from './normalizeSnapshot.js';
export type { ClusterObjects, NormalizeInput, NormalizeResult } from './normalizeSnapshot.js';
export { DEFAULT_MESH_CONFIG, normalizeMeshConfig } from './normalizeMeshConfig.js';
export { parseDurationMs } from './parseDuration.js';
export { SNAPSHOT_DIAGNOSTICS, snapshotDiagnostic } from './snapshotDiagnostics.js';
export type { SnapshotDiagnosticName } from './snapshotDiagnostics.js';
export type { KubeObject } from './kubeObjects.js';
