/**
 * The engine's public surface, named explicitly. Adapters (services, HTTP, GraphQL, Slack) import from
 * here only; everything else in `src/engine` is internal. See README.md for the model and the rules.
 */

// The normalized mesh (input), the answers (output) and the resolver → spillover boundary.
export type {
  ClusterModel,
  DataplaneMode,
  DestinationRuleModel,
  EndpointModel,
  EndpointSource,
  GatewayClass,
  GatewayModel,
  LabelSelector,
  Labels,
  LoadBalancerSettings,
  Locality,
  LocalityLbSetting,
  MeshConfig,
  MeshModel,
  NamespaceModel,
  NodeModel,
  OutlierDetectionSpec,
  PortTrafficPolicy,
  Profile,
  ResourceRef,
  ServiceEntryModel,
  ServiceModel,
  ServicePort,
  ServiceScopeConfig,
  ServiceScopeSource,
  StatusCondition,
  Subset,
  TrafficPolicy,
  WaypointUse,
  WorkloadModel,
  ZoneAwareLbSetting,
} from './model/meshModel.js';
export { DEFAULT_PROFILE, isProfile, PROFILES } from './model/meshModel.js';
export type {
  Diagnostic,
  EffectivePolicy,
  ReplicaHop,
  Ejection,
  EjectionOutcome,
  EndpointShare,
  FailureKind,
  Hop,
  HopRetries,
  Layer,
  LocalityLb,
  LocalityLbMode,
  OutlierDetection,
  PriorityLevel,
  Proxy,
  ProxyKind,
  CircuitBreakerLimits,
  AutoscalerOutlook,
  CascadeOutcome,
  CascadeStep,
  OverloadCascade,
  OverloadFailure,
  OverloadInput,
  Scenario,
  Severity,
  SweepPoint,
  TrafficDistribution,
  TrafficDistributionSource,
  WhatIf,
} from './model/answer.js';
export type {
  Balancer,
  EndpointHealth,
  ResolvedEndpoint,
  ResolvedHop,
  ResolvedPath,
} from './model/resolved.js';

// Errors.
export type { EngineErrorCode } from './errors.js';
export { EngineError } from './errors.js';

// Normalization: Kubernetes/Istio objects → MeshModel.
export type {
  ClusterObjects,
  KubeObject,
  NormalizeInput,
  NormalizeResult,
  SnapshotDiagnosticName,
} from './normalize/index.js';
export {
  CAPTURE_COMMAND,
  DEFAULT_MESH_CONFIG,
  normalizeMeshConfig,
  normalizeSnapshot,
  parseDurationMs,
  SNAPSHOT_DIAGNOSTICS,
  snapshotDiagnostic,
} from './normalize/index.js';

// Resolver: MeshModel → request path with the policy of every hop.
export type {
  BackendKind,
  ClientKind,
  CompiledMesh,
  PathQuery,
  ResolvedBackend,
  ResolvedClient,
  WaypointDecision,
} from './resolver/index.js';
export { compileMesh, resolveBackend, resolveClient, resolvePath, selectWaypoint } from './resolver/index.js';

// Diagnostics: the registry of checks and the snapshot-wide analysis.
export type {
  CatalogueEntry,
  CheckScope,
  DiagnosticCode,
  DiagnosticId,
  SpecifiedCheck,
} from './diagnostics/index.js';
export { CATALOGUE, DIAGNOSTICS, SPECIFIED_CHECKS } from './diagnostics/index.js';
export { analyzeMesh } from './analysis/index.js';

// Spillover and evaluation: resolved path (+ scenario) → shares, what-if, sweep.
export type { HopScenario } from './spillover/index.js';
export { ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT } from './envoyDefaults.js';
export type { EvaluateOptions, HopTraffic, ValidScenario } from './evaluate/index.js';
export {
  computeHopTraffic,
  evaluateEffectivePolicy,
  evaluateSweep,
  evaluateWhatIf,
  MAX_SWEEP_POINTS,
  sweepLoadFactors,
  sweepPointCount,
  validateScenario,
  validateSweepLoadFactors,
} from './evaluate/index.js';

// Mesh-wide questions: blast radius of a scenario and behaviour diff of two snapshots, per client class.
export type {
  BehaviourChange,
  BlastRadius,
  ChangeAspect,
  ChangeDetail,
  ClassImpact,
  ClientClass,
  Impact,
  MeshClientKind,
  SnapshotDiff,
} from './model/meshWide.js';
export {
  blastRadius,
  blastRadiusSteps,
  clientClasses,
  diffSnapshots,
  diffSnapshotsSteps,
  type Steps,
} from './mesh/index.js';
