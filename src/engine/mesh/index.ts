/**
 * Mesh-wide questions: every client × backend pair of a snapshot, computed per backend × client class.
 * Each also comes as steps (`steps.ts`) that a server runs a slice at a time.
 */
export { blastRadius, blastRadiusSteps } from './blastRadius.js';
export { clientClasses } from './clientClasses.js';
export { diffSnapshots, diffSnapshotsSteps } from './diffSnapshots.js';
export type { Steps } from './steps.js';
