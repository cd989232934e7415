/**
 * Which traffic-distribution mode a destination has, and which object decided it.
 * Upstream: `pilot/pkg/model/service.go` `GetTrafficDistribution` (istio.md §4.1). SOLO: seed 002
 * ("Configuration" and the mode table) and seeds 000/003 (component defaults).
 */
import type { TrafficDistribution } from '../model/answer.js';
import type {
  NamespaceModel,
  Profile,
  ResourceRef,
  ServiceEntryModel,
  ServiceModel,
} from '../model/meshModel.js';
import type {
  TrafficDistributionMode,
  TrafficDistributionSource,
  TrafficDistributionTarget,
  TrafficDistributionWarning,
} from './types.js';

export const TRAFFIC_DISTRIBUTION_ANNOTATION = 'networking.istio.io/traffic-distribution';
export const TRAFFIC_DISTRIBUTION_SPEC_FIELD = 'spec.trafficDistribution';
const ANNOTATION_FIELD = `metadata.annotations["${TRAFFIC_DISTRIBUTION_ANNOTATION}"]`;

export interface TrafficDistributionInput {
  readonly profile: Profile;
  /** Default `BACKEND`. Under SOLO, waypoints default to PreferClose and backends to PreferNetwork. */
  readonly target?: TrafficDistributionTarget;
  readonly service?: Pick<
    ServiceModel,
    'cluster' | 'namespace' | 'name' | 'annotations' | 'trafficDistribution'
  >;
  readonly serviceEntry?: Pick<ServiceEntryModel, 'cluster' | 'namespace' | 'name' | 'annotations'>;
  /** The destination's namespace; its annotation is inherited (Istio 1.30+, every profile here). */
  readonly namespace?: Pick<NamespaceModel, 'cluster' | 'name' | 'annotations'>;
}

export interface TrafficDistributionResolution {
  readonly mode: TrafficDistributionMode;
  readonly source: TrafficDistributionSource;
  readonly resource?: ResourceRef;
  readonly field?: string;
  /** The value as written when it is not the canonical mode name (aliases, case, unknown values). */
  readonly writtenValue?: string;
  /** Values that were written but did not take effect as written. */
  readonly warnings: readonly TrafficDistributionWarning[];
  /** One sentence for the answer's provenance. */
  readonly reason: string;
  /** The same, in the `TrafficDistribution` answer shape. */
  readonly answer: TrafficDistribution;
}

const SOLO_ONLY_VALUES: ReadonlySet<string> = new Set(['prefernetwork', 'preferregion']);

type Parsed =
  | { readonly kind: 'mode'; readonly mode: TrafficDistributionMode }
  | {
      readonly kind: 'fallthrough';
      readonly warning?: Omit<TrafficDistributionWarning, 'field' | 'resource'>;
    };

/**
 * `spec.trafficDistribution` is compared case-sensitively; upstream maps PreferClose/PreferSameZone
 * and PreferSameNode, anything else falls through to the annotations. SOLO accepts PreferClose
 * (alias PreferSameZone) only (seed 002: "supports PreferClose only").
 */
function parseSpecValue(profile: Profile, value: string): Parsed {
  if (value === '') return { kind: 'fallthrough' };
  if (value === 'PreferClose' || value === 'PreferSameZone') return { kind: 'mode', mode: 'PreferSameZone' };
  if (value === 'PreferSameNode' && profile !== 'SOLO') return { kind: 'mode', mode: 'PreferSameNode' };
  const message =
    profile === 'SOLO'
      ? `spec.trafficDistribution '${value}' is not accepted under SOLO (only PreferClose); the annotations decide`
      : `spec.trafficDistribution '${value}' is not a value Istio maps (case-sensitive); the annotations decide`;
  return { kind: 'fallthrough', warning: { kind: 'SPEC_VALUE_IGNORED', message, value } };
}

/**
 * The annotation is compared case-insensitively. Upstream knows two presets; any other non-empty value
 * becomes Any (with a warning unless it is literally Any) and stops namespace inheritance. SOLO adds
 * PreferNetwork, PreferRegion and an explicit Any (seed 002 mode table).
 */
function parseAnnotationValue(profile: Profile, value: string): Parsed {
  const lower = value.trim().toLowerCase();
  if (lower === '') return { kind: 'fallthrough' };
  if (lower === 'preferclose' || lower === 'prefersamezone') return { kind: 'mode', mode: 'PreferSameZone' };
  if (lower === 'prefersamenode') return { kind: 'mode', mode: 'PreferSameNode' };
  if (lower === 'any') return { kind: 'mode', mode: 'Any' };
  if (profile === 'SOLO') {
    if (lower === 'prefernetwork') return { kind: 'mode', mode: 'PreferNetwork' };
    if (lower === 'preferregion') return { kind: 'mode', mode: 'PreferRegion' };
  }
  return { kind: 'mode', mode: 'Any' };
}

