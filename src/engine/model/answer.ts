/**
 * What the engine answers: the effective policy of a client→backend request, hop by hop, and the
 * what-if comparison. These shapes mirror the public GraphQL contract (`../shared/design/api.md`), so the
 * adapters only translate names, never compute. Percentages are 0–100 of the hop's traffic.
 */
import type { DiagnosticCode } from '../diagnostics/checks/index.js';
import type { Profile, ResourceRef } from './meshModel.js';
import type { AutoscalerOutlook, CascadeOutcome, OverloadCascade, OverloadInput } from './overload.js';

export type {
  AutoscalerOutlook,
  CascadeOutcome,
  CascadeStep,
  OverloadCascade,
  OverloadFailure,
  OverloadInput,
} from './overload.js';

export type Severity = 'ERROR' | 'WARNING' | 'INFO';

/** A finding with a stable `SPW####` code (one check per code: `src/engine/diagnostics/checks/`). */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly resources: readonly ResourceRef[];
  /** The istioctl (`IST0xxx`) or Kiali (`KIA0xxx`) code of the nearest equivalent check, if any. */
  readonly equivalent?: string;
}

export type ProxyKind = 'ZTUNNEL' | 'SIDECAR' | 'WAYPOINT' | 'INGRESS_GATEWAY' | 'NONE';

export interface Proxy {
  readonly kind: ProxyKind;
  readonly name?: string;
  readonly cluster?: string;
  readonly network?: string;
  /** `region/zone/subzone` */
  readonly locality?: string;
  /** The node the proxy runs on (ztunnel: the client's node). */
  readonly node?: string;
}

export type Layer = 'L4' | 'L7';

/** Where a traffic-distribution mode came from, highest precedence first. */
export type TrafficDistributionSource =
  | 'SERVICE_SPEC'
  | 'SERVICE_ANNOTATION'
  | 'NAMESPACE_ANNOTATION'
  | 'SERVICE_ENTRY_ANNOTATION'
  | 'INTERNAL_TRAFFIC_POLICY'
  | 'DESTINATION_RULE'
  | 'DEFAULT';

/**
 * A resolved traffic-distribution mode. `PreferSameZone` covers the `PreferClose` alias (Istio 1.27+,
 * `model.TrafficDistribution`). `PreferNetwork` and `PreferRegion` exist only under `SOLO` (seed 002).
 */
export type TrafficDistributionMode =
  'Any' | 'PreferSameZone' | 'PreferSameNode' | 'PreferNetwork' | 'PreferRegion';

export interface TrafficDistribution {
  readonly mode: TrafficDistributionMode;
  readonly source: TrafficDistributionSource;
  /** The object that decided it (absent for DEFAULT). */
  readonly resource?: ResourceRef;
  /** The exact field or annotation, e.g. `spec.trafficDistribution`. */
  readonly field?: string;
  /** The value as written, when it differs from `mode` (unknown values become Any upstream). */
  readonly writtenValue?: string;
}

export type LocalityLbMode =
  | 'NONE'
  | 'TRAFFIC_DISTRIBUTION'
  | 'LOCALITY_FAILOVER'
  | 'FAILOVER'
  | 'FAILOVER_PRIORITY'
  | 'DISTRIBUTE'
  | 'ZONE_AWARE'
  | 'ZTUNNEL_RANKING'
  | 'ZTUNNEL_STRICT'
  | 'DISABLED';

/** How the effective locality LB setting was reached (`GetEffectiveLbSetting`, istio.md §3.1). */
export type LbSettingSource =
  | 'DESTINATION_RULE_ZONE_AWARE'
  | 'DESTINATION_RULE_LOCALITY'
  | 'DESTINATION_RULE_DISABLED'
  | 'TRAFFIC_DISTRIBUTION'
  | 'MESH_ZONE_AWARE'
  | 'MESH_LOCALITY'
  | 'MESH_DISABLED'
  | 'NONE';

/** Where a hop's locality balancing comes from: Envoy's setting, or what decides a ztunnel hop's ranking. */
export type LocalityLbSource = LbSettingSource | 'internalTrafficPolicy' | 'traffic distribution';

/** The balancing algorithm of a hop: Envoy's LB policy (Istio's default LEAST_REQUEST), ztunnel's random pick, kube-proxy's. */
export type LoadBalancerAlgorithm =
  'LEAST_REQUEST' | 'ROUND_ROBIN' | 'RANDOM' | 'CLUSTER_PROVIDED' | 'RING_HASH' | 'MAGLEV';

export interface LocalityLb {
  readonly mode: LocalityLbMode;
  readonly active: boolean;
  readonly reason?: string;
  /** The failoverPriority labels (or ztunnel scopes) in force, in order. */
  readonly failoverPriority: readonly string[];
  /** Where the setting came from: DR, mesh config, traffic distribution… */
  readonly source?: LocalityLbSource;
  readonly resource?: ResourceRef;
}

