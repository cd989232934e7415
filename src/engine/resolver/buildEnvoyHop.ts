/**
 * A hop balanced by Envoy (sidecar, ingress gateway or waypoint; L7). The proxy picks one
 * DestinationRule (`SidecarScope.DestinationRule`), resolves its policy for the port
 * (`GetPortLevelTrafficPolicy`), derives the locality setting (`GetEffectiveLbSetting`) and places the
 * endpoints at priorities as EDS would (`ApplyLocalityLoadBalancer`). istio.md §2–§6; seeds 000/003.
 */
import { DIAGNOSTICS } from '../diagnostics/catalogue.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { ruleDiagnostics } from '../diagnostics/ruleDiagnostics.js';
import {
  assignEnvoyPriorities,
  loadBalancerPolicy,
  augmentLabels,
  effectiveLbSetting,
  effectiveTrafficPolicy,
  failoverActivation,
  fillOutlierDetection,
  gatewayEndpointLabels,
  localityString,
  notReadyEndpointHealth,
  panicThreshold,
  selectDestinationRule,
  type ConsolidatedDestinationRule,
  type DestinationRuleProxyKind,
  type EffectiveLbSetting,
  type LbEndpointInput,
  type LocalityGroupInput,
  type TrafficDistributionMode,
  type TrafficPolicyResolution,
} from '../istio/index.js';
import type { Diagnostic, LocalityLb, OutlierDetection } from '../model/answer.js';
import type { Labels, Locality, Profile, ResourceRef } from '../model/meshModel.js';
import type { EndpointHealth, ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import type { HopResult } from './buildZtunnelHop.js';
import type { EndpointCandidate } from './collectEndpoints.js';
import type { CompiledMesh } from './compiledMesh.js';
import { candidateTopology } from './candidateTopology.js';
import { eastWestGatewayFor, eastWestLocality } from './eastWestGateway.js';
import {
  ENVOY_DEFAULT_MAX_EJECTION_PERCENT,
  ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT,
} from '../envoyDefaults.js';
import type { HopDestination, HopSource } from './hopContext.js';
import { proxyOf } from './hopContext.js';
import { trafficDistributionFor } from './trafficDistributionFor.js';

/** Envoy (≥1.28) ejects only while 100 × (ejected + 1) ≤ maxEjectionPercent × hosts (envoy.md §7.4). */
export const PERCENT = 100;

/** Dotted names of the DR fields in force on this cluster, e.g. `loadBalancer.simple`, `outlierDetection`. */
function fieldsApplied(policy: TrafficPolicyResolution): string[] {
  const out: string[] = [];
  for (const block of policy.fieldsApplied) {
    if (block === 'loadBalancer') {
      const lb = policy.policy.loadBalancer ?? {};
      const keys = Object.keys(lb).filter((k) => (lb as Readonly<Record<string, unknown>>)[k] !== undefined);
      out.push(...(keys.length === 0 ? ['loadBalancer'] : keys.map((k) => `loadBalancer.${k}`)));
    } else {
      out.push(block);
    }
    const level = policy.levels[block];
    if (level !== 'TOP_LEVEL' && level !== 'UNSET')
      out[out.length - 1] = `${out[out.length - 1] ?? block} (${level.toLowerCase().replace(/_/g, '-')})`;
  }
  return out;
}

function drRef(rule: ConsolidatedDestinationRule): ResourceRef {
  return {
    kind: 'DestinationRule',
    name: rule.rule.name,
    namespace: rule.rule.namespace,
    cluster: rule.rule.cluster,
  };
}

function sourceLabels(source: HopSource): Labels {
  return augmentLabels(source.labels, {
    locality: source.locality,
    cluster: source.cluster,
    network: source.network,
    ...(source.node !== undefined ? { nodeName: source.node } : {}),
  });
}

/**
 * Every endpoint's placement, as arrays indexed like the candidates (one object per endpoint would be
 * thousands of short-lived objects per query).
 */
interface Placements {
  readonly candidates: readonly EndpointCandidate[];
  readonly health: readonly EndpointHealth[];
  readonly why: readonly (string | undefined)[];
  readonly labels: readonly Labels[];
  /** `localityString` of the locality each endpoint is grouped in. */
  readonly localityKeys: readonly string[];
  /** Cross-network endpoints: index → the locality they are grouped in; every other endpoint uses its own. */
  readonly crossNetwork: ReadonlyMap<number, Locality>;
  /** `CandidateTopology.classIndex`/`classCount`: valid for every endpoint not in `crossNetwork`. */
  readonly classIndex: Int32Array;
  readonly classCount: number;
}

/**
 * Health as EDS would carry it, the labels priority assignment compares, and the locality group. Cross-
 * network endpoints become east-west gateway stand-ins: upstream they carry only cluster + network labels
 * in their original locality group (§1.3); Solo takes their locality from the peering gateway (seed 002).
 */
function place(
  mesh: CompiledMesh,
  source: HopSource,
  destination: HopDestination,
  profile: Profile,
  mode: TrafficDistributionMode,
  proxyKind: DestinationRuleProxyKind,
  outlier: TrafficPolicyResolution['policy']['outlierDetection'],
): Placements {
  const nodeLocal = destination.primary?.internalTrafficPolicy === 'Local';
  const candidates = destination.endpoints;
  const topology = candidateTopology(candidates);
  // Shared with every query until a cross-network endpoint needs its own entry.
  let ownLabels: Labels[] | undefined;
  let ownKeys: string[] | undefined;
  const crossNetwork = new Map<number, Locality>();
  const health: EndpointHealth[] = [];
  const why: (string | undefined)[] = [];
  // The same for every endpoint of the hop: it depends on the profile, mode, proxy and rule only.
  let notReady: { readonly health: EndpointHealth; readonly why: string } | undefined;
  for (let i = 0; i < candidates.length; i += 1) {
    const e = candidates[i];
    if (e === undefined) continue;
    if (e.network !== source.network && e.network !== '' && source.network !== '') {
      ownLabels ??= topology.labels.slice();
      ownKeys ??= topology.localityKeys.slice();
      // Solo: the peering gateway's locality, or the endpoint's own when the snapshot lacks the gateway
      // (flat networks exchange WorkloadEntries that carry it).
      const gwLocality = eastWestLocality(eastWestGatewayFor(mesh, e.network)) ?? e.locality;
      if (profile === 'SOLO') {
        ownLabels[i] = augmentLabels({}, { locality: gwLocality, cluster: e.cluster, network: e.network });
        ownKeys[i] = localityString(gwLocality);
        crossNetwork.set(i, gwLocality);
      } else {
        ownLabels[i] = gatewayEndpointLabels(e.cluster, e.network);
        crossNetwork.set(i, e.locality);
      }
    }
    if (nodeLocal && e.node !== source.node) {
      health.push('EXCLUDED');
      why.push(`internalTrafficPolicy Local: not on the proxy's node ${source.node ?? '(unknown)'}`);
    } else if (!e.ready) {
      if (notReady === undefined) {
        const h = notReadyEndpointHealth({
          profile,
          mode,
          proxyKind,
          ...(outlier !== undefined ? { outlierDetection: outlier } : {}),
        });
        notReady = { health: h.health === 'UNHEALTHY' ? 'UNHEALTHY' : 'EXCLUDED', why: h.reason };
      }
      health.push(notReady.health);
      why.push(notReady.why);
    } else {
      health.push('HEALTHY');
      why.push(undefined);
    }
  }
  return {
    candidates,
    health,
    why,
    labels: ownLabels ?? topology.labels,
    localityKeys: ownKeys ?? topology.localityKeys,
    crossNetwork,
    classIndex: topology.classIndex,
    classCount: topology.classCount,
  };
}

/** A locality group being built. */
interface GroupBuild {
  readonly locality: Locality;
  readonly representatives: LbEndpointInput[];
  weight: number;
}

/** One endpoint standing for every endpoint of its locality group with the same labels. */
interface Representative {
  readonly id: string;
  readonly labels: Labels;
  weight: number;
}

interface LocalityGrouping {
  readonly groups: LocalityGroupInput[];
  readonly representatives: readonly Representative[];
  /** Per endpoint, the index of its representative; -1 when EDS leaves the endpoint out. */
  readonly representativeOf: Int32Array;
}

/**
 * Group the endpoints EDS carries by locality, sorted by locality string (`endpoint_builder.go` `generate`).
 * Priority assignment sees only an endpoint's locality group and labels (istio.md §5), so endpoints of a
 * group with the same labels always land together: each such set goes in as one representative carrying
 * their summed weight (the group's weight and every split's weight stay the sums Istio computes), and
 * every member takes its representative's assignment. Cross-network stand-ins carry labels of their own
 * and each represents itself.
 */
function localityGroups(placements: Placements): LocalityGrouping {
  const { candidates, health, labels, localityKeys, crossNetwork, classIndex } = placements;
  const groups = new Map<string, GroupBuild>();
  const representatives: Representative[] = [];
  const groupOf: GroupBuild[] = [];
  const representativeOf = new Int32Array(candidates.length).fill(-1);
  const representativeOfClass = new Int32Array(placements.classCount).fill(-1);
  const crossNetworkAny = crossNetwork.size > 0;
  for (let i = 0; i < candidates.length; i += 1) {
    const e = candidates[i];
    if (e === undefined || health[i] === 'EXCLUDED') continue;
    const weight = e.weight;
    const cls = crossNetworkAny && crossNetwork.has(i) ? -1 : (classIndex[i] ?? -1);
    const known = cls >= 0 ? (representativeOfClass[cls] ?? -1) : -1;
    const rep = known >= 0 ? representatives[known] : undefined;
    const repGroup = known >= 0 ? groupOf[known] : undefined;
    if (rep !== undefined && repGroup !== undefined) {
      repGroup.weight += weight;
      rep.weight += weight;
      representativeOf[i] = known;
      continue;
    }
    const key = localityKeys[i] ?? '';
    let g = groups.get(key);
    if (g === undefined) {
      g = { locality: crossNetwork.get(i) ?? e.locality, representatives: [], weight: 0 };
      groups.set(key, g);
    }
    g.weight += weight;
    const created: Representative = { id: e.id, labels: labels[i] ?? {}, weight };
    const index = representatives.length;
    representatives.push(created);
    groupOf.push(g);
    g.representatives.push(created);
    representativeOf[i] = index;
    if (cls >= 0) representativeOfClass[cls] = index;
  }
  const sorted = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({
      locality: key === '' ? null : g.locality,
      weight: g.weight,
      endpoints: g.representatives,
    }));
  return { groups: sorted, representatives, representativeOf };
}