function annotationWarning(
  profile: Profile,
  value: string,
): Omit<TrafficDistributionWarning, 'field' | 'resource'> | undefined {
  const lower = value.trim().toLowerCase();
  const known = ['preferclose', 'prefersamezone', 'prefersamenode', 'any'];
  if (known.includes(lower)) return undefined;
  if (SOLO_ONLY_VALUES.has(lower)) {
    if (profile === 'SOLO') return undefined;
    return {
      kind: 'UNSUPPORTED_IN_PROFILE',
      message: `'${value}' is a Solo mode; upstream Istio (${profile}) treats it as Any and stops namespace inheritance`,
      value,
    };
  }
  return {
    kind: 'UNKNOWN_VALUE',
    message: `'${value}' is not a traffic-distribution mode; it is treated as Any and stops namespace inheritance`,
    value,
  };
}

const CANONICAL_NAMES: ReadonlySet<string> = new Set([
  'Any',
  'PreferSameZone',
  'PreferSameNode',
  'PreferNetwork',
  'PreferRegion',
]);

interface Candidate {
  readonly source: TrafficDistributionSource;
  readonly field: string;
  readonly resource: ResourceRef;
  readonly value: string | undefined;
  readonly isSpec: boolean;
}

function ref(
  kind: string,
  obj: { readonly cluster: string; readonly namespace?: string; readonly name: string },
): ResourceRef {
  return obj.namespace === undefined
    ? { kind, name: obj.name, cluster: obj.cluster }
    : { kind, name: obj.name, namespace: obj.namespace, cluster: obj.cluster };
}

/**
 * The default when nothing is written. Upstream: Any, except that istiod's waypoint (and
 * istio-east-west) template annotates the generated Service with PreferClose (istio.md §4.4), so a
 * waypoint whose Service is not in the snapshot is assumed to carry it. SOLO: PreferClose toward
 * waypoints, PreferNetwork toward backends (seeds 000/003 "Defaults").
 */
function defaultMode(input: TrafficDistributionInput): { mode: TrafficDistributionMode; reason: string } {
  const target = input.target ?? 'BACKEND';
  if (input.profile === 'SOLO') {
    return target === 'BACKEND'
      ? { mode: 'PreferNetwork', reason: 'nothing set: SOLO uses PreferNetwork toward backends' }
      : { mode: 'PreferSameZone', reason: 'nothing set: SOLO uses PreferClose toward waypoints' };
  }
  if (target !== 'BACKEND' && input.service === undefined) {
    return {
      mode: 'PreferSameZone',
      reason: "istiod's waypoint template annotates the generated Service with PreferClose",
    };
  }
  return { mode: 'Any', reason: 'nothing set: upstream default Any' };
}

/**
 * Resolve the mode: Service `spec.trafficDistribution` > Service annotation > Namespace annotation >
 * ServiceEntry annotation > the component default. For a ServiceEntry alone its annotation comes
 * before the namespace's (`serviceentry/conversion.go`, istio.md §4.1).
 *
 * @example resolveTrafficDistribution({ profile: 'ISTIO_1_31', service: { …, annotations: { 'networking.istio.io/traffic-distribution': 'preferclose' } } })
 *   // → { mode: 'PreferSameZone', source: 'SERVICE_ANNOTATION', writtenValue: 'preferclose', … }
 */
export function resolveTrafficDistribution(input: TrafficDistributionInput): TrafficDistributionResolution {
  const candidates: Candidate[] = [];
  const { service, serviceEntry, namespace } = input;
  if (service !== undefined) {
    const svcRef = ref('Service', service);
    candidates.push({
      source: 'SERVICE_SPEC',
      field: TRAFFIC_DISTRIBUTION_SPEC_FIELD,
      resource: svcRef,
      value: service.trafficDistribution,
      isSpec: true,
    });
    candidates.push({
      source: 'SERVICE_ANNOTATION',
      field: ANNOTATION_FIELD,
      resource: svcRef,
      value: service.annotations[TRAFFIC_DISTRIBUTION_ANNOTATION],
      isSpec: false,
    });
  }
  const seCandidate: Candidate | undefined =
    serviceEntry === undefined
      ? undefined
      : {
          source: 'SERVICE_ENTRY_ANNOTATION',
          field: ANNOTATION_FIELD,
          resource: ref('ServiceEntry', serviceEntry),
          value: serviceEntry.annotations[TRAFFIC_DISTRIBUTION_ANNOTATION],
          isSpec: false,
        };
  if (seCandidate !== undefined && service === undefined) candidates.push(seCandidate);
  if (namespace !== undefined) {
    candidates.push({
      source: 'NAMESPACE_ANNOTATION',
      field: ANNOTATION_FIELD,
      resource: { kind: 'Namespace', name: namespace.name, cluster: namespace.cluster },
      value: namespace.annotations[TRAFFIC_DISTRIBUTION_ANNOTATION],
      isSpec: false,
    });
  }
  if (seCandidate !== undefined && service !== undefined) candidates.push(seCandidate);

  const warnings: TrafficDistributionWarning[] = [];
  for (const c of candidates) {
    if (c.value === undefined) continue;
    const parsed = c.isSpec
      ? parseSpecValue(input.profile, c.value)
      : parseAnnotationValue(input.profile, c.value);
    if (!c.isSpec) {
      const w = annotationWarning(input.profile, c.value);
      if (w !== undefined && c.value.trim() !== '')
        warnings.push({ ...w, field: c.field, resource: c.resource });
    }
    if (parsed.kind === 'fallthrough') {
      if (parsed.warning !== undefined)
        warnings.push({ ...parsed.warning, field: c.field, resource: c.resource });
      continue;
    }
    const writtenValue = c.value !== parsed.mode || !CANONICAL_NAMES.has(c.value) ? c.value : undefined;
    const reason = `${c.field} on ${c.resource.kind} ${c.resource.namespace ?? ''}${c.resource.namespace === undefined ? '' : '/'}${c.resource.name} = '${c.value}'`;
    return finish({
      mode: parsed.mode,
      source: c.source,
      resource: c.resource,
      field: c.field,
      writtenValue,
      warnings,
      reason,
    });
  }
  const d = defaultMode(input);
  return finish({
    mode: d.mode,
    source: 'DEFAULT',
    resource: undefined,
    field: undefined,
    writtenValue: undefined,
    warnings,
    reason: d.reason,
  });
}

