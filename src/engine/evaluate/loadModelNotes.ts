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
  "overflowPercent counts only requests Envoy's circuit breakers refuse (DestinationRule connectionPool → max_connections, " +
    'max_pending_requests, max_requests per proxy replica; local 503, flag UO, not counted by outlier detection, not spilled): ' +
    "in-flight requests = requestsPerSecond × latencyMs (Little's law), refusals by the M/M/c/K loss formula (Erlang B without a " +
    'queue). Without limits, or without a rate and a latency, it is 0.',
  'utilizationPercent and saturatedPercent are estimates from the capacity given (ScenarioInput.utilizationPercent for the backend ' +
    "endpoints, else the CPU averageUtilization target of the HorizontalPodAutoscalers that scale them): each endpoint's share × load " +
    'factor over its capacity, calibrated so the endpoints serving at nominal load run at that utilisation, capacity proportional to ' +
    'endpoint weight; saturatedPercent is the requests beyond capacity. Unknown capacity is null.',
  'With ScenarioInput.overload, the overload cascade (an estimate on top of Envoy): backend endpoints past failsAbovePercent fail, ' +
    "Envoy's outlier detection judges them (DetectorImpl::ejectHost: consecutive errors, the max-ejection cap), priority loads follow " +
    'the new health (recalculatePerPriorityState), and the steps repeat until nothing changes or the state oscillates.',
  `Failing endpoints answer ${SCENARIO_FAILURE_HTTP_STATUS.toString()}: the share they keep is errors. errorPercent and overflowPercent ` +
    'compose the hops in series (1 − Π(1 − rate)); traffic that finds no usable endpoint counts as errors.',
];
