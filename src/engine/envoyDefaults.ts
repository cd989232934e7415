/**
 * Envoy's and Istio's defaults: the values a proxy runs with when nothing in the snapshot sets them. Every
 * default the engine relies on lives here, once, with its unit in its name and the upstream place that
 * defines it (`../shared/reference/envoy.md` §2 and §7.1, `istio.md` §3, §5.6, §6). Other files import
 * these names; none restates a value.
 */
import type { LocalityLbSetting } from './model/meshModel.js';

// Envoy: load balancing (envoy.md §2).

/**
 * `kDefaultOverProvisioningFactor` (upstream_impl.h): EDS reads `ClusterLoadAssignment.policy.
 * overprovisioning_factor` with this default; Istio never sets it (istio.md §5.6). Integer percent:
 * older docs write it as 1.4.
 */
export const ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT = 140;

/**
 * `CommonLbConfig.healthy_panic_threshold`: every LB passes 50 as the fallback
 * (`PROTOBUF_PERCENT_TO_ROUNDED_INTEGER_OR_DEFAULT(..., 100, 50)`). 0 disables panic.
 */
export const ENVOY_DEFAULT_HEALTHY_PANIC_THRESHOLD_PERCENT = 50;

/**
 * `zone_aware_lb_config.min_cluster_size` (cluster.proto `ZoneAwareLbConfig`): below this many upstream
 * hosts Envoy skips zone-aware routing. Kept for zone-aware routing (not computed yet).
 *
 * @public
 */
export const ENVOY_DEFAULT_ZONE_AWARE_MIN_CLUSTER_SIZE = 6;

// Envoy: outlier detection, `DetectorConfig` constants (outlier_detection_impl.h; envoy.md §7.1).

export const ENVOY_DEFAULT_OUTLIER_INTERVAL_MS = 10_000;
export const ENVOY_DEFAULT_BASE_EJECTION_TIME_MS = 30_000;
/** An unset `max_ejection_time` becomes max(this, base_ejection_time) (`DetectorImpl::create`). */
export const ENVOY_DEFAULT_MAX_EJECTION_TIME_MS = 300_000;
export const ENVOY_DEFAULT_MAX_EJECTION_TIME_JITTER_MS = 0;
export const ENVOY_DEFAULT_CONSECUTIVE_5XX = 5;
export const ENVOY_DEFAULT_CONSECUTIVE_GATEWAY_FAILURE = 5;
/** Counted only with `split_external_local_origin_errors`. */
export const ENVOY_DEFAULT_CONSECUTIVE_LOCAL_ORIGIN_FAILURE = 5;
/** `max_ejection_percent`: share of the cluster's hosts that may be ejected at once. */
export const ENVOY_DEFAULT_MAX_EJECTION_PERCENT = 10;
export const ENVOY_DEFAULT_ENFORCING_CONSECUTIVE_5XX_PERCENT = 100;
/** Gateway failures are counted but not enforced unless configured. */
export const ENVOY_DEFAULT_ENFORCING_CONSECUTIVE_GATEWAY_FAILURE_PERCENT = 0;
export const ENVOY_DEFAULT_ENFORCING_CONSECUTIVE_LOCAL_ORIGIN_FAILURE_PERCENT = 100;
export const ENVOY_DEFAULT_ENFORCING_SUCCESS_RATE_PERCENT = 100;
export const ENVOY_DEFAULT_ENFORCING_LOCAL_ORIGIN_SUCCESS_RATE_PERCENT = 100;
export const ENVOY_DEFAULT_ENFORCING_FAILURE_PERCENTAGE_PERCENT = 0;
export const ENVOY_DEFAULT_ENFORCING_FAILURE_PERCENTAGE_LOCAL_ORIGIN_PERCENT = 0;
export const ENVOY_DEFAULT_SUCCESS_RATE_MINIMUM_HOSTS = 5;
export const ENVOY_DEFAULT_SUCCESS_RATE_REQUEST_VOLUME = 100;
/** Thousandths of a standard deviation: 1900 means 1.9. */
export const ENVOY_DEFAULT_SUCCESS_RATE_STDEV_FACTOR_THOUSANDTHS = 1900;
export const ENVOY_DEFAULT_FAILURE_PERCENTAGE_THRESHOLD_PERCENT = 85;
export const ENVOY_DEFAULT_FAILURE_PERCENTAGE_MINIMUM_HOSTS = 5;
export const ENVOY_DEFAULT_FAILURE_PERCENTAGE_REQUEST_VOLUME = 50;

// Istio (istio.md §2, §3, §6).

/** `OutlierDetection.minHealthPercent` proto default; Istio writes it as the panic threshold. */
export const ISTIO_DEFAULT_MIN_HEALTH_PERCENT = 0;
/**
 * `applyOutlierDetection` enforces a consecutive-error detector at this percent when its DR field is
 * > 0, and at `ISTIO_ENFORCING_UNSET_PERCENT` otherwise; success-rate ejection is always written as 0.
 */
export const ISTIO_ENFORCING_SET_PERCENT = 100;
export const ISTIO_ENFORCING_UNSET_PERCENT = 0;
/** `defaultLBAlgorithm` in `cluster_traffic_policy.go` (istio.md §3.2 "LB policy"). */
export const ISTIO_DEFAULT_LB_POLICY = 'LEAST_REQUEST';
/** `MeshConfig.localityLbSetting` when the mesh leaves it unset: enabled (istio.md §3.1). */
export const ISTIO_DEFAULT_MESH_LOCALITY_LB_SETTING: LocalityLbSetting = { enabled: true };
/** `MeshConfig.rootNamespace` default: DestinationRules here apply mesh-wide (istio.md §2.2). */
export const ISTIO_DEFAULT_ROOT_NAMESPACE = 'istio-system';
/** The cluster domain short names expand into (`ResolveShortnameToFQDN`). */
export const ISTIO_DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

// Istio's default retry policy (istio.md §12 addendum; `pilot/pkg/networking/core/route/retry/retry.go`
// `DefaultPolicy`, applied to every HTTP route without VirtualService retries: the default outbound route
// of sidecars and gateways, and waypoint routes).

/** `defaultNumRetries`: retries after the first attempt. */
export const ISTIO_DEFAULT_RETRY_NUM_RETRIES = 2;
/** `defaultRetryOn`, Envoy `retry_on` conditions in Istio's order. */
export const ISTIO_DEFAULT_RETRY_ON: readonly string[] = [
  'connect-failure',
  'refused-stream',
  'unavailable',
  'cancelled',
  'retriable-status-codes',
];
/**
 * `HostSelectionRetryMaxAttempts`: with the previous-hosts predicate Envoy draws a host up to this many
 * extra times (`LoadBalancerBase`/`ThreadAwareLoadBalancerBase` `chooseHost`: `hostSelectionRetryCount() + 1`
 * draws) before it keeps the last draw, even a host already tried.
 */
export const ISTIO_DEFAULT_HOST_SELECTION_RETRY_MAX_ATTEMPTS = 5;
/**
 * `features.Exclude503FromDefaultRetries` (`EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY`, default true since
 * Istio 1.24; only the 1.23 compatibility profile turns it off): the default policy then lists no
 * retriable status code, so an upstream 503 is never retried. Every profile Spillway models (1.30, 1.31,
 * SOLO) runs with it on.
 */
export const ISTIO_DEFAULT_EXCLUDE_503_FROM_DEFAULT_RETRY = true;
/** The retriable status code the default policy carried before that flag (`retriable-status-codes`). */
export const ISTIO_LEGACY_DEFAULT_RETRIABLE_STATUS_CODE = 503;
