/**
 * A hop balanced by Envoy (sidecar, ingress gateway or waypoint; L7): the policy the proxy applies
 * (`envoyHopPolicy.ts`), where EDS places each endpoint (`placeEnvoyEndpoints.ts`), and the hop checks'
 * findings (`envoyHopDiagnostics.ts`). istio.md §2–§6; seeds 000/003.
 */
import type { DestinationRuleProxyKind } from '../istio/index.js';
import { circuitBreakerLimits } from '../istio/index.js';
import type { LocalityLb } from '../model/answer.js';
import type { Profile } from '../model/meshModel.js';
import type { ResolvedHop } from '../model/resolved.js';
import { ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT } from '../envoyDefaults.js';
import type { HopResult } from './buildZtunnelHop.js';
import type { CompiledMesh } from './compiledMesh.js';
import { envoyHopDiagnostics } from './envoyHopDiagnostics.js';
import { envoyHopPolicy, fieldsApplied } from './envoyHopPolicy.js';
import type { HopDestination, HopSource } from './hopContext.js';
import { proxyOf } from './hopContext.js';
import { placeEnvoyEndpoints } from './placeEnvoyEndpoints.js';
import { trafficDistributionFor } from './trafficDistributionFor.js';
import { zoneAwareLocalCluster } from './zoneAwareLocalCluster.js';

/**
 * Build the Envoy hop from `source` to `destination`.
 *
 * @example httpbin-waypoint → in-ambient with in-ambient-failover: ROUND_ROBIN, outlier 3×5xx/10 s/30 s/50 %, one level.
 */
export function buildEnvoyHop(
  mesh: CompiledMesh,
  source: HopSource,
  destination: HopDestination,
  profile: Profile,
  proxyKind: DestinationRuleProxyKind,
  /** False: the hop alone, without its checks' findings (a caller that reads only the hop's numbers). */
  withDiagnostics = true,
): HopResult {
  const td = trafficDistributionFor(mesh, destination, source.cluster, profile);
  const mode = td.resolution.mode;
  const policy = envoyHopPolicy(mesh, source, destination, profile, proxyKind, mode);
  const placed = placeEnvoyEndpoints(mesh, source, destination, profile, proxyKind, mode, policy);
  const { setting, activation, ruleRef } = policy;
  const fromDr = setting.source.startsWith('DESTINATION_RULE');
  const localityLb: LocalityLb = {
    mode: activation.mode,
    active: activation.active,
    reason: activation.reason,
    failoverPriority: activation.failoverPriority,
    source: setting.source,
    ...(fromDr && ruleRef !== undefined
      ? { resource: ruleRef }
      : setting.source === 'TRAFFIC_DISTRIBUTION' && td.resolution.resource !== undefined
        ? { resource: td.resolution.resource }
        : {}),
  };
  const circuitBreakers = circuitBreakerLimits(policy.policy.policy.connectionPool);
  const zoneAware =
    setting.kind === 'ZONE_AWARE' && activation.active
      ? zoneAwareLocalCluster(mesh, source, setting.setting)
      : undefined;
  const hop: ResolvedHop = {
    from: proxyOf(source),
    to: destination.host,
    layer: 'L7',
    balancer: 'ENVOY',
    trafficDistribution: td.resolution.answer,
    ...(ruleRef !== undefined ? { destinationRule: ruleRef } : {}),
    destinationRuleFieldsApplied: fieldsApplied(policy.policy),
    localityLb,
    loadBalancer: policy.loadBalancer,
    ...(policy.outlierDetection !== undefined ? { outlierDetection: policy.outlierDetection } : {}),
    panicThresholdPercent: policy.panic.percent,
    overprovisioningFactor: ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT,
    ...(circuitBreakers === undefined ? {} : { circuitBreakers }),
    localityWeighted: placed.localityWeighted,
    ...(zoneAware === undefined ? {} : { zoneAware }),
    endpoints: placed.endpoints,
    priorityMeanings: placed.levelMeanings.length > 0 ? placed.levelMeanings : ['all endpoints'],
    notes: [
      `traffic distribution ${mode}: ${td.resolution.reason}`,
      `locality: ${activation.reason}`,
      ...policy.notes,
      ...(zoneAware === undefined
        ? []
        : [
            zoneAware.missing === undefined
              ? `zone-aware routing: local_cluster ${zoneAware.localService ?? ''} (self-discovery on), min_cluster_size ${zoneAware.minClusterSize.toString()}, routing_enabled ${zoneAware.routingEnabledPercent.toString()} %; Envoy routes priority 0 by zone (ZoneAwareLoadBalancerBase)`
              : `zone-aware routing is off inside priority 0: ${zoneAware.missing}`,
          ]),
    ],
  };
  const diagnostics = withDiagnostics
    ? [
        ...td.diagnostics,
        ...envoyHopDiagnostics(mesh, source, destination, proxyKind, td.resolution, policy, placed),
      ]
    : [];
  return { hop, diagnostics };
}
