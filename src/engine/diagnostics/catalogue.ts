/**
 * Every finding Spillway reports, with a stable `SPW####` code. Codes are never reused or renumbered:
 * portals and CI pipelines filter on them. `equivalent` names the closest `istioctl analyze` (IST) or
 * Kiali (KIA) check (`../shared/reference/ecosystem.md` §1.1, §1.5), when one exists.
 */
import type { Severity } from '../model/answer.js';

export interface CatalogueEntry {
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
  readonly equivalent?: string;
}

/** Keyed by a readable id so call sites say what they report; the code is what clients see. */
export const DIAGNOSTICS = {
  /** DR `failover`/`failoverPriority` without outlierDetection: Envoy never leaves priority 0 (istio.md §3.2, §8). */
  FAILOVER_INACTIVE_NO_OUTLIER_DETECTION: {
    code: 'SPW0001',
    severity: 'WARNING',
    title: 'Locality failover is configured but inactive: the rule has no outlierDetection',
    equivalent: 'IST0133',
  },
  /** With the mesh default `localityLbSetting.enabled: true`, adding outlierDetection turns on 4-level failover (istio.md §11.3). */
  OUTLIER_DETECTION_ENABLES_LOCALITY_FAILOVER: {
    code: 'SPW0002',
    severity: 'INFO',
    title: 'outlierDetection silently turns on locality failover (mesh localityLbSetting default)',
  },
  /** ztunnel reads no DestinationRule (istio.md §9.2; seed 002 "DestinationRules are not applied on the ztunnel path"). */
  DESTINATION_RULE_IGNORED_ON_ZTUNNEL_HOP: {
    code: 'SPW0003',
    severity: 'WARNING',
    title: 'A DestinationRule exists for this host but the hop is ztunnel-only, so none of its fields apply',
    equivalent: 'KIA0211',
  },
  /** `GetTrafficDistribution`: an unknown annotation value becomes Any with only an istiod log line (istio.md §4.1). */
  UNKNOWN_TRAFFIC_DISTRIBUTION: {
    code: 'SPW0004',
    severity: 'WARNING',
    title: 'Unknown traffic-distribution value; it is treated as Any',
  },
  /** PreferNetwork/PreferRegion upstream, or a spec value the profile does not accept (istio.md §11.7; seed 002). */
  TRAFFIC_DISTRIBUTION_UNSUPPORTED_IN_PROFILE: {
    code: 'SPW0005',
    severity: 'WARNING',
    title: 'Traffic-distribution value not accepted by this profile',
  },
  /** `internalTrafficPolicy: Local` → ztunnel STRICT [NODE], Envoy node filter; no failover (istio.md §4.3; seed 002). */
  INTERNAL_TRAFFIC_POLICY_LOCAL_NO_FAILOVER: {
    code: 'SPW0006',
    severity: 'INFO',
    title: 'internalTrafficPolicy Local removes failover: only endpoints on the client node are used',
  },
  /** Same rule with no endpoint on the node: the connection fails (seed 002 "traffic is dropped"). */
  INTERNAL_TRAFFIC_POLICY_LOCAL_NO_LOCAL_ENDPOINT: {
    code: 'SPW0007',
    severity: 'ERROR',
    title: 'internalTrafficPolicy Local and no endpoint on the client node: traffic is dropped',
  },
  /** `UnknownDestinationRuleHost` / Kiali "host not in registry". */
  DESTINATION_RULE_HOST_MATCHES_NOTHING: {
    code: 'SPW0008',
    severity: 'WARNING',
    title: 'DestinationRule host matches no Service, ServiceEntry or global host',
    equivalent: 'IST0174',
  },
  /** A DR outside the root namespace is only read by clients in its namespace or for services there (istio.md §2.2). */
  DESTINATION_RULE_NAMESPACE_NOT_CONSULTED: {
    code: 'SPW0009',
    severity: 'WARNING',
    title: 'DestinationRule lives in a namespace no client consults for its host',
    equivalent: 'KIA0212',
  },
  /** Envoy ≥1.28 ejects only while 100×(ejected+1) ≤ maxEjectionPercent×hosts (envoy.md §7.4). */
  MAX_EJECTION_PERCENT_NEVER_EJECTS: {
    code: 'SPW0010',
    severity: 'WARNING',
    title: 'maxEjectionPercent is too small to ever eject a host of this pool',
  },
  /** `ValidateLocalityLbSetting` errors: weights ≠ 100, distribute + failover, topology labels with failover (istio.md §8). */
  LOCALITY_LB_SETTING_INVALID: {
    code: 'SPW0011',
    severity: 'ERROR',
    title: 'Invalid locality load-balancing setting (istiod rejects it)',
    equivalent: 'IST0106',
  },
  /** Settings that pass validation but exclude each other at runtime (distribute wins over failoverPriority, istio.md §11.8). */
  LOCALITY_LB_SETTINGS_EXCLUSIVE: {
    code: 'SPW0012',
    severity: 'WARNING',
    title: 'Locality load-balancing settings that exclude each other: only one takes effect',
    equivalent: 'IST0133',
  },
  BACKEND_NO_READY_ENDPOINTS: {
    code: 'SPW0013',
    severity: 'ERROR',
    title: 'The backend has no ready endpoint on this hop',
  },
  /** No mesh proxy on the client: plain kube-proxy balancing, no mesh policy (seed 002 "Native traffic distribution"). */
  CLIENT_OUTSIDE_MESH: {
    code: 'SPW0014',
    severity: 'INFO',
    title: 'The client is outside the mesh: kube-proxy balances its traffic and no mesh policy applies',
  },
  /** `istio.io/use-waypoint` names a Gateway that does not exist: istiod marks WaypointBound=False and traffic skips L7 policy. */
  WAYPOINT_MISSING: {
    code: 'SPW0015',
    severity: 'ERROR',
    title: 'The waypoint named by istio.io/use-waypoint does not exist',
    equivalent: 'IST0171',
  },
  WAYPOINT_UNREADY: {
    code: 'SPW0016',
    severity: 'ERROR',
    title: 'The waypoint has no ready pod: traffic addressed through it fails',
    equivalent: 'IST0171',
  },
  /** Ambient multicluster: a global service's waypoint must be global too (ecosystem.md §1.9 item 9). */
  GLOBAL_SERVICE_WAYPOINT_NOT_GLOBAL: {
    code: 'SPW0017',
    severity: 'WARNING',
    title: 'A global service uses a waypoint that is not global',
  },
  /** `istio.io/waypoint-for` says the waypoint does not take service-addressed traffic. */
  WAYPOINT_DOES_NOT_SERVE_SERVICES: {
    code: 'SPW0018',
    severity: 'WARNING',
    title: 'The waypoint does not accept service traffic (istio.io/waypoint-for)',
    equivalent: 'IST0171',
  },
  /** Ingress gateways go straight to backends unless the service opts in with `istio.io/ingress-use-waypoint`. */
  INGRESS_BYPASSES_WAYPOINT: {
    code: 'SPW0019',
    severity: 'INFO',
    title: 'The ingress gateway bypasses the service waypoint (no istio.io/ingress-use-waypoint)',
  },
  /**
   * Cross-network endpoints are reached through their network's east-west gateway; Istio drops them when
   * it knows no gateway (istio.md §1.3). Snapshots are often per-cluster dumps without the remote gateway,
   * so the resolver keeps the endpoints and says what it assumed.
   */
  NO_EAST_WEST_GATEWAY: {
    code: 'SPW0020',
    severity: 'WARNING',
    title: 'Endpoints on another network, but the snapshot has no east-west gateway for that network',
  },
  /** Zone-aware LB yields no priorities on waypoints (istio.md §11.12). */
  ZONE_AWARE_IGNORED_ON_WAYPOINT: {
    code: 'SPW0021',
    severity: 'WARNING',
    title: 'zoneAwareLbSetting gives a waypoint no locality priorities at all',
  },
  /** A DR whose host-level policy overrides the service traffic distribution (seed 002 "it overrides the traffic distribution"). */
  DESTINATION_RULE_OVERRIDES_TRAFFIC_DISTRIBUTION: {
    code: 'SPW0022',
    severity: 'INFO',
    title: 'A DestinationRule localityLbSetting overrides the service traffic distribution on this hop',
  },

  // Snapshot intake (SPW1001–SPW1099): findings of normalization and ingest. The snapshot still loads; the
  // message says what Spillway assumed instead. Reported with the upload and by `snapshot { diagnostics }`.
  NODE_NOT_IN_SNAPSHOT: {
    code: 'SPW1001',
    severity: 'WARNING',
    title: 'A pod names a node that is not in the snapshot; its locality is unknown',
  },
  NAMESPACE_NOT_IN_SNAPSHOT: {
    code: 'SPW1002',
    severity: 'WARNING',
    title: 'Objects live in a namespace that is not in the snapshot; its labels are assumed empty',
  },
  ENDPOINT_TARGET_NOT_IN_SNAPSHOT: {
    code: 'SPW1003',
    severity: 'INFO',
    title: 'An endpoint targets a pod that is not in the snapshot',
  },
  WAYPOINT_NOT_IN_SNAPSHOT: {
    code: 'SPW1004',
    severity: 'WARNING',
    title: 'istio.io/use-waypoint names a waypoint that is not in the snapshot',
    equivalent: 'IST0171',
  },
  WAYPOINT_WITHOUT_PODS: {
    code: 'SPW1005',
    severity: 'WARNING',
    title: 'A waypoint Gateway has no pods in the snapshot',
  },
  SIDECAR_INJECTION_NOT_APPLIED: {
    code: 'SPW1006',
    severity: 'INFO',
    title: 'The namespace asks for sidecar injection but the pod has no sidecar',
  },
  UNKNOWN_WAYPOINT_FOR: {
    code: 'SPW1007',
    severity: 'WARNING',
    title: 'Unknown istio.io/waypoint-for value; the default (service) is assumed',
  },
  UNKNOWN_SERVICE_SCOPE: {
    code: 'SPW1008',
    severity: 'WARNING',
    title: 'Unknown solo.io/service-scope value; the service is treated as local',
  },
  SELECTOR_MATCHES_NOTHING: {
    code: 'SPW1009',
    severity: 'INFO',
    title: 'A selector matches no workload in the snapshot',
    equivalent: 'KIA0003',
  },
  MESH_CONFIG_DIFFERS: {
    code: 'SPW1010',
    severity: 'WARNING',
    title: 'The bundle mesh config differs from the istio ConfigMap; the bundle wins',
  },
  IGNORED_API_VERSION: {
    code: 'SPW1011',
    severity: 'INFO',
    title: 'A known kind at an API version Spillway does not read was ignored',
  },
  SERVICE_SCOPE_ANNOTATION: {
    code: 'SPW1012',
    severity: 'WARNING',
    title: 'solo.io/service-scope is set as an annotation; Solo reads it as a label',
  },
} as const satisfies Readonly<Record<string, CatalogueEntry>>;

export type DiagnosticId = keyof typeof DIAGNOSTICS;

/** First code of the snapshot-intake range. */
export const INTAKE_CODE_FLOOR = 'SPW1000';

/** The catalogue as a list, in code order. */
export const CATALOGUE: readonly (CatalogueEntry & { readonly id: DiagnosticId })[] = (
  Object.keys(DIAGNOSTICS) as DiagnosticId[]
)
  .map((id) => ({ id, ...DIAGNOSTICS[id] }))
  .sort((a, b) => (a.code < b.code ? -1 : 1));