/** Outlier detection in force with every default filled in (Envoy defaults where Istio leaves a field unset). */
export interface OutlierDetection {
  readonly consecutive5xxErrors: number;
  /** Envoy counts gateway errors but enforces them only when Istio sets the field (>0). */
  readonly consecutiveGatewayErrors?: number;
  readonly intervalSeconds: number;
  readonly baseEjectionTimeSeconds: number;
  readonly maxEjectionTimeSeconds: number;
  readonly maxEjectionPercent: number;
  readonly minHealthPercent: number;
  /** Which fields were written in the DR (the rest are defaults). */
  readonly explicitFields: readonly string[];
  readonly resource?: ResourceRef;
}

export interface PriorityLevel {
  readonly level: number;
  readonly endpoints: number;
  readonly healthy: number;
  /** Envoy's health score: min(100, floor(overprovisioning × healthy / total)). */
  readonly healthPercent: number;
  readonly loadPercent: number;
  readonly panic: boolean;
  /** What places an endpoint at this level, e.g. "same network + region + zone". */
  readonly meaning?: string;
}

export interface EndpointShare {
  readonly name: string;
  readonly address?: string;
  readonly cluster?: string;
  readonly network?: string;
  readonly locality?: string;
  readonly node?: string;
  readonly priority: number;
  readonly healthy: boolean;
  readonly ejected: boolean;
  readonly sharePercent: number;
  /** Why it sits at this priority (labels matched / rule applied). */
  readonly priorityReason?: string;
  /** Locality weight in force (DR distribute), when any. */
  readonly localityWeight?: number;
  /**
   * The balancing proxy holds the endpoint (istiod sent it in EDS, ztunnel keeps it as a candidate,
   * kube-proxy lists it); false: listed for explanation only, it never receives traffic.
   */
  readonly held: boolean;
  /** Why it is in or out: its conditions as the control plane reads them, and what the proxy does with them. */
  readonly stateReason?: string;
  /**
   * Share of its capacity the endpoint uses at the scenario's load (an estimate from the capacity given:
   * `Scenario.utilizationPercent` or an HPA target); null when the capacity is unknown.
   */
  readonly utilizationPercent?: number | null;
  /** Set (true) on an endpoint the scenario makes fail; its health flags stay what the proxy sees. */
  readonly failing?: boolean;
  /**
   * On a failing endpoint that fails only part of what it receives, that part in percent: an east-west
   * gateway with some failing endpoints behind it (it relays their errors). Absent: it fails everything.
   */
  readonly failingPercent?: number;
  /**
   * The requests the endpoint receives per 100 requests of the hop, retries included; present when the
   * hop retried (otherwise it equals `sharePercent`).
   */
  readonly attemptsPercent?: number;
}

/** What the retry policy in force did on a hop under the scenario's failures. */
export interface HopRetries {
  /** The policy and where it comes from (Istio's default without VirtualService retries). */
  readonly policy: string;
  /** Whether this failure kind is retried, and why. */
  readonly retried: boolean;
  readonly reason: string;
  /** Mean attempts per request of the hop (1 without retries). */
  readonly attemptsPerRequest: number;
  /** Share of the hop's requests retried at least once. */
  readonly retriedPercent: number;
  /** The hop's error rate before retries (the failing endpoints' share). */
  readonly errorPercentBeforeRetries: number;
}

/**
 * Envoy's circuit-breaker thresholds on a hop's cluster, per proxy replica, from DestinationRule
 * `connectionPool` (absent = Istio's 2³² − 1, no limit).
 */
export interface CircuitBreakerLimits {
  readonly maxConnections?: number;
  readonly maxPendingRequests?: number;
  readonly maxRequests?: number;
  readonly maxRetries?: number;
}

export interface Hop {
  readonly from: Proxy;
  /** The waypoint's or the backend's host. */
  readonly to: string;
  readonly layer: Layer;
  readonly trafficDistribution: TrafficDistribution;
  readonly destinationRule?: ResourceRef;
  /** Which DR fields take effect on this hop; on a ztunnel hop, none. */
  readonly destinationRuleFieldsApplied: readonly string[];
  readonly localityLb: LocalityLb;
  readonly loadBalancer: LoadBalancerAlgorithm;
  readonly outlierDetection?: OutlierDetection;
  readonly panicThresholdPercent: number;
  readonly overprovisioningFactor: number;
  /** Circuit breakers from the DestinationRule's connectionPool, when it sets any. */
  readonly circuitBreakers?: CircuitBreakerLimits;
  /** REQUEST on L7 hops, CONNECTION on ztunnel hops. */
  readonly shareUnit: 'REQUEST' | 'CONNECTION';
  readonly priorities: readonly PriorityLevel[];
  readonly endpoints: readonly EndpointShare[];
  /** Traffic on this hop that reaches no endpoint (no healthy host, STRICT with no match…). */
  readonly droppedPercent: number;
  /** Under a whatIf scenario with failing endpoints on an Envoy hop: what retries did. */
  readonly retries?: HopRetries;
  readonly notes: readonly string[];
  /**
   * Every replica of this hop when it has more than one (absent otherwise): each client pod's own first
   * hop, each waypoint pod's own hop. The hop's own fields are its representative replica's.
   */
  readonly replicas?: readonly ReplicaHop[];
}

