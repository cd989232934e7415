/**
 * The facts checks look at, one shape per subject. Producers fill them: the resolver for every hop it
 * builds (scope `hop`), the mesh analysis for every object of the snapshot (scope `mesh`). A check reads
 * only its subject's facts, so the same check gives the same answer wherever it runs.
 */
import type {
  DestinationRuleProxyKind,
  EffectiveLbSetting,
  TrafficDistributionWarning,
} from '../istio/index.js';
import type { TrafficDistributionMode, TrafficDistributionSource } from '../model/answer.js';
import type {
  DestinationRuleModel,
  Labels,
  LocalityLbSetting,
  Profile,
  ResourceRef,
  ServiceModel,
  StatusCondition,
} from '../model/meshModel.js';
import type { Balancer } from '../model/resolved.js';

/** One hop as its balancer sees it. */
export interface HopFacts {
  /** The hop's destination host (`to`). */
  readonly host: string;
  /** The host whose DestinationRule the proxy applies (`HopDestination.ruleHost`). */
  readonly ruleHost: string;
  readonly balancer: Balancer;
  /** kube-proxy hops: the client, which is outside the mesh. */
  readonly outsideMeshClient?: ResourceRef;
  /** Envoy hops: the proxy, the locality setting in force and the traffic distribution it replaced. */
  readonly envoy?: {
    readonly proxyKind: DestinationRuleProxyKind;
    readonly setting: EffectiveLbSetting;
    /** The DestinationRule in force. */
    readonly rule?: ResourceRef;
    readonly trafficDistribution: {
      readonly mode: TrafficDistributionMode;
      readonly source: TrafficDistributionSource;
      readonly resource?: ResourceRef;
    };
  };
}

/** The written traffic-distribution values of one destination that did not take effect as written. */
export interface TrafficDistributionFacts {
  readonly profile: Profile;
  readonly warnings: readonly TrafficDistributionWarning[];
  /** Named when a warning carries no object of its own (the analysis names the Service). */
  readonly subject?: ResourceRef;
}

/** One DestinationRule on its own. */
export interface DestinationRuleFacts {
  readonly rule: DestinationRuleModel;
}

/** One DestinationRule and what its host matches in the snapshot. */
export interface RuleInMeshFacts {
  readonly rule: DestinationRuleModel;
  /** The rule's host, fully qualified. */
  readonly host: string;
  /** Services the host matches as seen from the rule's cluster (global hosts: every cluster). */
  readonly serviceCount: number;
  /** Their namespaces, in order of first appearance. */
  readonly serviceNamespaces: readonly string[];
  readonly serviceEntryCount: number;
  readonly rootNamespace: string;
  /** Whether a sidecar, gateway or waypoint in the rule's namespace and cluster reads rules from there. */
  readonly namespaceConsulted: boolean;
}

/** Which waypoint `istio.io/use-waypoint` asks for on a backend, and what became of it. */
export interface WaypointUseFacts {
  readonly backendHost: string;
  /** The backend's Service or ServiceEntry. */
  readonly backend: ResourceRef;
  readonly backendGlobal: boolean;
  readonly cluster: string;
  readonly use: { readonly name: string; readonly namespace: string; readonly source: ResourceRef };
  /**
   * INGRESS_BYPASS: an ingress gateway skips it; MISSING: no such Gateway; NOT_FOR_SERVICES: its
   * `waypoint-for` excludes service traffic; BOUND: the backend goes through it.
   */
  readonly outcome: 'INGRESS_BYPASS' | 'MISSING' | 'NOT_FOR_SERVICES' | 'BOUND';
  readonly waypointFor?: string;
  /** BOUND only: whether the waypoint's own Service is global. */
  readonly waypointGlobal?: boolean;
}

/** A locality load-balancing setting where it is written, and whether outlier detection accompanies it. */
export interface LocalitySettingFacts {
  /** `DestinationRule ns/name` or `meshConfig.localityLbSetting`. */
  readonly owner: string;
  /** Where in the rule, e.g. `trafficPolicy`; absent for the setting in force on a hop. */
  readonly site?: string;
  /** The host the setting is in force for, on a hop. */
  readonly host?: string;
  readonly setting: LocalityLbSetting;
  readonly outlierDetection: boolean;
  readonly resources: readonly ResourceRef[];
}

