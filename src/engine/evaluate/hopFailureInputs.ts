/**
 * What a failure kind needs to know about one hop beyond its endpoints: for `NOT_READY` on an Envoy hop,
 * what istiod's EDS does with a not-ready endpoint for this proxy (`notReadyEndpointHealth`: sent as
 * UNHEALTHY or dropped, per profile, traffic distribution and outlier detection); for failures on an
 * Envoy hop, Istio's default retry policy and whether it retries the kind (`defaultRetryPolicy`).
 * VirtualService retries are not read from snapshots, so the default policy is the one in force.
 */
import {
  defaultRetryPolicy,
  notReadyEndpointHealth,
  retriesFailure,
  type DestinationRuleProxyKind,
} from '../istio/index.js';
import type { FailureKind, ProxyKind } from '../model/answer.js';
import type { Profile } from '../model/meshModel.js';
import type { ResolvedHop } from '../model/resolved.js';
import type { HopScenario } from '../spillover/index.js';

function drProxyKind(kind: ProxyKind): DestinationRuleProxyKind | undefined {
  return kind === 'SIDECAR' || kind === 'WAYPOINT' || kind === 'INGRESS_GATEWAY' ? kind : undefined;
}

/**
 * @example hopFailureInputs('ISTIO_1_31', sidecarHop, 'CONNECT_FAILURE').retry?.retried // → true
 */
export function hopFailureInputs(
  profile: Profile,
  hop: ResolvedHop,
  failure: FailureKind,
): Pick<HopScenario, 'failure' | 'notReady' | 'retry'> {
  if (hop.balancer !== 'ENVOY') return { failure };
  if (failure === 'NOT_READY') {
    const proxyKind = drProxyKind(hop.from.kind);
    const od = hop.outlierDetection;
    const eds = notReadyEndpointHealth({
      profile,
      mode: hop.trafficDistribution.mode,
      ...(proxyKind === undefined ? {} : { proxyKind }),
      ...(od === undefined ? {} : { outlierDetection: { minHealthPercent: od.minHealthPercent } }),
    });
    return {
      failure,
      notReady: { health: eds.health === 'UNHEALTHY' ? 'UNHEALTHY' : 'EXCLUDED', reason: eds.reason },
    };
  }
  const policy = defaultRetryPolicy(hop.loadBalancer);
  const decision = retriesFailure(policy, failure);
  return {
    failure,
    retry: {
      numRetries: policy.numRetries,
      previousHosts: policy.previousHosts,
      hostSelectionRetryMaxAttempts: policy.hostSelectionRetryMaxAttempts,
      description: `${policy.source}: ${policy.numRetries.toString()} retries on ${policy.retryOn.join(',')}${policy.previousHosts ? ', previous_hosts predicate' : ''}, host_selection_retry_max_attempts ${policy.hostSelectionRetryMaxAttempts.toString()}`,
      retried: decision.retried,
      reason: decision.reason,
    },
  };
}
