/**
 * The pure Istio algorithm library the resolver uses: traffic distribution, DestinationRule
 * selection, effective locality LB, Envoy priority assignment, ztunnel ranking, outlier detection,
 * panic threshold and validation. See README.md for the rule → upstream map and profile differences.
 */
export type {
  DestinationRuleProxyKind,
  TrafficDistributionMode,
  TrafficDistributionTarget,
  TrafficDistributionWarning,
  ZtunnelLoadBalancing,
  ZtunnelScope,
} from './types.js';

export { networkPreferredFor } from './profileFeatures.js';

export {
  LABEL_CLUSTER,
  LABEL_HOSTNAME,
  LABEL_NETWORK,
  LABEL_REGION,
  LABEL_ZONE,
  augmentLabels,
  gatewayEndpointLabels,
  localityString,
  parseLocality,
} from './topologyLabels.js';

export type { TrafficDistributionInput, TrafficDistributionResolution } from './trafficDistribution.js';
export {
  TRAFFIC_DISTRIBUTION_ANNOTATION,
  generatedGatewayServiceAnnotations,
  internalTrafficPolicyEffect,
  resolveTrafficDistribution,
} from './trafficDistribution.js';

export { failoverPriorityForMode, modePriorities } from './modePriorities.js';

export { isWildcardHost, mostSpecificHostMatch, resolveShortnameToFqdn } from './hostMatch.js';

export type { ClusterLocalDecision } from './clusterLocalHosts.js';
export { DEFAULT_CLUSTER_LOCAL_HOSTS, isClusterLocalHost } from './clusterLocalHosts.js';

export type { ConsolidatedDestinationRule, DestinationRuleIndex } from './destinationRuleIndex.js';
export {
  buildDestinationRuleIndex,
  lookupDestinationRules,
  selectDestinationRule,
} from './destinationRuleIndex.js';

export type { TrafficPolicyResolution } from './effectiveTrafficPolicy.js';
export { effectiveTrafficPolicy } from './effectiveTrafficPolicy.js';

export type { EffectiveLbSetting, FailoverActivation } from './effectiveLbSetting.js';
export { effectiveLbSetting, failoverActivation } from './effectiveLbSetting.js';

export type { LbEndpointInput, LocalityGroupInput } from './priorityGroups.js';
export { compactPriorities } from './priorityGroups.js';

export { localityFailover } from './localityFailover.js';

export { applyFailoverPriority, failoverPriorityRank } from './failoverPriority.js';

export { applyDistribute, localityMatch } from './distribute.js';

export { assignEnvoyPriorities } from './assignEnvoyPriorities.js';

export type { EnvoyLbPolicy } from './loadBalancerPolicy.js';
export { loadBalancerPolicy } from './loadBalancerPolicy.js';

export { ztunnelLoadBalancing } from './ztunnelLoadBalancing.js';

export type { ZtunnelEndpointInput } from './ztunnelRanking.js';
export { ztunnelRanking } from './ztunnelRanking.js';

export { fillOutlierDetection, toEnvoyOutlierDetection } from './outlierDetection.js';

export type {
  EndpointConditions,
  EndpointHealthStatus,
  IstioEndpointHealth,
} from './endpointHealthStatus.js';
export { DRAINING_LABEL, endpointHealthStatus, supportsDrainingEndpoints } from './endpointHealthStatus.js';

export type { PanicThreshold } from './panicThreshold.js';
export { notReadyEndpointHealth, panicThreshold, unhealthyEndpointSupport } from './panicThreshold.js';

export type { ValidationResult } from './validation.js';
export {
  validateDestinationRule,
  validateLoadBalancer,
  validateLocalityLbSetting,
  validateOutlierDetection,
  validateZoneAwareLbSetting,
} from './validation.js';

export { INGRESS_USE_WAYPOINT_LABEL } from './waypointLabels.js';
export { circuitBreakerLimits } from './circuitBreakerLimits.js';

export { defaultRetryPolicy, FAILING_ENDPOINT_HTTP_STATUS, retriesFailure } from './defaultRetryPolicy.js';
export type { RetryDecision, RetryPolicy } from './defaultRetryPolicy.js';
