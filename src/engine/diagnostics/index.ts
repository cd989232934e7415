/**
 * Diagnostics: the registry of checks (`checks/index.ts`), the facts they read, the runner, and the
 * catalogue derived from the registry. Producers of facts live where the facts are known: the resolver
 * (hop) and the mesh analysis (`../analysis/`).
 */
export type { AnalysisCheck, CheckScope, CheckSubject } from './check.js';
export type { CatalogueEntry } from './catalogue.js';
export { CATALOGUE, DIAGNOSTICS, INTAKE_CODE_FLOOR } from './catalogue.js';
export type { DiagnosticCode, DiagnosticId, SpecifiedCheck } from './checks/index.js';
export { SPECIFIED_CHECKS } from './checks/index.js';
export { dedupeDiagnostics } from './dedupeDiagnostics.js';
export type {
  DestinationFacts,
  EjectionPoolFacts,
  FactsBySubject,
  HopFacts,
  LocalitySettingFacts,
  RuleInMeshFacts,
  RuleSummary,
  SubsetsFacts,
  TrafficDistributionFacts,
  WaypointFacts,
  WaypointUseFacts,
} from './facts.js';
export type { IntakeDiagnosticId } from './intakeDiagnostic.js';
export { intakeDiagnostic } from './intakeDiagnostic.js';
export { policySites } from './policySites.js';
export { describeRef, ruleRef } from './ruleRef.js';
export { runChecks } from './runChecks.js';
