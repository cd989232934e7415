/**
 * The normalized mesh model: what a snapshot's Kubernetes and Istio objects mean to the engine, with
 * every object keeping the identity (cluster/kind/namespace/name) needed to cite it as provenance.
 *
 * Produced by `normalizeSnapshot` (pure), stored as JSON, and consumed by the resolver. Strings that
 * Kubernetes leaves unset are normalized to `''` for topology (Istio compares missing labels as empty
 * strings, so an absent zone on both sides is a match) and to `undefined` elsewhere.
 */

import type { Diagnostic } from './answer.js';
import type { AutoscalerModel } from './autoscalerModel.js';
export type { AutoscalerModel, ScalingPolicy } from './autoscalerModel.js';

/** Semantics an answer is computed with (`../shared/design/api.md`, "profile"). */
export type Profile = 'SOLO' | 'ISTIO_1_30' | 'ISTIO_1_31';
export const PROFILES: readonly Profile[] = ['SOLO', 'ISTIO_1_30', 'ISTIO_1_31'];
export const DEFAULT_PROFILE: Profile = 'SOLO';

/** The one test of what a profile is; the service layer and the upload checks both ask it. */
export function isProfile(value: string): value is Profile {
  return PROFILES.some((profile) => profile === value);
}

export type Labels = Readonly<Record<string, string>>;

/** region/zone/subzone; `''` when unknown. */
export interface Locality {
  readonly region: string;
  readonly zone: string;
  readonly subzone: string;
}

/** A citation of one uploaded object. */
export interface ResourceRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly cluster?: string;
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    readonly values?: readonly string[];
  }[];
}

// ---------------------------------------------------------------------------------------------------------
// Istio API shapes (DestinationRule traffic policy), kept close to networking.istio.io so a rule can be
// shown back to the user as written. Durations are converted to milliseconds by normalization.

export interface LocalityLbSetting {
  readonly enabled?: boolean;
  readonly distribute?: readonly { readonly from: string; readonly to: Readonly<Record<string, number>> }[];
  readonly failover?: readonly { readonly from: string; readonly to: string }[];
  readonly failoverPriority?: readonly string[];
}

/** Istio 1.31+ `zoneAwareLbSetting`. */
export interface ZoneAwareLbSetting {
  readonly enabled?: boolean;
  readonly minClusterSize?: number;
  readonly failover?: readonly { readonly from: string; readonly to: string }[];
  readonly failoverPriority?: readonly string[];
}

export interface LoadBalancerSettings {
  /** ROUND_ROBIN | LEAST_REQUEST | RANDOM | PASSTHROUGH | UNSPECIFIED */
  readonly simple?: string;
  readonly consistentHash?: Readonly<Record<string, unknown>>;
  readonly localityLbSetting?: LocalityLbSetting;
  readonly zoneAwareLbSetting?: ZoneAwareLbSetting;
}

export interface OutlierDetectionSpec {
  readonly consecutive5xxErrors?: number;
  readonly consecutiveGatewayErrors?: number;
  /** Deprecated upstream; validation warns and Envoy ignores it. */
  readonly consecutiveErrors?: number;
  readonly consecutiveLocalOriginFailures?: number;
  readonly splitExternalLocalOriginErrors?: boolean;
  readonly intervalMs?: number;
  readonly baseEjectionTimeMs?: number;
  readonly maxEjectionPercent?: number;
  readonly minHealthPercent?: number;
}

export interface TrafficPolicy {
  readonly loadBalancer?: LoadBalancerSettings;
  readonly outlierDetection?: OutlierDetectionSpec;
  readonly connectionPool?: Readonly<Record<string, unknown>>;
  readonly tls?: Readonly<Record<string, unknown>>;
  readonly portLevelSettings?: readonly PortTrafficPolicy[];
}

export interface PortTrafficPolicy {
  readonly port?: { readonly number?: number };
  readonly loadBalancer?: LoadBalancerSettings;
  readonly outlierDetection?: OutlierDetectionSpec;
  readonly connectionPool?: Readonly<Record<string, unknown>>;
  readonly tls?: Readonly<Record<string, unknown>>;
}

export interface Subset {
  readonly name: string;
  readonly labels?: Labels;
  readonly trafficPolicy?: TrafficPolicy;
}

// ---------------------------------------------------------------------------------------------------------
// Mesh objects

export interface MeshModel {
  /** Profile chosen at upload (default SOLO); a query may override it. */
  readonly profile: Profile;
  readonly meshConfig: MeshConfig;
  readonly clusters: readonly ClusterModel[];
  /**
   * What the snapshot lacks that every answer depends on (no Pods, no Nodes, endpoints derived without
   * EndpointSlices): the intake diagnostics that the service repeats with each answer about the snapshot.
   */
  readonly caveats?: readonly Diagnostic[];
}

