/**
 * Envoy's outlier-detector configuration with every default filled in (`DetectorConfig`, envoy.md §7.1),
 * and Istio's mapping from a DestinationRule's `outlierDetection` to it (`applyOutlierDetection`,
 * istio.md §6.1).
 */
import type { OutlierDetection } from '../model/answer.js';
import {
  ENVOY_DEFAULT_BASE_EJECTION_TIME_MS,
  ENVOY_DEFAULT_CONSECUTIVE_5XX,
  ENVOY_DEFAULT_CONSECUTIVE_GATEWAY_FAILURE,
  ENVOY_DEFAULT_CONSECUTIVE_LOCAL_ORIGIN_FAILURE,
  ENVOY_DEFAULT_ENFORCING_CONSECUTIVE_5XX_PERCENT,
  ENVOY_DEFAULT_ENFORCING_CONSECUTIVE_GATEWAY_FAILURE_PERCENT,
  ENVOY_DEFAULT_ENFORCING_CONSECUTIVE_LOCAL_ORIGIN_FAILURE_PERCENT,
  ENVOY_DEFAULT_ENFORCING_FAILURE_PERCENTAGE_LOCAL_ORIGIN_PERCENT,
  ENVOY_DEFAULT_ENFORCING_FAILURE_PERCENTAGE_PERCENT,
  ENVOY_DEFAULT_ENFORCING_LOCAL_ORIGIN_SUCCESS_RATE_PERCENT,
  ENVOY_DEFAULT_ENFORCING_SUCCESS_RATE_PERCENT,
  ENVOY_DEFAULT_FAILURE_PERCENTAGE_MINIMUM_HOSTS,
  ENVOY_DEFAULT_FAILURE_PERCENTAGE_REQUEST_VOLUME,
  ENVOY_DEFAULT_FAILURE_PERCENTAGE_THRESHOLD_PERCENT,
  ENVOY_DEFAULT_MAX_EJECTION_PERCENT,
  ENVOY_DEFAULT_MAX_EJECTION_TIME_JITTER_MS,
  ENVOY_DEFAULT_MAX_EJECTION_TIME_MS,
  ENVOY_DEFAULT_OUTLIER_INTERVAL_MS,
  ENVOY_DEFAULT_SUCCESS_RATE_MINIMUM_HOSTS,
  ENVOY_DEFAULT_SUCCESS_RATE_REQUEST_VOLUME,
  ENVOY_DEFAULT_SUCCESS_RATE_STDEV_FACTOR_THOUSANDTHS,
  ISTIO_ENFORCING_SET_PERCENT,
  ISTIO_ENFORCING_UNSET_PERCENT,
} from '../envoyDefaults.js';
import { MS_PER_SECOND } from '../units.js';

/** Field names follow Envoy's `DetectorConfig` accessors; times in ms, enforcement in percent. */
export interface OutlierDetectorConfig {
  readonly intervalMs: number;
  readonly baseEjectionTimeMs: number;
  readonly maxEjectionTimeMs: number;
  readonly maxEjectionTimeJitterMs: number;
  readonly consecutive5xx: number;
  readonly consecutiveGatewayFailure: number;
  readonly consecutiveLocalOriginFailure: number;
  readonly maxEjectionPercent: number;
  readonly alwaysEjectOneHost: boolean;
  readonly enforcingConsecutive5xx: number;
  readonly enforcingConsecutiveGatewayFailure: number;
  readonly enforcingConsecutiveLocalOriginFailure: number;
  readonly enforcingSuccessRate: number;
  readonly enforcingLocalOriginSuccessRate: number;
  readonly enforcingFailurePercentage: number;
  readonly enforcingFailurePercentageLocalOrigin: number;
  readonly successRateMinimumHosts: number;
  readonly successRateRequestVolume: number;
  /** Thousandths of a standard deviation (1900 = 1.9). */
  readonly successRateStdevFactor: number;
  readonly failurePercentageThreshold: number;
  readonly failurePercentageMinimumHosts: number;
  readonly failurePercentageRequestVolume: number;
  readonly splitExternalLocalOriginErrors: boolean;
  readonly successfulActiveHealthCheckUnejectHost: boolean;
}

