/**
 * Shared data types of the Istio algorithm library. Everything here is plain readonly data so the
 * resolver can store it, diff it and explain it. Profiles: `ISTIO_1_30` / `ISTIO_1_31` follow upstream
 * (`../shared/reference/istio.md`), `SOLO` follows the seeds and otherwise 1.31.
 */
import type { ResourceRef } from '../model/meshModel.js';
import type { LbSettingSource, TrafficDistributionMode, TrafficDistributionSource } from '../model/answer.js';

/** Which kind of destination the mode is resolved for; `SOLO` defaults differ (seeds 000/003). */
export type TrafficDistributionTarget = 'BACKEND' | 'WAYPOINT' | 'EAST_WEST_GATEWAY';

/** Why a written traffic-distribution value did not take effect as written. */
export type TrafficDistributionWarningKind =
  /** A value no profile recognizes (typo). */
  | 'UNKNOWN_VALUE'
  /** A value another profile knows but this one does not (e.g. PreferNetwork upstream). */
  | 'UNSUPPORTED_IN_PROFILE'
  /** `spec.trafficDistribution` holds a value the profile does not accept there; it falls through. */
  | 'SPEC_VALUE_IGNORED'
  /** The mode is overridden: internalTrafficPolicy Local on a ztunnel hop ignores traffic distribution. */
  | 'IGNORED_BY_INTERNAL_TRAFFIC_POLICY';

export interface TrafficDistributionWarning {
  readonly kind: TrafficDistributionWarningKind;
  readonly message: string;
  readonly value: string;
  readonly field?: string;
  readonly resource?: ResourceRef;
}

/** ztunnel workload-API routing scopes (`ztunnel:src/state/service.rs`). */
export type ZtunnelScope = 'NETWORK' | 'REGION' | 'ZONE' | 'SUBZONE' | 'NODE' | 'CLUSTER';

export type ZtunnelLbMode = 'STANDARD' | 'FAILOVER' | 'STRICT' | 'PASSTHROUGH';

export type ZtunnelHealthPolicy = 'ONLY_HEALTHY' | 'ALLOW_ALL';

/** The workload-API `LoadBalancing` message istiod sends ztunnel for one service. */
export interface ZtunnelLoadBalancing {
  readonly mode: ZtunnelLbMode;
  readonly scopes: readonly ZtunnelScope[];
  readonly healthPolicy: ZtunnelHealthPolicy;
  /** Why this message (which rule of `constructService` / `constructServiceEntries`). */
  readonly reason: string;
}

/** Where a DR lookup found its rules (`PushContext.destinationRule`, istio.md §2.2). */
export type DestinationRuleLookupStep =
  'PROXY_NAMESPACE' | 'ROOT_NAMESPACE_LOCAL' | 'SERVICE_NAMESPACE' | 'ROOT_NAMESPACE' | 'NONE';

/** The proxy that consults DRs; waypoints use the inbound direction and east-west gateways none. */
export type DestinationRuleProxyKind = 'SIDECAR' | 'INGRESS_GATEWAY' | 'WAYPOINT' | 'EAST_WEST_GATEWAY';

/** Health as sent to Envoy in EDS, or dropped before it. */
export type EdsHealth = 'HEALTHY' | 'UNHEALTHY' | 'DROPPED';

export type { LbSettingSource, TrafficDistributionMode, TrafficDistributionSource };