/** One replica of a hop: the same destination balanced by another proxy replica, from its own place. */
export interface ReplicaHop {
  readonly from: Proxy;
  /**
   * Share of the client's requests this replica balances: a client pod's weight (equal), or what the
   * previous hop's replicas send to this proxy replica.
   */
  readonly trafficPercent: number;
  readonly priorities: readonly PriorityLevel[];
  /** Shares of this replica's own traffic. */
  readonly endpoints: readonly EndpointShare[];
  readonly droppedPercent: number;
}

export interface EffectivePolicy {
  readonly profile: Profile;
  readonly client: ResourceRef;
  readonly backend: string;
  readonly hops: readonly Hop[];
  /**
   * Each backend endpoint's share of the client's requests end to end, composed over every hop and every
   * proxy replica on the way (`evaluate/composeBackendShares.ts`); the rest was dropped on the way. The
   * other fields of each entry are the last hop's (its representative replica's).
   */
  readonly backendShares: readonly EndpointShare[];
  readonly diagnostics: readonly Diagnostic[];
}

export type EjectionOutcome =
  | 'EJECTED'
  | 'REFUSED_BY_CAP'
  | 'NO_OUTLIER_DETECTION'
  | 'UNKNOWN_ENDPOINT'
  | 'NOT_ON_PATH'
  | 'ALREADY_UNHEALTHY'
  /** `failure: NOT_READY`: the endpoint left EDS (or ztunnel's candidates); nothing to eject. */
  | 'REMOVED_NOT_READY';

export interface Ejection {
  readonly endpoint: string;
  readonly hop?: number;
  readonly outcome: EjectionOutcome;
  readonly reason?: string;
  readonly ejectionSeconds?: number;
}

/**
 * How `ejectEndpoints` and `failLocalities` fail: the endpoint answers 503 (`HTTP_5XX`, the default),
 * refuses or resets connections (`CONNECT_FAILURE`: Envoy's default retry policy retries it on another
 * host), or loses readiness (`NOT_READY`: removed from EDS and from ztunnel's candidates, nothing fails).
 */
export type FailureKind = 'HTTP_5XX' | 'CONNECT_FAILURE' | 'NOT_READY';

export interface Scenario {
  readonly ejectEndpoints?: readonly string[];
  /** How the named endpoints fail; default `HTTP_5XX`. */
  readonly failure?: FailureKind;
  readonly loadFactor?: number;
  readonly failLocalities?: readonly string[];
  readonly overprovisioningFactor?: number;
  /** The backend endpoints' mean utilisation at nominal load, 0 < u ≤ 100 (default: an HPA target). */
  readonly utilizationPercent?: number;
  /** The client's nominal request rate to the backend, for circuit breakers. */
  readonly requestsPerSecond?: number;
  /** Mean request latency at the backend; concurrency = rate × latency (Little's law). */
  readonly latencyMs?: number;
  /** How the backend's endpoints fail when overloaded: runs the overload cascade (`WhatIf.cascade`). */
  readonly overload?: OverloadInput;
}

export interface SweepPoint {
  readonly loadFactor: number;
  /** Endpoints ejected at this load: the scenario's, and with `overload` the cascade's last step's. */
  readonly ejectedEndpoints: number;
  /** The request's error rate at this load (after the cascade, with `overload`). */
  readonly errorPercent: number;
  /** The cascade's outcome at this load; null without `overload`. */
  readonly cascade: CascadeOutcome | null;
  /** Per hop, per priority level: load percent. */
  readonly hops: readonly {
    readonly hop: number;
    readonly loads: readonly number[];
    readonly overflowPercent: number;
    /** The busiest endpoint's utilisation; null when capacity is unknown. */
    readonly maxUtilizationPercent: number | null;
    /** Share of the hop's requests beyond capacity; null when capacity is unknown. */
    readonly saturatedPercent: number | null;
  }[];
}

export interface WhatIf {
  readonly profile: Profile;
  readonly baseline: EffectivePolicy;
  readonly scenario: EffectivePolicy;
  readonly ejections: readonly Ejection[];
  readonly errorPercent: number;
  /** Requests refused by circuit breakers (local 503, flag UO), composed over the hops; 0 without limits. */
  readonly overflowPercent: number;
  /**
   * Share of the client's requests that meet an endpoint beyond its capacity, composed over the hops whose
   * capacity is known; null when no hop's capacity is known.
   */
  readonly saturatedPercent: number | null;
  /** The overload cascade, when the scenario says how overload fails (`Scenario.overload`). */
  readonly cascade?: OverloadCascade;
  /** What each HorizontalPodAutoscaler behind the backend would do at the scenario's load; absent when none. */
  readonly autoscalers?: readonly AutoscalerOutlook[];
  /** The load model's statement and assumptions, repeated on every answer. */
  readonly notes: readonly string[];
}