/** Envoy's `OutlierDetection` proto as written in YAML/JSON: snake_case, durations like "10s". */
export type EnvoyOutlierDetectionProto = Readonly<Record<string, string | number | boolean>>;

export type OutlierConfigParse =
  | { readonly ok: true; readonly config: OutlierDetectorConfig }
  | { readonly ok: false; readonly reason: string };

/** A proto duration ("0.1s", "30s") or a plain number of milliseconds. */
function durationMs(value: string | number | boolean | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match?.[1] === undefined ? undefined : Math.round(Number(match[1]) * MS_PER_SECOND);
}

function int(proto: EnvoyOutlierDetectionProto, key: string, fallback: number): number {
  const v = proto[key];
  return typeof v === 'number' ? v : fallback;
}

function bool(proto: EnvoyOutlierDetectionProto, key: string, fallback: boolean): boolean {
  const v = proto[key];
  return typeof v === 'boolean' ? v : fallback;
}

/**
 * `DetectorConfig::DetectorConfig` + `DetectorImpl::create`: unset fields take Envoy's defaults, an unset
 * `max_ejection_time` becomes max(300 s, base), and an explicit one below the base is rejected.
 *
 * @example parseEnvoyOutlierDetection({ base_ejection_time: '10s', max_ejection_time: '3s' }).ok // → false
 */
export function parseEnvoyOutlierDetection(proto: EnvoyOutlierDetectionProto): OutlierConfigParse {
  const baseEjectionTimeMs = durationMs(proto['base_ejection_time']) ?? ENVOY_DEFAULT_BASE_EJECTION_TIME_MS;
  const maxEjectionTimeMs =
    durationMs(proto['max_ejection_time']) ??
    Math.max(ENVOY_DEFAULT_MAX_EJECTION_TIME_MS, baseEjectionTimeMs);
  if (maxEjectionTimeMs < baseEjectionTimeMs) {
    return {
      ok: false,
      reason: `max_ejection_time ${maxEjectionTimeMs} ms is smaller than base_ejection_time ${baseEjectionTimeMs} ms`,
    };
  }
  return {
    ok: true,
    config: {
      intervalMs: durationMs(proto['interval']) ?? ENVOY_DEFAULT_OUTLIER_INTERVAL_MS,
      baseEjectionTimeMs,
      maxEjectionTimeMs,
      maxEjectionTimeJitterMs:
        durationMs(proto['max_ejection_time_jitter']) ?? ENVOY_DEFAULT_MAX_EJECTION_TIME_JITTER_MS,
      consecutive5xx: int(proto, 'consecutive_5xx', ENVOY_DEFAULT_CONSECUTIVE_5XX),
      consecutiveGatewayFailure: int(
        proto,
        'consecutive_gateway_failure',
        ENVOY_DEFAULT_CONSECUTIVE_GATEWAY_FAILURE,
      ),
      consecutiveLocalOriginFailure: int(
        proto,
        'consecutive_local_origin_failure',
        ENVOY_DEFAULT_CONSECUTIVE_LOCAL_ORIGIN_FAILURE,
      ),
      maxEjectionPercent: int(proto, 'max_ejection_percent', ENVOY_DEFAULT_MAX_EJECTION_PERCENT),
      alwaysEjectOneHost: bool(proto, 'always_eject_one_host', false),
      enforcingConsecutive5xx: int(
        proto,
        'enforcing_consecutive_5xx',
        ENVOY_DEFAULT_ENFORCING_CONSECUTIVE_5XX_PERCENT,
      ),
      enforcingConsecutiveGatewayFailure: int(
        proto,
        'enforcing_consecutive_gateway_failure',
        ENVOY_DEFAULT_ENFORCING_CONSECUTIVE_GATEWAY_FAILURE_PERCENT,
      ),
      enforcingConsecutiveLocalOriginFailure: int(
        proto,
        'enforcing_consecutive_local_origin_failure',
        ENVOY_DEFAULT_ENFORCING_CONSECUTIVE_LOCAL_ORIGIN_FAILURE_PERCENT,
      ),
      enforcingSuccessRate: int(
        proto,
        'enforcing_success_rate',
        ENVOY_DEFAULT_ENFORCING_SUCCESS_RATE_PERCENT,
      ),
      enforcingLocalOriginSuccessRate: int(
        proto,
        'enforcing_local_origin_success_rate',
        ENVOY_DEFAULT_ENFORCING_LOCAL_ORIGIN_SUCCESS_RATE_PERCENT,
      ),
      enforcingFailurePercentage: int(
        proto,
        'enforcing_failure_percentage',
        ENVOY_DEFAULT_ENFORCING_FAILURE_PERCENTAGE_PERCENT,
      ),
      enforcingFailurePercentageLocalOrigin: int(
        proto,
        'enforcing_failure_percentage_local_origin',
        ENVOY_DEFAULT_ENFORCING_FAILURE_PERCENTAGE_LOCAL_ORIGIN_PERCENT,
      ),
      successRateMinimumHosts: int(
        proto,
        'success_rate_minimum_hosts',
        ENVOY_DEFAULT_SUCCESS_RATE_MINIMUM_HOSTS,
      ),
      successRateRequestVolume: int(
        proto,
        'success_rate_request_volume',
        ENVOY_DEFAULT_SUCCESS_RATE_REQUEST_VOLUME,
      ),
      successRateStdevFactor: int(
        proto,
        'success_rate_stdev_factor',
        ENVOY_DEFAULT_SUCCESS_RATE_STDEV_FACTOR_THOUSANDTHS,
      ),
      failurePercentageThreshold: int(
        proto,
        'failure_percentage_threshold',
        ENVOY_DEFAULT_FAILURE_PERCENTAGE_THRESHOLD_PERCENT,
      ),
      failurePercentageMinimumHosts: int(
        proto,
        'failure_percentage_minimum_hosts',
        ENVOY_DEFAULT_FAILURE_PERCENTAGE_MINIMUM_HOSTS,
      ),
      failurePercentageRequestVolume: int(
        proto,
        'failure_percentage_request_volume',
        ENVOY_DEFAULT_FAILURE_PERCENTAGE_REQUEST_VOLUME,
      ),
      splitExternalLocalOriginErrors: bool(proto, 'split_external_local_origin_errors', false),
      successfulActiveHealthCheckUnejectHost: bool(
        proto,
        'successful_active_health_check_uneject_host',
        true,
      ),
    },
  };
}

