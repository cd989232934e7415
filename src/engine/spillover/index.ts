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
export {
  choosePriority,
  computePriorityLoad,
  distributeByScores,
  normalizedTotalAvailability,
  priorityScores,
} from './priorityLoad.js';
export type { DistributedLoad, PriorityChoice, PriorityScores } from './priorityLoad.js';
export {
  effectivePanicThresholdPercent,
  isPriorityInPanic,
  rawAvailabilityPercent,
  totalPanicLoad,
} from './panicThreshold.js';
export { EdfScheduler } from './edfScheduler.js';
export { effectiveLocalityWeight, localityPickSequence, localityShares } from './localityWeights.js';
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
  nextEjectionMultiplier,
} from './outlierEjection.js';
export type { EjectionCapDecision, EjectionCapInput, EjectionCapRule } from './outlierEjection.js';
export {
  isHttp5xx,
  isHttpGatewayError,
  OutlierDetectorSimulation,
  resultToHttpCode,
} from './outlierDetector.js';
export type {
  OutlierDetectorOptions,
  OutlierEjectionType,
  OutlierLogEntry,
  OutlierResult,
} from './outlierDetector.js';
export { successRateEjectionThreshold } from './successRate.js';
export type { SuccessRateThreshold } from './successRate.js';
export { isZtunnelEligible, ztunnelShare } from './ztunnelShare.js';
export type { ZtunnelShareResult } from './ztunnelShare.js';
export {
  computeHopPlacement,
  computeHopTraffic,
  endpointShare,
  hopTrafficOf,
  localityKey,
} from './computeHopTraffic.js';
export type { HopEjection, HopPlacement, HopScenario, HopTraffic } from './computeHopTraffic.js';
