/**
 * Envoy and Istio defaults the spillover model relies on. Each value names its unit; each comment says
 * where upstream defines it (`../shared/reference/envoy.md` §2 and §7.1).
 */

/** `kDefaultOverProvisioningFactor` (upstream_impl.h); Istio never overrides it (istio.md §5.6). */
export const DEFAULT_OVERPROVISIONING_FACTOR_PERCENT = 140;

/** `CommonLbConfig.healthy_panic_threshold` default, passed by every LB as the fallback. */
export const ENVOY_DEFAULT_PANIC_THRESHOLD_PERCENT = 50;

/** Loads and health scores are integer percents that always sum to this (`distributeLoad`). */
export const FULL_LOAD_PERCENT = 100;

/** `DetectorConfig` defaults (outlier_detection_impl.h). */
export const DEFAULT_OUTLIER_INTERVAL_MS = 10_000;
export const DEFAULT_BASE_EJECTION_TIME_MS = 30_000;
/** The unset `max_ejection_time` becomes max(this, base_ejection_time). */
export const DEFAULT_MAX_EJECTION_TIME_MS = 300_000;
export const DEFAULT_MAX_EJECTION_TIME_JITTER_MS = 0;
export const DEFAULT_CONSECUTIVE_5XX = 5;
export const DEFAULT_CONSECUTIVE_GATEWAY_FAILURE = 5;
export const DEFAULT_CONSECUTIVE_LOCAL_ORIGIN_FAILURE = 5;
export const DEFAULT_MAX_EJECTION_PERCENT = 10;
export const DEFAULT_ENFORCING_CONSECUTIVE_5XX_PERCENT = 100;
/** Gateway failures are counted but not enforced unless configured (Istio sets 100 when the DR field is > 0). */
export const DEFAULT_ENFORCING_CONSECUTIVE_GATEWAY_FAILURE_PERCENT = 0;
export const DEFAULT_ENFORCING_CONSECUTIVE_LOCAL_ORIGIN_FAILURE_PERCENT = 100;
export const DEFAULT_ENFORCING_SUCCESS_RATE_PERCENT = 100;
export const DEFAULT_ENFORCING_LOCAL_ORIGIN_SUCCESS_RATE_PERCENT = 100;
export const DEFAULT_ENFORCING_FAILURE_PERCENTAGE_PERCENT = 0;
export const DEFAULT_ENFORCING_FAILURE_PERCENTAGE_LOCAL_ORIGIN_PERCENT = 0;
export const DEFAULT_SUCCESS_RATE_MINIMUM_HOSTS = 5;
export const DEFAULT_SUCCESS_RATE_REQUEST_VOLUME = 100;
/** Thousandths: 1900 means 1.9 standard deviations. */
export const DEFAULT_SUCCESS_RATE_STDEV_FACTOR_THOUSANDTHS = 1900;
export const DEFAULT_FAILURE_PERCENTAGE_THRESHOLD_PERCENT = 85;
export const DEFAULT_FAILURE_PERCENTAGE_MINIMUM_HOSTS = 5;
export const DEFAULT_FAILURE_PERCENTAGE_REQUEST_VOLUME = 50;

/** `createWithPicks` caps emulated picks at UINT32_MAX / 10 (edf_scheduler.h). */
export const EDF_MAX_EMULATED_PICKS = 429_496_729;
/** `createWithPicks` adds this to every initial weight so multiples of each other stay exact. */
export const EDF_INITIAL_WEIGHT_EPSILON = 1e-13;

/** The HTTP status a scenario's failing endpoint answers with: a connect failure maps to 503 in Envoy. */
export const SCENARIO_FAILURE_HTTP_STATUS = 503;

export const MS_PER_SECOND = 1000;