/** The Envoy defaults alone (an empty `outlier_detection` block). */
export function defaultOutlierDetectorConfig(): OutlierDetectorConfig {
  const parsed = parseEnvoyOutlierDetection({});
  if (!parsed.ok) throw new Error(`Invariant violation: defaults must parse: ${parsed.reason}`);
  return parsed.config;
}

/**
 * What Istio writes for a DR `outlierDetection` (`applyOutlierDetection`, istio.md §6.1): success-rate
 * ejection off; consecutive 5xx / gateway detectors enforced at 100 % only when their DR field is > 0.
 *
 * @example envoyConfigFromIstio({ consecutive5xxErrors: 3, maxEjectionPercent: 50, … }).enforcingConsecutive5xx // → 100
 */
export function envoyConfigFromIstio(od: OutlierDetection): OutlierDetectorConfig {
  const base = defaultOutlierDetectorConfig();
  const gateway = od.consecutiveGatewayErrors;
  return {
    ...base,
    intervalMs: od.intervalSeconds * MS_PER_SECOND,
    baseEjectionTimeMs: od.baseEjectionTimeSeconds * MS_PER_SECOND,
    maxEjectionTimeMs: Math.max(od.maxEjectionTimeSeconds, od.baseEjectionTimeSeconds) * MS_PER_SECOND,
    consecutive5xx: od.consecutive5xxErrors,
    enforcingConsecutive5xx:
      od.consecutive5xxErrors > 0 ? ISTIO_ENFORCING_SET_PERCENT : ISTIO_ENFORCING_UNSET_PERCENT,
    ...(gateway === undefined
      ? {}
      : {
          consecutiveGatewayFailure: gateway,
          enforcingConsecutiveGatewayFailure:
            gateway > 0 ? ISTIO_ENFORCING_SET_PERCENT : ISTIO_ENFORCING_UNSET_PERCENT,
        }),
    maxEjectionPercent: od.maxEjectionPercent,
    enforcingSuccessRate: ISTIO_ENFORCING_UNSET_PERCENT,
  };
}
