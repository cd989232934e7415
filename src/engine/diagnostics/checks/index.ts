/**
 * Every check Spillway runs, in order: the one registry, like graphql-js's `specifiedRules`. Runners take
 * a subject's checks in this order (`runChecks.ts`); the catalogue (`catalogue.ts`) and
 * `spillway analyze --list-analyzers` read it whole. Codes are stable and never reused. To add a diagnostic: one file in
 * this folder, one line here, one table of cases in `test/unit/engine/diagnostics/checks/`.
 */
import { backendNoReadyEndpoints } from './backendNoReadyEndpoints.js';
import { clientOutsideMesh } from './clientOutsideMesh.js';
import { destinationRuleHostMatchesNothing } from './destinationRuleHostMatchesNothing.js';
import { destinationRuleIgnoredOnZtunnelHop } from './destinationRuleIgnoredOnZtunnelHop.js';
import { destinationRuleNamespaceNotConsulted } from './destinationRuleNamespaceNotConsulted.js';
import { destinationRuleOverridesTrafficDistribution } from './destinationRuleOverridesTrafficDistribution.js';
import { destinationRuleSubsetSelectsNothing } from './destinationRuleSubsetSelectsNothing.js';
import { endpointTargetNotInSnapshot } from './endpointTargetNotInSnapshot.js';
import { failoverInactiveWithoutOutlierDetection } from './failoverInactiveWithoutOutlierDetection.js';
import { globalServiceWaypointNotGlobal } from './globalServiceWaypointNotGlobal.js';
import { ignoredApiVersion } from './ignoredApiVersion.js';
import { ingressBypassesWaypoint } from './ingressBypassesWaypoint.js';
import { internalTrafficPolicyLocalNoFailover } from './internalTrafficPolicyLocalNoFailover.js';
import { internalTrafficPolicyLocalNoLocalEndpoint } from './internalTrafficPolicyLocalNoLocalEndpoint.js';
import { localityLbSettingInvalid } from './localityLbSettingInvalid.js';
import { localityLbSettingsExclusive } from './localityLbSettingsExclusive.js';
import { maxEjectionPercentNeverEjects } from './maxEjectionPercentNeverEjects.js';
import { meshConfigDiffers } from './meshConfigDiffers.js';
import { namespaceNotInSnapshot } from './namespaceNotInSnapshot.js';
import { negativeStatusCondition } from './negativeStatusCondition.js';
import { noEastWestGateway } from './noEastWestGateway.js';
import { nodeNotInSnapshot } from './nodeNotInSnapshot.js';
import { outlierDetectionEnablesLocalityFailover } from './outlierDetectionEnablesLocalityFailover.js';
import { selectorMatchesNothing } from './selectorMatchesNothing.js';
import { serviceInconsistentAcrossClusters } from './serviceInconsistentAcrossClusters.js';
import { serviceScopeAnnotation } from './serviceScopeAnnotation.js';
import { sidecarInjectionNotApplied } from './sidecarInjectionNotApplied.js';
import { trafficDistributionUnsupportedInProfile } from './trafficDistributionUnsupportedInProfile.js';
import { unknownServiceScope } from './unknownServiceScope.js';
import { unknownTrafficDistribution } from './unknownTrafficDistribution.js';
import { unknownWaypointFor } from './unknownWaypointFor.js';
import { waypointDoesNotServeServices } from './waypointDoesNotServeServices.js';
import { waypointMissing } from './waypointMissing.js';
import { waypointNotInSnapshot } from './waypointNotInSnapshot.js';
import { waypointUnready } from './waypointUnready.js';
import { waypointWithoutPods } from './waypointWithoutPods.js';
import { unknownField } from './unknownField.js';
import { endpointsDerivedFromPods } from './endpointsDerivedFromPods.js';
import { workloadsWithoutPods } from './workloadsWithoutPods.js';
import { localityFromEndpointSlices } from './localityFromEndpointSlices.js';
import { legacyTopologyLabels } from './legacyTopologyLabels.js';
import { nothingUsable } from './nothingUsable.js';
import { podStatusMissing } from './podStatusMissing.js';
import { zoneAwareIgnoredOnWaypoint } from './zoneAwareIgnoredOnWaypoint.js';

/** In code order; within a subject this is also the order findings are reported in. */
export const SPECIFIED_CHECKS = [
  // Hop and mesh: locality load balancing and outlier detection (istio.md §3, §6, §8; envoy.md §7).
  failoverInactiveWithoutOutlierDetection,
  outlierDetectionEnablesLocalityFailover,
  destinationRuleIgnoredOnZtunnelHop,
  // Traffic distribution (istio.md §4).
  unknownTrafficDistribution,
  trafficDistributionUnsupportedInProfile,
  internalTrafficPolicyLocalNoFailover,
  internalTrafficPolicyLocalNoLocalEndpoint,
  // DestinationRule placement and validation (istio.md §2, §8).
  destinationRuleHostMatchesNothing,
  destinationRuleSubsetSelectsNothing,
  destinationRuleNamespaceNotConsulted,
  maxEjectionPercentNeverEjects,
  localityLbSettingInvalid,
  localityLbSettingsExclusive,
  // The path: endpoints, clients, waypoints, networks (istio.md §1.3, §9; seeds 000, 002).
  backendNoReadyEndpoints,
  clientOutsideMesh,
  waypointMissing,
  waypointUnready,
  globalServiceWaypointNotGlobal,
  waypointDoesNotServeServices,
  ingressBypassesWaypoint,
  noEastWestGateway,
  zoneAwareIgnoredOnWaypoint,
  destinationRuleOverridesTrafficDistribution,
  // What istiod and the Gateway controller would see: clusters that disagree, negative status conditions
  // (istioctl's multicluster and conditions analyzers).
  serviceInconsistentAcrossClusters,
  negativeStatusCondition,
  // Snapshot intake (SPW1001–SPW1099): the snapshot still loads; the message says what was assumed.
  nodeNotInSnapshot,
  namespaceNotInSnapshot,
  endpointTargetNotInSnapshot,
  waypointNotInSnapshot,
  waypointWithoutPods,
  sidecarInjectionNotApplied,
  unknownWaypointFor,
  unknownServiceScope,
  selectorMatchesNothing,
  meshConfigDiffers,
  ignoredApiVersion,
  serviceScopeAnnotation,
  unknownField,
  endpointsDerivedFromPods,
  workloadsWithoutPods,
  localityFromEndpointSlices,
  legacyTopologyLabels,
  nothingUsable,
  podStatusMissing,
] as const;

export type SpecifiedCheck = (typeof SPECIFIED_CHECKS)[number];
/** Every code a diagnostic can carry. */
export type DiagnosticCode = SpecifiedCheck['code'];
/** The readable id of every check. */
export type DiagnosticId = SpecifiedCheck['id'];
