/**
 * The snapshot-wide analysis: facts of every object of a compiled mesh, through the registry's mesh checks.
 */
export { analyzeMesh } from './analyzeMesh.js';