export interface MeshConfig {
  /** Default `istio-system`. */
  readonly rootNamespace: string;
  /** Mesh-wide `localityLbSetting`; Istio's default mesh config is `{ enabled: true }`. */
  readonly localityLbSetting?: LocalityLbSetting;
  readonly zoneAwareLbSetting?: ZoneAwareLbSetting;
  /** Upstream ambient multicluster: which services are global. */
  readonly serviceScopeConfigs: readonly ServiceScopeConfig[];
  /**
   * `serviceSettings` with their `settings.clusterLocal` (absent: none; istiod's own cluster-local
   * defaults still apply, `istio/clusterLocalHosts.ts`).
   */
  readonly serviceSettings?: readonly ServiceSettingsEntry[];
  /** Mesh default exportTo for DestinationRules without one; upstream default `['*']`. */
  readonly defaultDestinationRuleExportTo?: readonly string[];
  /** Where the mesh config came from, for provenance. */
  readonly source?: ResourceRef;
}

/** One `meshConfig.serviceSettings` entry: its hosts and `settings.clusterLocal`. */
export interface ServiceSettingsEntry {
  readonly hosts: readonly string[];
  readonly clusterLocal: boolean;
}

export interface ServiceScopeConfig {
  readonly namespaceSelector?: LabelSelector;
  readonly servicesSelector?: LabelSelector;
  readonly scope: 'LOCAL' | 'GLOBAL';
}

export interface ClusterModel {
  readonly name: string;
  /** The cluster's default network (upload parameter or bundle field); `''` when single-network. */
  readonly network: string;
  readonly nodes: readonly NodeModel[];
  readonly namespaces: readonly NamespaceModel[];
  readonly workloads: readonly WorkloadModel[];
  readonly services: readonly ServiceModel[];
  readonly serviceEntries: readonly ServiceEntryModel[];
  readonly endpoints: readonly EndpointModel[];
  readonly waypoints: readonly GatewayModel[];
  /** Non-waypoint Gateways: ingress (class `istio`) and east-west (`istio-east-west`). */
  readonly gateways: readonly GatewayModel[];
  readonly destinationRules: readonly DestinationRuleModel[];
  /** HorizontalPodAutoscalers (the backend's capacity when a what-if gives none); absent when none. */
  readonly autoscalers?: readonly AutoscalerModel[];
}

export interface NodeModel {
  readonly cluster: string;
  readonly name: string;
  readonly labels: Labels;
  /** From `topology.kubernetes.io/region|zone` and `topology.istio.io/subzone`. */
  readonly locality: Locality;
  /** `topology.istio.io/network` label, else the cluster network. */
  readonly network: string;
}

export type DataplaneMode = 'ambient' | 'sidecar' | 'none';

/**
 * One `status.conditions` entry as the controller wrote it (`metav1.Condition`, Istio's `IstioCondition`):
 * kept on the objects whose conditions `analyze` reads (istioctl's `conditions.ConditionAnalyzer`).
 */