function settingDiagnostics(
  setting: EffectiveLbSetting,
  active: boolean,
  levels: number,
  rule: ConsolidatedDestinationRule | undefined,
  host: string,
  proxyKind: DestinationRuleProxyKind,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const resources = rule !== undefined ? [drRef(rule)] : [];
  if (setting.kind === 'LOCALITY' && !active) {
    const s = setting.setting;
    const configured = (s.failover?.length ?? 0) > 0 || (s.failoverPriority?.length ?? 0) > 0;
    if (
      configured &&
      (setting.source === 'DESTINATION_RULE_LOCALITY' || setting.source === 'MESH_LOCALITY')
    ) {
      out.push(
        diagnostic(
          'FAILOVER_INACTIVE_NO_OUTLIER_DETECTION',
          `${setting.source === 'MESH_LOCALITY' ? 'meshConfig.localityLbSetting' : `DestinationRule ${rule?.rule.namespace ?? ''}/${rule?.rule.name ?? ''}`} configures failover for ${host}, but the rule in force has no outlierDetection: every endpoint stays at priority 0 and the failover order is never used.`,
          resources,
        ),
      );
    }
  }
  if (setting.kind === 'LOCALITY' && active && setting.source === 'MESH_LOCALITY' && rule !== undefined) {
    out.push(
      diagnostic(
        'OUTLIER_DETECTION_ENABLES_LOCALITY_FAILOVER',
        `DestinationRule ${rule.rule.namespace}/${rule.rule.name} sets outlierDetection for ${host}; with the mesh localityLbSetting (enabled by default) that alone turns on locality failover: same subzone, then zone, then region, then elsewhere (${levels} level(s) here).`,
        resources,
      ),
    );
  }
  if (setting.kind === 'ZONE_AWARE' && proxyKind === 'WAYPOINT') {
    out.push(
      diagnostic(
        'ZONE_AWARE_IGNORED_ON_WAYPOINT',
        `zoneAwareLbSetting (${setting.reason}) is in force for ${host} at a waypoint, which skips zone-aware load balancing entirely: no locality priorities at all.`,
        resources,
      ),
    );
  }
  return out;
}

