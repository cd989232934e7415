/**
 * The boundary between the resolver (`src/engine/resolver`) and the spillover model
 * (`src/engine/spillover`): a request path whose every hop carries its endpoints already placed at
 * priority levels, with health as the proxy would see it, but no traffic shares yet. The spillover model
 * turns a `ResolvedHop` (plus a scenario) into priority loads and endpoint shares.
 */
import type {
  CircuitBreakerLimits,
  Diagnostic,
  Layer,
  LoadBalancerAlgorithm,
  LocalityLb,
  OutlierDetection,
  Proxy,
  TrafficDistribution,
} from './answer.js';
import type { AutoscalerModel, Locality, Profile, ResourceRef } from './meshModel.js';

/**
 * Health as the balancing proxy sees it before any scenario (Envoy `coarseHealth`). `EXCLUDED` means the
 * proxy does not hold the endpoint at all (istiod did not send it, or ztunnel filtered it before ranking):
 * the endpoint is listed for explanation and takes no part in balancing (spillover README, step 1).
 * `DRAINING` is an endpoint EDS sends with status DRAINING (persistent-session services): Envoy holds it
 * unhealthy and excluded (`EDS_STATUS_DRAINING`, envoy.md §1), so it counts only where excluded hosts do.
 */
export type EndpointHealth = 'HEALTHY' | 'DEGRADED' | 'UNHEALTHY' | 'DRAINING' | 'EXCLUDED';

export interface ResolvedEndpoint {
  /** Unique within the hop: `cluster/namespace/name` for workloads, `cluster/address` otherwise. */
  readonly id: string;
  /** Pod or WorkloadEntry name, else the address. */
  readonly name: string;
  readonly address?: string;
  readonly cluster: string;
  readonly network: string;
  readonly locality: Locality;
  readonly node?: string;
  readonly workload?: ResourceRef;
  /** Dense priority level after compaction (0 = most preferred). ztunnel: best rank = 0. */
  readonly priority: number;
  /** Raw (pre-compaction) value, for explanation. */
  readonly rawPriority: number;
  /** Human explanation: which labels matched / which rule placed it here. */
  readonly priorityReason: string;
  readonly health: EndpointHealth;
  /** Endpoint LB weight (WorkloadEntry weight, default 1). */
  readonly weight: number;
  /** Locality weight from DR `distribute`, when in force. */
  readonly localityWeight?: number;
  /**
   * An east-west gateway endpoint standing in for remote-network endpoints (`EndpointsByNetworkFilter`):
   * their ids. In whatIf it fails the share of its traffic that reaches failing endpoints behind it
   * (`spillover/gatewayFailures.ts`), and as a host when every one of them fails.
   */
  readonly standsFor?: readonly string[];
  /**
   * Why the proxy holds the endpoint or not (`health`), from its EndpointSlice conditions or its pod's
   * readiness as the proxy's control plane reads them (`endpointHealthStatus`, `filterIstioEndpoint`,
   * ztunnel's workload health). Absent on hand-built hops.
   */
  readonly stateReason?: string;
}

/** How a hop's proxy spreads traffic across priorities. */
export type Balancer =
  /** Envoy (sidecar, waypoint, gateway): priority load with overprovisioning and panic. */
  | 'ENVOY'
  /** ztunnel: best-ranked healthy tier only, no gradual spillover. */
  | 'ZTUNNEL'
  /** No mesh proxy: kube-proxy style uniform spread over ready endpoints. */
  | 'KUBE_PROXY';

/** One locality's hosts, for Envoy's zone-aware routing (`ZoneAwareLoadBalancerBase`). */
export interface LocalityHostCount {
  /** `region/zone/subzone`. */
  readonly locality: string;
  readonly hosts: number;
  readonly healthy: number;
}

/**
 * Envoy zone-aware routing on a hop whose effective setting is `zoneAwareLbSetting` (Istio 1.31): what
 * Envoy needs beyond the upstream hosts (its own locality and the `local_cluster` istiod injects with
 * self-discovery), or the prerequisite the snapshot shows missing.
 */
