/**
 * The pure Istio algorithm library the resolver uses: traffic distribution, DestinationRule
 * selection, effective locality LB, Envoy priority assignment, ztunnel ranking, outlier detection,
 * panic threshold and validation. See README.md for the rule → upstream map and profile differences.
 */
export type {
  DestinationRuleLookupStep,
  DestinationRuleProxyKind,
  EdsHealth,
  LbSettingSource,
  TrafficDistributionMode,
  TrafficDistributionSource,
  TrafficDistributionTarget,
  TrafficDistributionWarning,
  TrafficDistributionWarningKind,
  ZtunnelHealthPolicy,
  ZtunnelLbMode,
  ZtunnelLoadBalancing,
  ZtunnelScope,
} from './types.js';

export type { PriorityOrigin, ProfileFeatures } from './profileFeatures.js';
export { networkPreferredFor, profileFeatures } from './profileFeatures.js';

export type { TopologyIdentity } from './topologyLabels.js';
export {
  LABEL_CLUSTER,
  LABEL_HOSTNAME,
  LABEL_NETWORK,
  LABEL_REGION,
  LABEL_SUBZONE,
  LABEL_ZONE,
  LOCALITY_LABEL_KEYS,
  augmentLabels,
  gatewayEndpointLabels,
  localityString,
  parseLocality,
} from './topologyLabels.js';

export type {
  InternalTrafficPolicyEffect,
  TrafficDistributionInput,
  TrafficDistributionResolution,
} from './trafficDistribution.js';
export {
  TRAFFIC_DISTRIBUTION_ANNOTATION,
  TRAFFIC_DISTRIBUTION_SPEC_FIELD,
  generatedGatewayServiceAnnotations,
  internalTrafficPolicyEffect,
  isForcingMode,
  resolveTrafficDistribution,
} from './trafficDistribution.js';

export type { ModePriorities } from './modePriorities.js';
export {
  failoverPriorityForMode,
  failoverPriorityLevelMeanings,
  friendlyLabel,
  modePriorities,
  ztunnelScopesForMode,
} from './modePriorities.js';

export { isWildcardHost, moreSpecific, mostSpecificHostMatch, resolveShortnameToFqdn } from './hostMatch.js';

export type {
  ConsolidatedDestinationRule,
  DestinationRuleIndex,
  DestinationRuleIndexOptions,
  DestinationRuleLookup,
  DestinationRuleLookupInput,
  DestinationRuleSelection,
  DestinationRuleSelectionInput,
} from './destinationRuleIndex.js';
export {
  buildDestinationRuleIndex,
  lookupDestinationRules,
  selectDestinationRule,
  sortDestinationRules,
} from './destinationRuleIndex.js';

export type {
  ResolvedTrafficPolicy,
  TrafficPolicyBlock,
  TrafficPolicyLevel,
  TrafficPolicyResolution,
} from './effectiveTrafficPolicy.js';
export { TRAFFIC_POLICY_BLOCKS, effectiveTrafficPolicy } from './effectiveTrafficPolicy.js';

export type {
  EffectiveLbSetting,
  EffectiveLbSettingInput,
  FailoverActivation,
} from './effectiveLbSetting.js';
export { effectiveLbSetting, failoverActivation } from './effectiveLbSetting.js';

export type { AssignedGroup, LbEndpointInput, LocalityGroupInput } from './priorityGroups.js';
export { compactPriorities, sumEndpointWeights } from './priorityGroups.js';

export type { FailoverRule, LocalityFailoverResult, LocalityPriority } from './localityFailover.js';
export {
  LOCALITY_FAILOVER_COMPOSITION_FACTOR,
  LOCALITY_PRIORITY_NOT_FAILOVER_TARGET,
  LOCALITY_PRIORITY_OTHER_REGION,
  LOCALITY_PRIORITY_SAME_REGION,
  LOCALITY_PRIORITY_SAME_SUBZONE,
  LOCALITY_PRIORITY_SAME_ZONE,
  localityFailover,
  localityPriority,
} from './localityFailover.js';

export type {
  FailoverPriorityEntry,
  FailoverPriorityRank,
  FailoverPrioritySplit,
} from './failoverPriority.js';
export { applyFailoverPriority, failoverPriorityRank, parseFailoverPriority } from './failoverPriority.js';

export type { DistributeResult, DistributeRule } from './distribute.js';
export { applyDistribute, localityMatch } from './distribute.js';

export type { ZoneAwareResult } from './zoneAware.js';
export { zoneAwarePriorities } from './zoneAware.js';

export type {
  AssignedEndpoint,
  EnvoyAlgorithm,
  EnvoyPriorityAssignment,
  EnvoyPriorityInput,
} from './assignEnvoyPriorities.js';
export { assignEnvoyPriorities } from './assignEnvoyPriorities.js';

export type { EnvoyLbPolicy } from './loadBalancerPolicy.js';
export { loadBalancerPolicy } from './loadBalancerPolicy.js';

export type { ZtunnelLoadBalancingInput } from './ztunnelLoadBalancing.js';
export { ztunnelLoadBalancing } from './ztunnelLoadBalancing.js';

export type {
  ZtunnelEndpointInput,
  ZtunnelExclusion,
  ZtunnelRankedEndpoint,
  ZtunnelRanking,
  ZtunnelWorkloadPlace,
} from './ztunnelRanking.js';
export { ztunnelMaxRank, ztunnelRank, ztunnelRanking } from './ztunnelRanking.js';

export type { EnvoyOutlierDetection } from './outlierDetection.js';
export { fillOutlierDetection, toEnvoyOutlierDetection } from './outlierDetection.js';

export type {
  PanicThreshold,
  PanicThresholdInput,
  UnhealthyEndpointFlags,
  UnhealthyEndpointSupport,
} from './panicThreshold.js';
export { notReadyEndpointHealth, panicThreshold, unhealthyEndpointSupport } from './panicThreshold.js';

export type { ValidationIssue, ValidationResult } from './validation.js';
export {
  validateDestinationRule,
  validateLoadBalancer,
  validateLocalityLbSetting,
  validateOutlierDetection,
  validateTrafficPolicy,
  validateZoneAwareLbSetting,
} from './validation.js';

export { INGRESS_USE_WAYPOINT_LABEL } from './waypointLabels.js';
