/**
 * Istio's default retry policy on an Envoy hop and which scenario failures it retries (istio.md §12
 * addendum). Read in `pilot/pkg/networking/core/route/retry/retry.go`:
 *
 * - `DefaultPolicy`: `num_retries` 2, `retry_on` `connect-failure,refused-stream,unavailable,cancelled,
 *   retriable-status-codes`, the `previous_hosts` retry host predicate and
 *   `host_selection_retry_max_attempts` 5. Istio applies it to every HTTP route that carries no
 *   VirtualService `retries` (`ConvertPolicy(nil)`), including the default outbound route
 *   (`BuildDefaultHTTPOutboundRoute`) and waypoint routes.
 * - `DefaultConsistentHashPolicy`: the same without the host predicate when the DestinationRule asks for
 *   consistent hashing ("we don't want to use other hosts during retries"), so a retry goes back to the
 *   host the hash picked.
 * - `EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY` (default true since 1.24): no retriable status code, so an
 *   upstream 503 is not retried. Before, `RetriableStatusCodes: [503]`.
 *
 * How the failures map (Envoy `RetryStateImpl::shouldRetryReset` / `shouldRetryHeaders`): a refused or
 * reset connection is `connect-failure` (retried); a 503 answered by the endpoint is retried only under
 * `retriable-status-codes` with 503 listed; an endpoint that lost readiness is gone from EDS and never
 * picked, so nothing fails and nothing is retried.
 */
import {
  ISTIO_DEFAULT_EXCLUDE_503_FROM_DEFAULT_RETRY,
  ISTIO_DEFAULT_HOST_SELECTION_RETRY_MAX_ATTEMPTS,
  ISTIO_DEFAULT_RETRY_NUM_RETRIES,
  ISTIO_DEFAULT_RETRY_ON,
  ISTIO_LEGACY_DEFAULT_RETRIABLE_STATUS_CODE,
} from '../envoyDefaults.js';
import type { FailureKind, LoadBalancerAlgorithm } from '../model/answer.js';

/** The HTTP status a failing endpoint answers with under `HTTP_5XX`. */
export const FAILING_ENDPOINT_HTTP_STATUS = 503;

export interface RetryPolicy {
  readonly numRetries: number;
  readonly retryOn: readonly string[];
  readonly retriableStatusCodes: readonly number[];
  /** `envoy.retry_host_predicates.previous_hosts`: a retry avoids the hosts already tried. */
  readonly previousHosts: boolean;
  /** Extra draws the predicate may ask for before Envoy keeps the last one. */
  readonly hostSelectionRetryMaxAttempts: number;
  /** Where the policy comes from, for the answer. */
  readonly source: string;
}

/** LB policies whose default retry policy has no previous-hosts predicate (`hashByDestination`). */
const CONSISTENT_HASH: ReadonlySet<LoadBalancerAlgorithm> = new Set(['RING_HASH', 'MAGLEV']);

/**
 * @example defaultRetryPolicy('LEAST_REQUEST').numRetries // → 2
 * @example defaultRetryPolicy('RING_HASH').previousHosts // → false (DefaultConsistentHashPolicy)
 */
export function defaultRetryPolicy(
  loadBalancer: LoadBalancerAlgorithm,
  exclude503 = ISTIO_DEFAULT_EXCLUDE_503_FROM_DEFAULT_RETRY,
): RetryPolicy {
  const hash = CONSISTENT_HASH.has(loadBalancer);
  return {
    numRetries: ISTIO_DEFAULT_RETRY_NUM_RETRIES,
    retryOn: ISTIO_DEFAULT_RETRY_ON,
    retriableStatusCodes: exclude503 ? [] : [ISTIO_LEGACY_DEFAULT_RETRIABLE_STATUS_CODE],
    previousHosts: !hash,
    hostSelectionRetryMaxAttempts: ISTIO_DEFAULT_HOST_SELECTION_RETRY_MAX_ATTEMPTS,
    source: hash
      ? "Istio's DefaultConsistentHashPolicy (no VirtualService retries; consistent hashing keeps the host)"
      : "Istio's DefaultPolicy (no VirtualService retries)",
  };
}

/** Why a failure kind is or is not retried under a policy; `retried` false for NOT_READY (nothing fails). */
export interface RetryDecision {
  readonly retried: boolean;
  readonly reason: string;
}

/**
 * @example retriesFailure(defaultRetryPolicy('LEAST_REQUEST'), 'CONNECT_FAILURE').retried // → true
 * @example retriesFailure(defaultRetryPolicy('LEAST_REQUEST'), 'HTTP_5XX').retried // → false (503 excluded)
 */
export function retriesFailure(policy: RetryPolicy, failure: FailureKind): RetryDecision {
  switch (failure) {
    case 'CONNECT_FAILURE':
      return policy.retryOn.includes('connect-failure') && policy.numRetries > 0
        ? {
            retried: true,
            reason: `a refused connection is retried under connect-failure (${policy.source})`,
          }
        : { retried: false, reason: `connect-failure is not in retry_on (${policy.source})` };
    case 'HTTP_5XX': {
      const listed =
        policy.retryOn.includes('retriable-status-codes') &&
        policy.retriableStatusCodes.includes(FAILING_ENDPOINT_HTTP_STATUS);
      return listed && policy.numRetries > 0
        ? { retried: true, reason: `503 is a retriable status code (${policy.source})` }
        : {
            retried: false,
            reason: `a 503 from the endpoint is not retried: EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY (default on since Istio 1.24) leaves no retriable status code (${policy.source})`,
          };
    }
    case 'NOT_READY':
      return {
        retried: false,
        reason: 'a not-ready endpoint is removed from EDS: nothing fails, nothing is retried',
      };
  }
}
