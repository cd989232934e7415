/**
 * The Envoy LB policy for a DR `loadBalancer`: `cluster_traffic_policy.go` `applyLoadBalancer`
 * (istio.md §3.2 "LB policy"). Istio's default is LEAST_REQUEST (`defaultLBAlgorithm`).
 */
import { ISTIO_DEFAULT_LB_POLICY } from '../envoyDefaults.js';
import type { LoadBalancerAlgorithm } from '../model/answer.js';
import type { LoadBalancerSettings } from '../model/meshModel.js';

/** Envoy's LB policies Istio can configure; the answer's `LoadBalancerAlgorithm` names the same set. */
export type EnvoyLbPolicy = LoadBalancerAlgorithm;

const DEFAULT_ENVOY_LB_POLICY: EnvoyLbPolicy = ISTIO_DEFAULT_LB_POLICY;

/**
 * @example loadBalancerPolicy({ simple: 'ROUND_ROBIN' }) // → { policy: 'ROUND_ROBIN', … }
 */
export function loadBalancerPolicy(lb: LoadBalancerSettings | undefined): {
  readonly policy: EnvoyLbPolicy;
  readonly reason: string;
} {
  if (lb?.consistentHash !== undefined) {
    const maglev = lb.consistentHash['maglev'] !== undefined;
    return { policy: maglev ? 'MAGLEV' : 'RING_HASH', reason: 'DestinationRule loadBalancer.consistentHash' };
  }
  switch (lb?.simple ?? 'UNSPECIFIED') {
    case 'ROUND_ROBIN':
      return { policy: 'ROUND_ROBIN', reason: 'DestinationRule loadBalancer.simple ROUND_ROBIN' };
    case 'RANDOM':
      return { policy: 'RANDOM', reason: 'DestinationRule loadBalancer.simple RANDOM' };
    case 'LEAST_REQUEST':
    case 'LEAST_CONN':
      return { policy: 'LEAST_REQUEST', reason: `DestinationRule loadBalancer.simple ${lb?.simple ?? ''}` };
    case 'PASSTHROUGH':
      return {
        policy: 'CLUSTER_PROVIDED',
        reason: 'DestinationRule loadBalancer.simple PASSTHROUGH: original destination',
      };
    default:
      return { policy: DEFAULT_ENVOY_LB_POLICY, reason: "Istio's default load-balancing algorithm" };
  }
}
