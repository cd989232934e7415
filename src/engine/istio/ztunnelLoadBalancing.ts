/**
 * The workload-API `LoadBalancing` istiod sends ztunnel: `serviceregistry/ambient/services.go`
 * `constructService` / `constructServiceEntries` (istio.md §4.3).
 */
import type { Profile } from '../model/meshModel.js';
import { ztunnelScopesForMode } from './modePriorities.js';
import type { TrafficDistributionMode, ZtunnelLoadBalancing } from './types.js';

export interface ZtunnelLoadBalancingInput {
  readonly profile: Profile;
  readonly kind: 'Service' | 'ServiceEntry';
  readonly mode: TrafficDistributionMode;
  /** Services only. */
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
  /** Services only: `publishNotReadyAddresses: true` lets ztunnel use unready endpoints. */
  readonly publishNotReadyAddresses?: boolean;
  /** ServiceEntries only. */
  readonly resolution?: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN';
}

/**
 * `internalTrafficPolicy: Local` → STRICT [NODE] (traffic distribution ignored); a mode → FAILOVER
 * with its scopes; otherwise STANDARD; `publishNotReadyAddresses` → ALLOW_ALL; SE `resolution: NONE`
 * → PASSTHROUGH + ALLOW_ALL.
 *
 * @example ztunnelLoadBalancing({ profile: 'ISTIO_1_31', kind: 'Service', mode: 'PreferSameZone' })
 *   // → { mode: 'FAILOVER', scopes: ['NETWORK', 'REGION', 'ZONE'], healthPolicy: 'ONLY_HEALTHY' }
 */
export function ztunnelLoadBalancing(input: ZtunnelLoadBalancingInput): ZtunnelLoadBalancing {
  if (input.kind === 'ServiceEntry' && input.resolution === 'NONE') {
    return {
      mode: 'PASSTHROUGH',
      scopes: [],
      healthPolicy: 'ALLOW_ALL',
      reason: 'ServiceEntry resolution NONE: passthrough to the original destination',
    };
  }
  const healthPolicy =
    input.kind === 'Service' && input.publishNotReadyAddresses === true ? 'ALLOW_ALL' : 'ONLY_HEALTHY';
  const healthNote = healthPolicy === 'ALLOW_ALL' ? '; publishNotReadyAddresses keeps unready endpoints' : '';
  if (input.kind === 'Service' && input.internalTrafficPolicy === 'Local') {
    return {
      mode: 'STRICT',
      scopes: ['NODE'],
      healthPolicy,
      reason: `internalTrafficPolicy Local: same node only, traffic distribution ignored${healthNote}`,
    };
  }
  const scopes = ztunnelScopesForMode(input.mode);
  if (scopes.length === 0) {
    return {
      mode: 'STANDARD',
      scopes: [],
      healthPolicy,
      reason: `no traffic distribution: uniform over healthy endpoints${healthNote}`,
    };
  }
  return {
    mode: 'FAILOVER',
    scopes,
    healthPolicy,
    reason: `traffic distribution ${input.mode}: best tier only${healthNote}`,
  };
}