/** A DestinationRule applied to a host, and what it does there besides its own fields. */
export interface RuleOnHostFacts {
  readonly rule: RuleSummary;
  readonly host: string;
  /** Outlier detection alone turns on the mesh's default locality failover for the host. */
  readonly outlierEnablesMeshFailover: boolean;
  /** Set when ambient clients reach the host through ztunnel only: the Services so reached. */
  readonly ztunnelOnly?: readonly ResourceRef[];
}

/** A DestinationRule's outlier detection over the pool of hosts it ejects from. */
export interface EjectionPoolFacts {
  readonly rule: RuleSummary;
  readonly host: string;
  /** Hosts in the pool (a hop: the hosts the proxy holds; the analysis: every endpoint of the host's Services). */
  readonly hosts: number;
  /** In force: the rule's, else Envoy's default. */
  readonly maxEjectionPercent: number;
}

/** How a finding names a DestinationRule. */
export interface RuleSummary {
  readonly ref: ResourceRef;
  readonly namespace: string;
  readonly name: string;
}

/** A destination's endpoints as a balancer (or, in the analysis, every client of its cluster) sees them. */
export interface DestinationFacts {
  readonly host: string;
  /** The Service or ServiceEntry whose settings apply. */
  readonly target?: ResourceRef;
  readonly cluster: string;
  readonly internalTrafficPolicyLocal: boolean;
  /** Ready endpoints the balancer may use; absent when readiness does not decide (ALLOW_ALL, no selector). */
  readonly readyEndpoints?: number;
  /** With internalTrafficPolicy Local on a hop: ready endpoints on the proxy's node. */
  readonly readyOnNode?: number;
  /** The balancing proxy, on a hop: its name and node. */
  readonly viewer?: { readonly name?: string; readonly node?: string };
}

/** A destination with endpoints on networks other than the viewer's. */
export interface CrossNetworkFacts {
  readonly host: string;
  readonly target?: ResourceRef;
  /** Networks holding endpoints that the snapshot has no east-west gateway for. */
  readonly networksWithoutGateway: readonly string[];
  /** On a hop, the Envoy proxy that balances: what upstream does without a gateway depends on it. */
  readonly proxyKind?: DestinationRuleProxyKind;
}

/** One waypoint Gateway and its pods. */
export interface WaypointFacts {
  readonly namespace: string;
  readonly name: string;
  readonly cluster: string;
  readonly readyPods: number;
  readonly pods: number;
  readonly programmed?: boolean;
}

/** A DestinationRule's subsets and the endpoints of the host it names (its Services and ServiceEntries). */
export interface SubsetsFacts {
  readonly rule: RuleSummary;
  readonly host: string;
  readonly subsets: readonly { readonly name: string; readonly labels: Labels }[];
  /**
   * Each endpoint's labels as istiod augments them (`AugmentLabels`: topology from the pod's Node, the
   * node name, cluster and network); `undefined` when the endpoint's pod is not in the snapshot.
   */
  readonly endpointLabels: readonly (Labels | undefined)[];
}

/** Services with one namespace and name in two or more clusters, in cluster order. */
export interface SameNameServicesFacts {
  readonly namespace: string;
  readonly name: string;
  readonly services: readonly ServiceModel[];
}

/** The status conditions an object's controller wrote, as the snapshot holds them. */
export interface StatusConditionsFacts {
  readonly resource: ResourceRef;
  readonly conditions: readonly StatusCondition[];
  /** Gateways: a waypoint's readiness and `Programmed` condition are SPW0016's to report. */
  readonly waypoint?: boolean;
}

export interface FactsBySubject {
  readonly localitySetting: LocalitySettingFacts;
  readonly ruleOnHost: RuleOnHostFacts;
  readonly ejectionPool: EjectionPoolFacts;
  readonly destination: DestinationFacts;
  readonly crossNetwork: CrossNetworkFacts;
  readonly waypoint: WaypointFacts;
  readonly hop: HopFacts;
  readonly trafficDistribution: TrafficDistributionFacts;
  readonly destinationRule: DestinationRuleFacts;
  readonly ruleInMesh: RuleInMeshFacts;
  readonly waypointUse: WaypointUseFacts;
  readonly subsets: SubsetsFacts;
  readonly sameNameServices: SameNameServicesFacts;
  readonly statusConditions: StatusConditionsFacts;
}