export interface StatusCondition {
  readonly type: string;
  /** `True`, `False` or `Unknown`. */
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

/**
 * The value of an `istio.io/use-waypoint` label on a namespace, service, pod or WorkloadEntry.
 * `none` opts the object out of a waypoint set at a broader level.
 */
export type WaypointUse =
  | { readonly kind: 'none'; readonly source: ResourceRef }
  | {
      readonly kind: 'waypoint';
      readonly name: string;
      /** From `istio.io/use-waypoint-namespace`; defaults to the labelled object's namespace. */
      readonly namespace: string;
      readonly source: ResourceRef;
    };

export interface NamespaceModel {
  readonly cluster: string;
  readonly name: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  /** `istio.io/dataplane-mode: ambient` → ambient; `istio-injection: enabled` or `istio.io/rev` → sidecar. */
  readonly dataplaneMode: DataplaneMode;
  readonly useWaypoint?: WaypointUse;
}

export interface WorkloadModel {
  readonly cluster: string;
  readonly kind: 'Pod' | 'WorkloadEntry';
  readonly namespace: string;
  readonly name: string;
  /** The owning Deployment/StatefulSet (through its ReplicaSet), else the `app` label, else the name. */
  readonly workloadName: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly address?: string;
  readonly nodeName?: string;
  /** From the node's topology labels (pods) or `spec.locality` (WorkloadEntries). */
  readonly locality: Locality;
  readonly network: string;
  /** Pod Ready condition; WorkloadEntries are ready unless their health status says otherwise. */
  readonly ready: boolean;
  readonly terminating: boolean;
  readonly dataplaneMode: DataplaneMode;
  readonly useWaypoint?: WaypointUse;
  /** `gateway.networking.k8s.io/gateway-name` when this pod runs a Gateway (waypoint, ingress, east-west). */
  readonly gatewayName?: string;
  readonly serviceAccount?: string;
  /** WorkloadEntry `weight`; pods weigh 1. */
  readonly weight: number;
  /** WorkloadEntries: `status.conditions`, when the snapshot has them. */
  readonly conditions?: readonly StatusCondition[];
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly protocol: string;
  readonly appProtocol?: string;
}

export type ServiceScopeSource = 'SOLO_SERVICE_LABEL' | 'SOLO_NAMESPACE_LABEL' | 'MESH_SERVICE_SCOPE_CONFIG';

export interface ServiceModel {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  /** `name.namespace.svc.cluster.local` */
  readonly hostname: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly type: string;
  readonly clusterIP?: string;
  readonly ports: readonly ServicePort[];
  readonly selector?: Labels;
  /** `spec.trafficDistribution` exactly as written. */
  readonly trafficDistribution?: string;
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly publishNotReadyAddresses: boolean;
  readonly useWaypoint?: WaypointUse;
  /** Set when this service is global (Solo `solo.io/service-scope`, or upstream mesh serviceScopeConfigs). */
  readonly global?: {
    readonly scope: string;
    readonly source: ServiceScopeSource;
    /** `name.namespace.mesh.internal` */
    readonly hostname: string;
  };
  /** `status.conditions` (e.g. `istio.io/WaypointBound`), when the snapshot has them. */
  readonly conditions?: readonly StatusCondition[];
}

export interface ServiceEntryModel {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly hosts: readonly string[];
  readonly addresses: readonly string[];
  readonly ports: readonly ServicePort[];
  readonly location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  readonly resolution: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN';
  readonly workloadSelector?: Labels;
  readonly exportTo: readonly string[];
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly useWaypoint?: WaypointUse;
  /** `status.conditions` (e.g. `istio.io/WaypointBound`), when the snapshot has them. */
  readonly conditions?: readonly StatusCondition[];
}

/**
 * Where an endpoint was learned from. `ServiceSelector`: no EndpointSlice for the Service was in the snapshot,
 * so the endpoint was derived from the Service's selector and a Pod, as the EndpointSlice controller does.
 */
export type EndpointSource = 'EndpointSlice' | 'ServiceSelector' | 'ServiceEntry' | 'WorkloadEntry';

/** One address that serves a service or ServiceEntry host. */
export interface EndpointModel {
  readonly cluster: string;
  /** The Service (namespace/name) or ServiceEntry this endpoint belongs to. */
  readonly service: {
    readonly kind: 'Service' | 'ServiceEntry';
    readonly namespace: string;
    readonly name: string;
  };
  readonly address: string;
  readonly source: EndpointSource;
  readonly sourceRef: ResourceRef;
  /** EndpointSlice conditions; `ready` absent is treated as true, as Kubernetes does. */
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /**
   * The EndpointSlice conditions the slice leaves out (`serving`, `terminating`): istiod reads an absent
   * `terminating` on a not-ready endpoint as terminating and an absent `serving` as serving
   * (`endpointHealthStatus`), where Kubernetes' defaults above say the opposite. Absent when all are written.
   */
  readonly unsetConditions?: readonly ('serving' | 'terminating')[];
  readonly nodeName?: string;
  /** EndpointSlice `zone` hint, used when the node is not in the snapshot. */
  readonly zone?: string;
  /** The Pod or WorkloadEntry behind the address, when known. */
  readonly workload?: {
    readonly kind: 'Pod' | 'WorkloadEntry';
    readonly namespace: string;
    readonly name: string;
  };
  /** Inline ServiceEntry endpoint fields (no workload object). */
  readonly labels?: Labels;
  readonly locality?: Locality;
  readonly network?: string;
  readonly weight?: number;
}

/** `istio-waypoint`, `istio` (ingress) or `istio-east-west`; other classes are kept as written. */
export type GatewayClass = string;

export interface GatewayModel {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly gatewayClassName: GatewayClass;
  readonly labels: Labels;
  readonly annotations: Labels;
  /** `istio.io/waypoint-for`: service (default), workload, all or none. */
  readonly waypointFor: 'service' | 'workload' | 'all' | 'none';
  /** Pods carrying `gateway.networking.k8s.io/gateway-name: <name>` in the same namespace. */
  readonly podNames: readonly string[];
  /** Status `Programmed` condition when the snapshot has one. */
  readonly programmed?: boolean;
  /** `status.conditions` (Accepted, Programmed, ResolvedRefs…), when the snapshot has them. */
  readonly conditions?: readonly StatusCondition[];
}

export interface DestinationRuleModel {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  /** As written (may be short, FQDN, wildcard or `*.ns.mesh.internal`). */
  readonly host: string;
  readonly exportTo: readonly string[];
  readonly workloadSelector?: Labels;
  readonly trafficPolicy?: TrafficPolicy;
  readonly subsets: readonly Subset[];
  /** metadata.creationTimestamp; Istio orders rules by it (oldest first). */
  readonly creationTimestamp?: string;
}
