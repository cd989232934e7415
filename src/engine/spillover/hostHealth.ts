/**
 * An endpoint's health as a placement reads it: one byte per endpoint, so the ejection replay and every
 * sweep point copy a byte array instead of objects (`ClusterImplBase::partitionHostList`, envoy.md §1).
 */
import type { EndpointHealth, ResolvedEndpoint } from '../model/resolved.js';

export const HEALTH_CODE_HEALTHY = 0;
export const HEALTH_CODE_DEGRADED = 1;
export const HEALTH_CODE_UNHEALTHY = 2;
export const HEALTH_CODE_EXCLUDED = 3;
export type HealthCode =
  | typeof HEALTH_CODE_HEALTHY
  | typeof HEALTH_CODE_DEGRADED
  | typeof HEALTH_CODE_UNHEALTHY
  | typeof HEALTH_CODE_EXCLUDED;

/** @example healthCode('UNHEALTHY') // → HEALTH_CODE_UNHEALTHY (2) */
export function healthCode(health: EndpointHealth): HealthCode {
  switch (health) {
    case 'HEALTHY':
      return HEALTH_CODE_HEALTHY;
    case 'DEGRADED':
      return HEALTH_CODE_DEGRADED;
    case 'UNHEALTHY':
      return HEALTH_CODE_UNHEALTHY;
    // EDS DRAINING: Envoy's excluded state (a host of its priority that only panic sends traffic to).
    case 'DRAINING':
    case 'EXCLUDED':
      return HEALTH_CODE_EXCLUDED;
  }
}

/**
 * Whether the proxy holds the endpoint at all. The resolver marks `EXCLUDED` what the proxy never has:
 * endpoints istiod does not send (not ready and not forced, `internalTrafficPolicy: Local` off the node,
 * a locality `distribute` leaves out) and what ztunnel filters before ranking (unhealthy, STRICT
 * mismatch, no address). Such an endpoint is listed for explanation only: it is no host of any
 * priority, never counts in the health scores, the panic split or the ejection cap, and never receives
 * traffic — not even in panic or under `ALLOW_ALL`.
 */
export function inHostSet(endpoint: ResolvedEndpoint): boolean {
  return endpoint.health !== 'EXCLUDED';
}

/** `region/zone/subzone`, the key Istio groups `LocalityLbEndpoints` by. */
export function localityKey(endpoint: ResolvedEndpoint): string {
  const l = endpoint.locality;
  return `${l.region}/${l.zone}/${l.subzone}`;
}
