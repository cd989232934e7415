/**
 * The spillover model's public surface (see README.md for the model and the rule order).
 */
export { FULL_LOAD_PERCENT, SCENARIO_FAILURE_HTTP_STATUS } from './constants.js';
export type { PriorityHostCounts } from './types.js';
export { computePriorityLoad } from './priorityLoad.js';
export { rawAvailabilityPercent } from './panicThreshold.js';
export { effectiveLocalityWeight, localityShares } from './localityWeights.js';
export type { LocalityAvailability } from './localityWeights.js';
export { parseEnvoyOutlierDetection } from './outlierConfig.js';
export type { EnvoyOutlierDetectionProto, OutlierDetectorConfig } from './outlierConfig.js';
export {
  decayedEjectionMultiplier,
  DEFAULT_EJECTION_CAP_RULE,
  ejectionCapDecision,
  ejectionDurationMs,
  isHttp5xx,
  isHttpGatewayError,
  nextEjectionMultiplier,
} from './outlierEjection.js';
export type { EjectionCapRule } from './outlierEjection.js';
export { computeHopPlacement } from './computeHopPlacement.js';
export { gatewayFailures } from './gatewayFailures.js';
export { meanRequestsToStreak } from './meanRequestsToStreak.js';
export { localityKey } from './hostHealth.js';
export type { HopPlacement, HopScenario, RetryPolicyInForce } from './types.js';
export { retryAttempts } from './retryAttempts.js';
export type { RetryModel, RetryOutcome } from './retryAttempts.js';
