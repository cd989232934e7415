/**
 * The resolver's public surface: compile a mesh once, then resolve client → backend paths against it.
 */
export type { CompiledMesh } from './compiledMesh.js';
export { compileMesh, EAST_WEST_GATEWAY_CLASS } from './compileMesh.js';
export type { PathQuery } from './resolvePath.js';
export { resolvePath } from './resolvePath.js';
export type { ClientKind, ResolvedClient } from './resolveClient.js';
export { resolveClient } from './resolveClient.js';
export type { BackendKind, ResolvedBackend } from './resolveBackend.js';
export { resolveBackend } from './resolveBackend.js';
export type { WaypointDecision } from './selectWaypoint.js';
export { selectWaypoint, waypointDiagnostics } from './selectWaypoint.js';
export { collectEndpoints } from './collectEndpoints.js';
export { candidateTopology } from './candidateTopology.js';