/**
 * Build the Envoy hop from `source` to `destination`.
 *
 * @example httpbin-waypoint → in-ambient with in-ambient-failover: ROUND_ROBIN, outlier 3×5xx/10 s/30 s/50 %, one level.
 */
export function buildEnvoyHop(
  mesh: CompiledMesh,
  source: HopSource,
  destination: HopDestination,
  profile: Profile,
  proxyKind: DestinationRuleProxyKind,
): HopResult {
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const td = trafficDistributionFor(mesh, destination, source.cluster, profile);
  diagnostics.push(...td.diagnostics);
  const mode = td.resolution.mode;
  const proxyLabels = sourceLabels(source);

  const index = mesh.destinationRuleIndexByCluster.get(source.cluster);
  const selection =
    index === undefined
      ? undefined
      : selectDestinationRule(index, {
          proxyNamespace: source.namespace,
          serviceNamespace: destination.ruleNamespace,
          hostname: destination.ruleHost,
          proxyKind,
          proxyLabels,
        });
  const rule = selection?.rule;
  if (selection !== undefined)
    notes.push(
      `DestinationRule lookup for ${destination.ruleHost} from ${source.namespace}: ${[...selection.lookup.trace, ...selection.trace].join('; ')}`,
    );
  if (rule !== undefined && rule.from.length > 1)
    notes.push(`Merged rules: ${rule.from.map((r) => `${r.namespace ?? ''}/${r.name}`).join(', ')}.`);

  const policy = effectiveTrafficPolicy(rule?.rule, destination.port);
  const outlierSpec = policy.policy.outlierDetection;
  const meshConfig = mesh.model.meshConfig;
  const setting = effectiveLbSetting({
    profile,
    mode,
    destinationRulePresent: rule !== undefined,
    ...(policy.policy.loadBalancer !== undefined ? { drLoadBalancer: policy.policy.loadBalancer } : {}),
    mesh: {
      ...(meshConfig.localityLbSetting !== undefined
        ? { localityLbSetting: meshConfig.localityLbSetting }
        : {}),
      ...(meshConfig.zoneAwareLbSetting !== undefined
        ? { zoneAwareLbSetting: meshConfig.zoneAwareLbSetting }
        : {}),
    },
  });
  const activation = failoverActivation(setting, {
    hasOutlierDetection: outlierSpec !== undefined,
    proxyKind,
  });

  const placements = place(mesh, source, destination, profile, mode, proxyKind, outlierSpec);
  const grouping = localityGroups(placements);
  const assignment = assignEnvoyPriorities({
    profile,
    proxy: { locality: source.locality, labels: proxyLabels, kind: proxyKind },
    groups: grouping.groups,
    setting,
    hasOutlierDetection: outlierSpec !== undefined,
  });
  const assignedById = new Map(assignment.endpoints.map((a) => [a.id, a]));
  const removedIds = new Set(assignment.removedEndpoints);
  const assignedOf = grouping.representatives.map((r) => assignedById.get(r.id));
  const removedOf = grouping.representatives.map((r) => removedIds.has(r.id));
  const lastLevel = Math.max(0, assignment.levelMeanings.length - 1);
  const via = ` reached through its east-west gateway${profile === 'SOLO' ? " (Solo: compared with the gateway's locality, else its own)" : " (compared with the gateway's cluster/network labels only)"}`;

  const endpoints: ResolvedEndpoint[] = [];
  const crossNetworkAny = placements.crossNetwork.size > 0;
  for (let i = 0; i < placements.candidates.length; i += 1) {
    const e = placements.candidates[i];
    const placedHealth = placements.health[i];
    if (e === undefined || placedHealth === undefined) continue;
    const placedWhy = placements.why[i];
    const representative = grouping.representativeOf[i] ?? -1;
    const a = representative >= 0 ? assignedOf[representative] : undefined;
    const isRemoved = representative >= 0 && removedOf[representative] === true;
    const health: EndpointHealth = isRemoved || a === undefined ? 'EXCLUDED' : placedHealth;
    const why = isRemoved
      ? 'distribute: its locality matches no `to` entry, so it receives no traffic'
      : a === undefined
        ? (placedWhy ?? 'not sent to the proxy')
        : placedWhy !== undefined
          ? `${a.reason}; ${placedWhy}`
          : a.reason;
    const priority = a?.priority ?? lastLevel;
    const rawPriority = a?.rawPriority ?? -1;
    const priorityReason =
      crossNetworkAny && placements.crossNetwork.has(i) ? `${why}; on network ${e.network},${via}` : why;
    const localityWeight =
      a?.localityWeight !== undefined && assignment.localityWeighted ? a.localityWeight : undefined;
    const { address, node, workload } = e;
    // Pods carry address, node and workload: one literal in the answer's field order, no spreads (this
    // runs once per endpoint per query). Anything else keeps the same order with the optional fields left out.
    let out: ResolvedEndpoint;
    if (address !== undefined && node !== undefined && workload !== undefined) {
      out =
        localityWeight === undefined
          ? {
              id: e.id,
              name: e.name,
              address,
              cluster: e.cluster,
              network: e.network,
              locality: e.locality,
              node,
              workload,
              priority,
              rawPriority,
              priorityReason,
              health,
              weight: e.weight,
            }
          : {
              id: e.id,
              name: e.name,
              address,
              cluster: e.cluster,
              network: e.network,
              locality: e.locality,
              node,
              workload,
              priority,
              rawPriority,
              priorityReason,
              health,
              weight: e.weight,
              localityWeight,
            };
    } else {
      out = {
        id: e.id,
        name: e.name,
        ...(address !== undefined ? { address } : {}),
        cluster: e.cluster,
        network: e.network,
        locality: e.locality,
        ...(node !== undefined ? { node } : {}),
        ...(workload !== undefined ? { workload } : {}),
        priority,
        rawPriority,
        priorityReason,
        health,
        weight: e.weight,
        ...(localityWeight !== undefined ? { localityWeight } : {}),
      };
    }
    endpoints.push(out);
  }

  const ruleRef = rule !== undefined ? drRef(rule) : undefined;
  const outlierDetection: OutlierDetection | undefined =
    outlierSpec !== undefined ? fillOutlierDetection(outlierSpec, ruleRef) : undefined;
  const panic = panicThreshold({
    profile,
    mode,
    proxyKind,
    ...(outlierSpec !== undefined ? { outlierDetection: outlierSpec } : {}),
  });
  notes.push(`panic threshold ${panic.percent}%: ${panic.reason}`);
  const lbPolicy = loadBalancerPolicy(policy.policy.loadBalancer);
  const loadBalancer = lbPolicy.policy;
  notes.push(
    `load balancer ${loadBalancer}: ${lbPolicy.reason}${policy.policy.loadBalancer?.simple === undefined && policy.policy.loadBalancer?.consistentHash === undefined ? ' (with equal load LEAST_REQUEST behaves like round robin)' : ''}.`,
  );

  const fromDr = setting.source.startsWith('DESTINATION_RULE');
  const localityLb: LocalityLb = {
    mode: activation.mode,
    active: activation.active,
    reason: activation.reason,
    failoverPriority: activation.failoverPriority,
    source: setting.source,
    ...(fromDr && ruleRef !== undefined
      ? { resource: ruleRef }
      : setting.source === 'TRAFFIC_DISTRIBUTION' && td.resolution.resource !== undefined
        ? { resource: td.resolution.resource }
        : {}),
  };

  if (rule !== undefined) {
    // Validation problems of the rule in force; its failover-without-outlier warning is replaced by the hop's own finding.
    const wanted = new Set<string>([
      DIAGNOSTICS.LOCALITY_LB_SETTING_INVALID.code,
      DIAGNOSTICS.LOCALITY_LB_SETTINGS_EXCLUSIVE.code,
    ]);
    diagnostics.push(...ruleDiagnostics(rule.rule).filter((d) => wanted.has(d.code)));
  }
  diagnostics.push(
    ...settingDiagnostics(
      setting,
      activation.active,
      assignment.levelMeanings.length,
      rule,
      destination.ruleHost,
      proxyKind,
    ),
  );
  if (
    mode !== 'Any' &&
    td.resolution.source !== 'DEFAULT' &&
    rule !== undefined &&
    setting.source !== 'TRAFFIC_DISTRIBUTION' &&
    ruleRef !== undefined
  ) {
    diagnostics.push(
      diagnostic(
        'DESTINATION_RULE_OVERRIDES_TRAFFIC_DISTRIBUTION',
        `Traffic distribution ${mode} on ${destination.host} is not used on this hop: DestinationRule ${rule.rule.namespace}/${rule.rule.name} decides locality load balancing (${setting.reason}).`,
        [ruleRef, ...(td.resolution.resource !== undefined ? [td.resolution.resource] : [])],
      ),
    );
  }
  let pool = 0;
  for (let i = 0; i < endpoints.length; i += 1) if (endpoints[i]?.health !== 'EXCLUDED') pool += 1;
  if (
    outlierDetection !== undefined &&
    ruleRef !== undefined &&
    pool > 0 &&
    outlierDetection.maxEjectionPercent * pool < PERCENT
  ) {
    diagnostics.push(
      diagnostic(
        'MAX_EJECTION_PERCENT_NEVER_EJECTS',
        `maxEjectionPercent ${outlierDetection.maxEjectionPercent}% of ${pool} host(s) is below one host: Envoy refuses every ejection for ${destination.ruleHost}${outlierDetection.explicitFields.includes('maxEjectionPercent') ? '' : ` (${ENVOY_DEFAULT_MAX_EJECTION_PERCENT.toString()}% is the default when the field is unset)`}.`,
        [ruleRef],
      ),
    );
  }
  const target =
    destination.primary !== undefined
      ? {
          kind: 'Service',
          name: destination.primary.name,
          namespace: destination.primary.namespace,
          cluster: destination.primary.cluster,
        }
      : destination.serviceEntry !== undefined
        ? {
            kind: 'ServiceEntry',
            name: destination.serviceEntry.name,
            namespace: destination.serviceEntry.namespace,
            cluster: destination.serviceEntry.cluster,
          }
        : undefined;
  if (destination.primary?.internalTrafficPolicy === 'Local' && target !== undefined) {
    diagnostics.push(
      diagnostic(
        'INTERNAL_TRAFFIC_POLICY_LOCAL_NO_FAILOVER',
        `${destination.host} has internalTrafficPolicy: Local: ${source.name ?? 'the proxy'} only keeps endpoints on its node ${source.node ?? '(unknown)'}; there is no failover elsewhere.`,
        [target],
      ),
    );
    if (!endpoints.some((e) => e.health === 'HEALTHY')) {
      diagnostics.push(
        diagnostic(
          'INTERNAL_TRAFFIC_POLICY_LOCAL_NO_LOCAL_ENDPOINT',
          `No ready endpoint of ${destination.host} runs on node ${source.node ?? '(unknown)'}: with internalTrafficPolicy Local requests from ${source.name ?? 'the proxy'} fail.`,
          [target],
        ),
      );
    }
  } else if (!endpoints.some((e) => e.health === 'HEALTHY') && target !== undefined) {
    diagnostics.push(
      diagnostic(
        'BACKEND_NO_READY_ENDPOINTS',
        `${destination.host} has no ready endpoint for ${source.name ?? 'the proxy'}: requests fail with 503.`,
        [target],
      ),
    );
  }
  const unreachable = [
    ...new Set(
      [...placements.crossNetwork.keys()]
        .map((i) => placements.candidates[i]?.network ?? '')
        .filter((network) => eastWestGatewayFor(mesh, network) === undefined),
    ),
  ];
  for (const network of unreachable) {
    diagnostics.push(
      diagnostic(
        'NO_EAST_WEST_GATEWAY',
        `Endpoints of ${destination.host} on network ${network} are kept on the assumption that an east-west gateway serves that network, but the snapshot has none: without one Istio drops them. Their own locality is used.`,
        target !== undefined ? [target] : [],
      ),
    );
  }

  const hop: ResolvedHop = {
    from: proxyOf(source),
    to: destination.host,
    layer: 'L7',
    balancer: 'ENVOY',
    trafficDistribution: td.resolution.answer,
    ...(ruleRef !== undefined ? { destinationRule: ruleRef } : {}),
    destinationRuleFieldsApplied: fieldsApplied(policy),
    localityLb,
    loadBalancer,
    ...(outlierDetection !== undefined ? { outlierDetection } : {}),
    panicThresholdPercent: panic.percent,
    overprovisioningFactor: ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT,
    localityWeighted: assignment.localityWeighted,
    endpoints,
    priorityMeanings: assignment.levelMeanings.length > 0 ? assignment.levelMeanings : ['all endpoints'],
    notes: [
      `traffic distribution ${mode}: ${td.resolution.reason}`,
      `locality: ${activation.reason}`,
      ...notes,
    ],
  };
  return { hop, diagnostics };
}
