/**
 * DR `connectionPool` → Envoy's circuit-breaker thresholds for the default priority, per proxy and per
 * cluster: `cluster_traffic_policy.go` `applyConnectionPool` over `getDefaultCircuitBreakerThresholds`
 * (istio.md §12 addendum, "Circuit breakers"). Istio starts every threshold at 2³² − 1, so a field the
 * rule leaves out is no limit at all; here it is absent.
 */
import type { CircuitBreakerLimits } from '../model/answer.js';

/**
 * Values from here up are Istio's own "unlimited" (2³² − 1) or near it: no concurrency reaches them, and
 * they do not fit a GraphQL Int.
 */
const EFFECTIVELY_UNLIMITED = 2 ** 31;

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < EFFECTIVELY_UNLIMITED
    ? value
    : undefined;
}

function block(
  pool: Readonly<Record<string, unknown>>,
  key: 'tcp' | 'http',
): Readonly<Record<string, unknown>> {
  const value = pool[key];
  return typeof value === 'object' && value !== null ? (value as Readonly<Record<string, unknown>>) : {};
}

/**
 * `tcp.maxConnections` → `max_connections`, `http.http1MaxPendingRequests` → `max_pending_requests`,
 * `http.http2MaxRequests` → `max_requests`, `http.maxRetries` → `max_retries`; undefined when none is set.
 *
 * @example circuitBreakerLimits({ http: { http2MaxRequests: 1 } }) // → { maxRequests: 1 }
 */
export function circuitBreakerLimits(
  connectionPool: Readonly<Record<string, unknown>> | undefined,
): CircuitBreakerLimits | undefined {
  if (connectionPool === undefined) return undefined;
  const tcp = block(connectionPool, 'tcp');
  const http = block(connectionPool, 'http');
  const maxConnections = positiveInteger(tcp['maxConnections']);
  const maxPendingRequests = positiveInteger(http['http1MaxPendingRequests']);
  const maxRequests = positiveInteger(http['http2MaxRequests']);
  const maxRetries = positiveInteger(http['maxRetries']);
  const limits = {
    ...(maxConnections === undefined ? {} : { maxConnections }),
    ...(maxPendingRequests === undefined ? {} : { maxPendingRequests }),
    ...(maxRequests === undefined ? {} : { maxRequests }),
    ...(maxRetries === undefined ? {} : { maxRetries }),
  };
  return Object.keys(limits).length === 0 ? undefined : limits;
}
