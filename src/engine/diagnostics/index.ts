/**
 * Diagnostics: the `SPW####` catalogue, the builder, per-rule checks and the snapshot-wide analysis.
 */
export type { CatalogueEntry, DiagnosticId } from './catalogue.js';
export { CATALOGUE, DIAGNOSTICS } from './catalogue.js';
export { dedupeDiagnostics, diagnostic } from './diagnostic.js';
export { ruleDiagnostics } from './ruleDiagnostics.js';
export { analyzeMesh } from './analyzeMesh.js';
