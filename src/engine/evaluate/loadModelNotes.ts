/**
 * The statement every whatIf answer carries about the load model (issue 14; spillover README "Load,
 * capacity and overload"): which numbers are Envoy's and ztunnel's own and which are estimates.
 */
import { SCENARIO_FAILURE_HTTP_STATUS } from '../spillover/index.js';

export const LOAD_MODEL_NOTES: readonly string[] = [
  "Priority loads, endpoint shares, health and panic are Envoy's and ztunnel's own arithmetic and depend on health only: " +
    'Envoy computes priority load from host counts (LoadBalancerBase::recalculatePerPriorityState, distributeLoad) and ztunnel ' +
    'picks among healthy endpoints, so a load factor alone changes none of them.',
  'Under overload, traffic reaches another priority or zone only once overloaded endpoints fail: outlier detection ejects them or ' +
    'health checks mark them unhealthy. The seeds say Envoy "begins sending some requests to the next priority level" under heavy ' +
    'load; Envoy has no such mechanism, and this answer follows Envoy.',
  "overflowPercent counts only requests Envoy's circuit breakers refuse; load without circuit-breaker limits never overflows.",
  `Failing endpoints answer ${SCENARIO_FAILURE_HTTP_STATUS.toString()}: the share they keep is errors. errorPercent and overflowPercent ` +
    'compose the hops in series (1 − Π(1 − rate)); traffic that finds no usable endpoint counts as errors.',
];
