/**
 * The spillover model's public surface (see README.md for the model and the rule order).
 */
export { FULL_LOAD_PERCENT, SCENARIO_FAILURE_HTTP_STATUS } from './constants.js';
export type {
  PriorityHostCounts,
  PriorityHostWeights,
  PriorityLoadOptions,
  PriorityLoadResult,
} from './types.js';
export {
  isValidLoadFactor,
  loadAdjustedScorePercent,
  NOMINAL_LOAD_FACTOR,
  overflowPercentFor,
} from './loadFactor.js';
export { computePriorityLoad } from './priorityLoad.js';
export {
  distributeByScores,
  healthScorePercent,
  normalizedTotalAvailability,
  priorityScores,
} from './priorityScores.js';
export type { DistributedLoad, PriorityScores } from './priorityScores.js';
export {
  effectivePanicThresholdPercent,
  isPriorityInPanic,
  rawAvailabilityPercent,
  totalPanicLoad,
} from './panicThreshold.js';
export { effectiveLocalityWeight, localityShares } from './localityWeights.js';
export type { LocalityAvailability } from './localityWeights.js';
export {
  defaultOutlierDetectorConfig,
  envoyConfigFromIstio,
  parseEnvoyOutlierDetection,
} from './outlierConfig.js';
export type {
  EnvoyOutlierDetectionProto,
  OutlierConfigParse,
  OutlierDetectorConfig,
} from './outlierConfig.js';
export {
  decayedEjectionMultiplier,
  DEFAULT_EJECTION_CAP_RULE,
  ejectionCapDecision,
  ejectionDurationMs,
  isHttp5xx,
  isHttpGatewayError,
  nextEjectionMultiplier,
} from './outlierEjection.js';
export type { EjectionCapDecision, EjectionCapInput, EjectionCapRule } from './outlierEjection.js';
export { isZtunnelEligible, ztunnelShare } from './ztunnelShare.js';
export type { ZtunnelShareResult } from './ztunnelShare.js';
export { computeHopPlacement } from './computeHopPlacement.js';
export { inHostSet, localityKey } from './hostHealth.js';
export type { HopEjection, HopPlacement, HopScenario, Placement } from './types.js';
