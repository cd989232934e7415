/**
 * DR outlierDetection → Envoy cluster `outlier_detection`: `cluster_traffic_policy.go`
 * `applyOutlierDetection` (istio.md §6.1), with Envoy's defaults for every field Istio leaves unset.
 */
import {
  ENVOY_DEFAULT_BASE_EJECTION_TIME_MS,
  ENVOY_DEFAULT_CONSECUTIVE_5XX,
  ENVOY_DEFAULT_MAX_EJECTION_PERCENT,
  ENVOY_DEFAULT_MAX_EJECTION_TIME_MS,
  ENVOY_DEFAULT_OUTLIER_INTERVAL_MS,
  ISTIO_DEFAULT_MIN_HEALTH_PERCENT,
  ISTIO_ENFORCING_SET_PERCENT,
  ISTIO_ENFORCING_UNSET_PERCENT,
} from '../envoyDefaults.js';
import type { OutlierDetection } from '../model/answer.js';
import type { OutlierDetectionSpec, ResourceRef } from '../model/meshModel.js';
import { MS_PER_SECOND } from '../units.js';

/** The Envoy fields Istio sets, named as in the Envoy API; unset fields are absent. */
export interface EnvoyOutlierDetection {
  readonly consecutive_5xx?: number;
  readonly enforcing_consecutive_5xx?: number;
  readonly consecutive_gateway_failure?: number;
  readonly enforcing_consecutive_gateway_failure?: number;
  readonly interval_ms?: number;
  readonly base_ejection_time_ms?: number;
  readonly max_ejection_percent?: number;
  readonly enforcing_success_rate: number;
  readonly split_external_local_origin_errors?: boolean;
  readonly enforcing_local_origin_success_rate?: number;
  readonly consecutive_local_origin_failure?: number;
  readonly enforcing_consecutive_local_origin_failure?: number;
}

/**
 * The Envoy fields Istio writes: success-rate ejection always off; counters copied only when set, each
 * enforced 100 % when > 0 and 0 % otherwise; `maxEjectionPercent` only when > 0; local-origin failures
 * only with `splitExternalLocalOriginErrors`. `consecutiveErrors` (deprecated) is ignored.
 *
 * @example toEnvoyOutlierDetection({ consecutive5xxErrors: 3 }) // → { consecutive_5xx: 3, enforcing_consecutive_5xx: 100, enforcing_success_rate: 0 }
 */
export function toEnvoyOutlierDetection(spec: OutlierDetectionSpec): EnvoyOutlierDetection {
  const enforce = (n: number): number =>
    n > 0 ? ISTIO_ENFORCING_SET_PERCENT : ISTIO_ENFORCING_UNSET_PERCENT;
  const split = spec.splitExternalLocalOriginErrors === true;
  const local = spec.consecutiveLocalOriginFailures;
  return {
    enforcing_success_rate: ISTIO_ENFORCING_UNSET_PERCENT,
    ...(spec.consecutive5xxErrors === undefined
      ? {}
      : {
          consecutive_5xx: spec.consecutive5xxErrors,
          enforcing_consecutive_5xx: enforce(spec.consecutive5xxErrors),
        }),
    ...(spec.consecutiveGatewayErrors === undefined
      ? {}
      : {
          consecutive_gateway_failure: spec.consecutiveGatewayErrors,
          enforcing_consecutive_gateway_failure: enforce(spec.consecutiveGatewayErrors),
        }),
    ...(spec.intervalMs === undefined ? {} : { interval_ms: spec.intervalMs }),
    ...(spec.baseEjectionTimeMs === undefined ? {} : { base_ejection_time_ms: spec.baseEjectionTimeMs }),
    ...(spec.maxEjectionPercent !== undefined && spec.maxEjectionPercent > 0
      ? { max_ejection_percent: spec.maxEjectionPercent }
      : {}),
    ...(split
      ? {
          split_external_local_origin_errors: true,
          enforcing_local_origin_success_rate: ISTIO_ENFORCING_UNSET_PERCENT,
        }
      : {}),
    ...(split && local !== undefined && local > 0
      ? {
          consecutive_local_origin_failure: local,
          enforcing_consecutive_local_origin_failure: ISTIO_ENFORCING_SET_PERCENT,
        }
      : {}),
  };
}

const SPEC_FIELDS: readonly (keyof OutlierDetectionSpec)[] = [
  'consecutive5xxErrors',
  'consecutiveGatewayErrors',
  'consecutiveErrors',
  'consecutiveLocalOriginFailures',
  'splitExternalLocalOriginErrors',
  'intervalMs',
  'baseEjectionTimeMs',
  'maxEjectionPercent',
  'minHealthPercent',
];

/** The API field name a user wrote (durations without the `Ms` suffix of the normalized model). */
function apiName(field: keyof OutlierDetectionSpec): string {
  if (field === 'intervalMs') return 'interval';
  if (field === 'baseEjectionTimeMs') return 'baseEjectionTime';
  return field;
}

/**
 * Outlier detection as Envoy will run it, every default filled in (answer shape). A 5xx threshold of
 * 0 disables that check (enforcing 0 %); an unset or 0 `maxEjectionPercent` leaves Envoy's 10 %.
 *
 * @example fillOutlierDetection({ consecutive5xxErrors: 3, intervalMs: 10000, baseEjectionTimeMs: 30000, maxEjectionPercent: 50 })
 *   // → { consecutive5xxErrors: 3, intervalSeconds: 10, baseEjectionTimeSeconds: 30, maxEjectionTimeSeconds: 300, maxEjectionPercent: 50, minHealthPercent: 0, … }
 */
export function fillOutlierDetection(spec: OutlierDetectionSpec, resource?: ResourceRef): OutlierDetection {
  const envoy = toEnvoyOutlierDetection(spec);
  const baseMs = envoy.base_ejection_time_ms ?? ENVOY_DEFAULT_BASE_EJECTION_TIME_MS;
  const gateway = envoy.consecutive_gateway_failure;
  return {
    consecutive5xxErrors: envoy.consecutive_5xx ?? ENVOY_DEFAULT_CONSECUTIVE_5XX,
    ...(gateway !== undefined && gateway > 0 ? { consecutiveGatewayErrors: gateway } : {}),
    intervalSeconds: (envoy.interval_ms ?? ENVOY_DEFAULT_OUTLIER_INTERVAL_MS) / MS_PER_SECOND,
    baseEjectionTimeSeconds: baseMs / MS_PER_SECOND,
    maxEjectionTimeSeconds: Math.max(ENVOY_DEFAULT_MAX_EJECTION_TIME_MS, baseMs) / MS_PER_SECOND,
    maxEjectionPercent: envoy.max_ejection_percent ?? ENVOY_DEFAULT_MAX_EJECTION_PERCENT,
    minHealthPercent: spec.minHealthPercent ?? ISTIO_DEFAULT_MIN_HEALTH_PERCENT,
    explicitFields: SPEC_FIELDS.filter((f) => spec[f] !== undefined).map(apiName),
    ...(resource === undefined ? {} : { resource }),
  };
}
