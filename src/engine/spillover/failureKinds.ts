/**
 * How a scenario's failure kind changes a hop before and after balancing (issue 13 item 4):
 *
 * - `NOT_READY`: the endpoint loses readiness. istiod sends it as UNHEALTHY or drops it
 *   (`endpointHealthStatus` + `filterIstioEndpoint`, decided per proxy by `notReadyEndpointHealth`), ztunnel
 *   drops it from its candidates (`ambient/workloads.go`: a workload is healthy only while its pod is Ready;
 *   `state.rs` `load_balance` picks healthy workloads only) unless the Service publishes not-ready
 *   addresses, and kube-proxy stops routing to it. Envoy then recomputes priority health from the hosts it
 *   holds; the endpoint answers nothing, so nothing fails and outlier detection has nothing to count.
 * - `CONNECT_FAILURE` and `HTTP_5XX`: the endpoint stays in every view and fails what it receives.
 *   Outlier detection counts both the same way: with `split_external_local_origin_errors` off (Istio never
 *   sets it) a local-origin connect failure is recorded as a 503 (`putResultNoLocalExternalSplit`,
 *   `resultToHttpCode`), a 5xx and a gateway error. Only retries tell them apart (`retryAttempts.ts`).
 *   ztunnel connects once to the endpoint it picked (`OutboundConnection::proxy_to` → `build_request`
 *   selects one workload; no second candidate), so on an L4 hop a refused connection fails the client's.
 */
import type { ResolvedHop } from '../model/resolved.js';
import { retryAttempts } from './retryAttempts.js';
import type { HopEjection, HopPlacement, HopScenario, Placement } from './types.js';

export interface NotReadyView {
  readonly hop: ResolvedHop;
  /** Endpoints that still fail after readiness loss (only where they stay candidates). */
  readonly failing: readonly number[];
  readonly ejections: readonly HopEjection[];
}

/** The hop as the proxy sees it once the failing endpoints lose readiness. */
export function notReadyView(
  hop: ResolvedHop,
  failing: readonly number[],
  scenario: HopScenario,
): NotReadyView {
  if (failing.length === 0) return { hop, failing, ejections: [] };
  if (hop.balancer === 'ZTUNNEL' && hop.ztunnel?.healthPolicy === 'ALLOW_ALL') {
    // publishNotReadyAddresses: Kubernetes publishes the endpoint ready, ztunnel keeps it; what it does
    // with the connections is unknown, so it counts as failing what it receives.
    return { hop, failing, ejections: [] };
  }
  const { health, reason } =
    hop.balancer === 'ENVOY'
      ? (scenario.notReady ?? { health: 'EXCLUDED' as const, reason: 'not ready: left out of EDS' })
      : hop.balancer === 'ZTUNNEL'
        ? {
            health: 'EXCLUDED' as const,
            reason: 'not ready: ztunnel picks healthy workloads only (state.rs load_balance)',
          }
        : { health: 'EXCLUDED' as const, reason: 'not ready: kube-proxy routes to ready endpoints only' };
  const gone = new Set(failing);
  const endpoints = hop.endpoints.map((e, i) =>
    gone.has(i) && e.health !== 'EXCLUDED'
      ? { ...e, health, priorityReason: `${e.priorityReason}; ${reason}` }
      : e,
  );
  const ejections: HopEjection[] = [];
  for (const i of failing) {
    const e = hop.endpoints[i];
    if (e === undefined) continue;
    ejections.push({
      endpointId: e.id,
      endpointName: e.name,
      outcome: 'REMOVED_NOT_READY',
      reason:
        health === 'UNHEALTHY'
          ? `${reason}: Envoy holds it as unhealthy (it lowers its priority's health and gets traffic only in panic); nothing fails, nothing to eject`
          : `${reason}: the proxy no longer has it; priorities and health are computed without it, nothing fails`,
    });
  }
  return { hop: { ...hop, endpoints }, failing: [], ejections };
}

export interface FailureOutcome {
  readonly errorPercent: number;
  readonly attempts: Float64Array;
  readonly retries?: HopPlacement['retries'];
  readonly notes: readonly string[];
}

/**
 * The hop's error rate and attempts once the failure kind's retries (if any) have run. `fraction` gives,
 * per failing endpoint, the share of what it receives that fails (a gateway with some failing endpoints
 * behind it, `gatewayFailures.ts`); absent, a failing endpoint fails everything.
 */
export function failureOutcome(
  hop: ResolvedHop,
  placement: Placement,
  failingMask: Uint8Array,
  scenario: HopScenario,
  fraction?: Float64Array,
): FailureOutcome {
  let before = 0;
  let anyFailing = false;
  for (let i = 0; i < failingMask.length; i += 1) {
    if (failingMask[i] !== 1) continue;
    anyFailing = true;
    before += (placement.shares[i] ?? 0) * (fraction?.[i] ?? 1);
  }
  const failure = scenario.failure ?? 'HTTP_5XX';
  const retry = scenario.retry;
  if (!anyFailing || hop.balancer !== 'ENVOY' || retry === undefined) {
    const notes =
      anyFailing && failure === 'CONNECT_FAILURE' && hop.balancer === 'ZTUNNEL'
        ? [
            'ztunnel connects once to the endpoint it picked (OutboundConnection::proxy_to, no second candidate): a refused connection fails the client connection.',
          ]
        : [];
    return { errorPercent: before, attempts: placement.shares.slice(), notes };
  }
  const model = retry.retried ? retry : { ...retry, numRetries: 0 };
  const outcome = retryAttempts(placement.shares, failingMask, model, fraction);
  return {
    errorPercent: outcome.errorPercent,
    attempts: outcome.attempts,
    retries: {
      policy: retry.description,
      retried: retry.retried,
      reason: retry.reason,
      attemptsPerRequest: outcome.attemptsPerRequest,
      retriedPercent: outcome.retriedPercent,
      errorPercentBeforeRetries: before,
    },
    notes: retry.retried
      ? [
          `Retries: each attempt draws a host by its long-run share, redrawing a host already tried up to ${retry.hostSelectionRetryMaxAttempts.toString()} times (previous_hosts); independent draws are an approximation for ${hop.loadBalancer}.`,
        ]
      : [],
  };
}
