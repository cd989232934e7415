/**
 * Mesh-wide questions: every client × backend pair of a snapshot, computed per backend × client class.
 */
export { blastRadius } from './blastRadius.js';
export { clientClasses } from './clientClasses.js';
export { diffSnapshots } from './diffSnapshots.js';