export interface ZoneAwareHop {
  readonly localLocality: string;
  readonly minClusterSize: number;
  /** `routing_enabled`: 100, or 0 for `enabled: false`. */
  readonly routingEnabledPercent: number;
  /** The local cluster (the proxy's own Service) per locality; absent when a prerequisite is missing. */
  readonly local?: readonly LocalityHostCount[];
  /** The Service that forms the local cluster. */
  readonly localService?: string;
  /** Which prerequisite is missing, in words; absent when all hold. */
  readonly missing?: string;
}

export interface ResolvedHop {
  readonly from: Proxy;
  readonly to: string;
  readonly layer: Layer;
  readonly balancer: Balancer;
  readonly trafficDistribution: TrafficDistribution;
  readonly destinationRule?: ResourceRef;
  readonly destinationRuleFieldsApplied: readonly string[];
  readonly localityLb: LocalityLb;
  readonly loadBalancer: LoadBalancerAlgorithm;
  readonly outlierDetection?: OutlierDetection;
  /** 0 disables panic. */
  readonly panicThresholdPercent: number;
  /** Integer percent; Envoy's default (`ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT`), never overridden by Istio. */
  readonly overprovisioningFactor: number;
  /** Envoy's circuit breakers from the DR's connectionPool (`circuitBreakerLimits`), when it sets any. */
  readonly circuitBreakers?: CircuitBreakerLimits;
  /** Envoy honours locality weights only when `locality_weighted_lb_config` is set. */
  readonly localityWeighted: boolean;
  /** Zone-aware routing inside priority 0, when the hop's setting is `zoneAwareLbSetting`. */
  readonly zoneAware?: ZoneAwareHop;
  /** ztunnel only: STRICT drops connections with no full match; ALLOW_ALL keeps unready endpoints. */
  readonly ztunnel?: {
    readonly mode: 'STANDARD' | 'FAILOVER' | 'STRICT' | 'PASSTHROUGH';
    readonly scopes: readonly string[];
    readonly healthPolicy: 'ONLY_HEALTHY' | 'ALLOW_ALL';
  };
  readonly endpoints: readonly ResolvedEndpoint[];
  /** Meaning of each dense priority level, index = level. */
  readonly priorityMeanings: readonly string[];
  readonly notes: readonly string[];
}

/**
 * One replica of a hop: the same destination balanced from another place. On the first hop, one per
 * client pod (each proxy computes from its own pod's locality); on a later hop, one per replica of the
 * proxy the previous hop reaches (each waypoint pod computes its own Envoy priorities from its locality).
 */
export interface HopReplica {
  /** First hop: the client pod's name. Later hops: the id of the previous hop's endpoint this proxy is. */
  readonly key: string;
  /** First hop: the pod's weight among the client's pods (they sum to 1). Later hops: 1 (the previous hop's share decides). */
  readonly weight: number;
  /** The replica's hop; the representative replica's is the very object in `ResolvedPath.hops`. */
  readonly hop: ResolvedHop;
}

export interface ResolvedPath {
  readonly profile: Profile;
  readonly client: ResourceRef;
  /** The backend host as resolved (FQDN or global host). */
  readonly backend: string;
  /** One representative hop per step: the first ready client pod, the waypoint replica it reaches first. */
  readonly hops: readonly ResolvedHop[];
  /**
   * Per hop index, every replica of that hop (`composeBackendShares` walks them end to end). A hop
   * with one replica lists it alone; absent when the path was built by hand (the representatives then
   * stand for every replica).
   */
  readonly replicas?: readonly (readonly HopReplica[])[];
  readonly diagnostics: readonly Diagnostic[];
  /** The HorizontalPodAutoscalers that scale the last hop's endpoints; absent when none does. */
  readonly backendAutoscalers?: readonly BackendAutoscaler[];
}

/** One HPA and the endpoints of the path's last hop it scales (indexes into `hop.endpoints`). */
export interface BackendAutoscaler {
  readonly autoscaler: AutoscalerModel;
  readonly endpointIndexes: readonly number[];
}