function finish(r: {
  mode: TrafficDistributionMode;
  source: TrafficDistributionSource;
  resource: ResourceRef | undefined;
  field: string | undefined;
  writtenValue: string | undefined;
  warnings: TrafficDistributionWarning[];
  reason: string;
}): TrafficDistributionResolution {
  const answer: TrafficDistribution = {
    mode: r.mode,
    source: r.source,
    ...(r.resource === undefined ? {} : { resource: r.resource }),
    ...(r.field === undefined ? {} : { field: r.field }),
    ...(r.writtenValue === undefined ? {} : { writtenValue: r.writtenValue }),
  };
  return {
    mode: r.mode,
    source: r.source,
    ...(r.resource === undefined ? {} : { resource: r.resource }),
    ...(r.field === undefined ? {} : { field: r.field }),
    ...(r.writtenValue === undefined ? {} : { writtenValue: r.writtenValue }),
    warnings: r.warnings,
    reason: r.reason,
    answer,
  };
}

export interface InternalTrafficPolicyEffect {
  readonly nodeLocal: boolean;
  /** ztunnel: STRICT [NODE] and traffic distribution ignored; Envoy: endpoints filtered to the proxy's node. */
  readonly ztunnelStrictNode: boolean;
  readonly trafficDistributionIgnoredOnZtunnel: boolean;
  readonly envoyFiltersToProxyNode: boolean;
  readonly note?: string;
}

/**
 * `internalTrafficPolicy: Local`: ztunnel gets `{[NODE], STRICT}` and ignores traffic distribution
 * (`constructService`, istio.md §4.3); Envoy drops endpoints not on its node and still applies traffic
 * distribution (`filterIstioEndpoint`, §4.2). Seed 002: "if no endpoints match, traffic is dropped".
 */
export function internalTrafficPolicyEffect(
  service: Pick<ServiceModel, 'internalTrafficPolicy'>,
): InternalTrafficPolicyEffect {
  if (service.internalTrafficPolicy !== 'Local') {
    return {
      nodeLocal: false,
      ztunnelStrictNode: false,
      trafficDistributionIgnoredOnZtunnel: false,
      envoyFiltersToProxyNode: false,
    };
  }
  return {
    nodeLocal: true,
    ztunnelStrictNode: true,
    trafficDistributionIgnoredOnZtunnel: true,
    envoyFiltersToProxyNode: true,
    note: 'internalTrafficPolicy Local: only endpoints on the client node are used, without failover; none there means the connection fails',
  };
}

/** Gateway classes whose generated Service istiod annotates with PreferClose (istio.md §4.4). */
const ANNOTATED_GATEWAY_CLASSES: ReadonlySet<string> = new Set(['istio-waypoint', 'istio-east-west']);

/**
 * Annotations istiod's deployment template puts on the Service it generates for a Gateway: the
 * `waypoint` template (also used by `istio-east-west`) sets traffic distribution PreferClose; the plain
 * `kube-gateway` template sets none (`waypoint.yaml`, `classinfo.go`).
 */
export function generatedGatewayServiceAnnotations(
  gatewayClassName: string,
): Readonly<Record<string, string>> {
  return ANNOTATED_GATEWAY_CLASSES.has(gatewayClassName)
    ? { [TRAFFIC_DISTRIBUTION_ANNOTATION]: 'PreferClose' }
    : {};
}
