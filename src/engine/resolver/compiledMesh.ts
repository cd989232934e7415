/**
 * The indexed form of a `MeshModel` the resolver queries. Built once per snapshot by `compileMesh`; every
 * lookup the resolver does per request is a map read, so a query costs O(path size), not O(mesh size).
 */
import type { DestinationRuleIndex } from '../istio/index.js';
import type {
  AutoscalerModel,
  ClusterModel,
  DestinationRuleModel,
  EndpointModel,
  GatewayModel,
  MeshModel,
  NamespaceModel,
  NodeModel,
  Profile,
  ServiceEntryModel,
  ServiceModel,
  WorkloadModel,
} from '../model/meshModel.js';

export interface CompiledMesh {
  readonly model: MeshModel;
  /** The snapshot's profile (a query may override it). */
  readonly profile: Profile;
  readonly rootNamespace: string;
  readonly clusters: ReadonlyMap<string, ClusterModel>;
  /** Key `cluster/name`. */
  readonly nodes: ReadonlyMap<string, NodeModel>;
  /** Key `cluster/namespace`. */
  readonly namespaces: ReadonlyMap<string, NamespaceModel>;
  /** Pods and WorkloadEntries by `cluster/namespace/name`. */
  readonly workloads: ReadonlyMap<string, WorkloadModel>;
  /** Pods and WorkloadEntries by `namespace/name`, every cluster. */
  readonly workloadsByName: ReadonlyMap<string, readonly WorkloadModel[]>;
  /** Pods by `namespace/workloadName` (Deployment/StatefulSet or app label), every cluster. */
  readonly workloadsByWorkloadName: ReadonlyMap<string, readonly WorkloadModel[]>;
  /** Pods by `namespace/app-label`, every cluster. */
  readonly workloadsByApp: ReadonlyMap<string, readonly WorkloadModel[]>;
  /** Key `cluster/namespace/name`. */
  readonly services: ReadonlyMap<string, ServiceModel>;
  /** Services by FQDN (`name.ns.svc.cluster.local`), one per cluster that has it. */
  readonly servicesByHost: ReadonlyMap<string, readonly ServiceModel[]>;
  /** ServiceEntries by each of their hosts, every cluster. */
  readonly serviceEntriesByHost: ReadonlyMap<string, readonly ServiceEntryModel[]>;
  /** Global services by their `*.mesh.internal` host: same name + namespace aggregated across clusters. */
  readonly globalHosts: ReadonlyMap<string, readonly ServiceModel[]>;
  /** Endpoints by `cluster/Kind/namespace/name` of the Service or ServiceEntry they serve. */
  readonly endpointsByService: ReadonlyMap<string, readonly EndpointModel[]>;
  /** Waypoint Gateways by `cluster/namespace/name`. */
  readonly waypoints: ReadonlyMap<string, GatewayModel>;
  /** Waypoints by `namespace/name`, every cluster. */
  readonly waypointsByName: ReadonlyMap<string, readonly GatewayModel[]>;
  /** Non-waypoint Gateways (ingress, east-west) by `cluster/namespace/name`. */
  readonly gateways: ReadonlyMap<string, GatewayModel>;
  /** Non-waypoint Gateways by `namespace/name`, every cluster. */
  readonly gatewaysByName: ReadonlyMap<string, readonly GatewayModel[]>;
  /** East-west Gateways by network. */
  readonly eastWestGatewaysByNetwork: ReadonlyMap<string, readonly GatewayModel[]>;
  /** DestinationRules per cluster: each cluster's istiod only reads its own config (multi-primary). */
  readonly destinationRulesByCluster: ReadonlyMap<string, readonly DestinationRuleModel[]>;
  /** Istio's DR index (namespace-local, exported, root-local) per cluster, built once. */
  readonly destinationRuleIndexByCluster: ReadonlyMap<string, DestinationRuleIndex>;
  /** The HorizontalPodAutoscaler that scales each pod, by `cluster/namespace/pod`. */
  readonly autoscalersByPod: ReadonlyMap<string, AutoscalerModel>;
  /** Every host a backend reference may name, sorted: for "did you mean" suggestions. */
  readonly knownHosts: readonly string[];
  /** Every `namespace/name` a client reference may name, sorted: for "did you mean" suggestions. */
  readonly knownClients: readonly string[];
}
