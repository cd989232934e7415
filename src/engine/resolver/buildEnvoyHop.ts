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
import { eastWestGatewayFor, eastWestLocality } from './eastWestGateway.js';
import { DEFAULT_OVERPROVISIONING_FACTOR_PERCENT } from './envoyConstants.js';
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

interface Placement {
  readonly candidate: EndpointCandidate;
  readonly health: EndpointHealth;
  readonly why?: string;
  readonly labels: Labels;
  readonly groupLocality: Locality;
  readonly crossNetwork: boolean;
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
): Placement[] {
  const nodeLocal = destination.primary?.internalTrafficPolicy === 'Local';
  return destination.endpoints.map((e) => {
    const crossNetwork = e.network !== source.network && e.network !== '' && source.network !== '';
    const gw = crossNetwork ? eastWestGatewayFor(mesh, e.network) : undefined;
    let labels = augmentLabels(e.labels, {
      locality: e.locality,
      cluster: e.cluster,
      network: e.network,
      ...(e.node !== undefined ? { nodeName: e.node } : {}),
    });
    let groupLocality = e.locality;
    if (crossNetwork) {
      // Solo: the peering gateway's locality, or the endpoint's own when the snapshot lacks the gateway
      // (flat networks exchange WorkloadEntries that carry it).
      const gwLocality = eastWestLocality(gw) ?? e.locality;
      if (profile === 'SOLO') {
        labels = augmentLabels({}, { locality: gwLocality, cluster: e.cluster, network: e.network });
        groupLocality = gwLocality;
      } else {
        labels = gatewayEndpointLabels(e.cluster, e.network);
      }
    }
    const base = { candidate: e, labels, groupLocality, crossNetwork };
    if (nodeLocal && e.node !== source.node) {
      return {
        ...base,
        health: 'EXCLUDED' as const,
        why: `internalTrafficPolicy Local: not on the proxy's node ${source.node ?? '(unknown)'}`,
      };
    }
    if (!e.ready) {
      const h = notReadyEndpointHealth({
        profile,
        mode,
        proxyKind,
        ...(outlier !== undefined ? { outlierDetection: outlier } : {}),
      });
      return {
        ...base,
        health: h.health === 'UNHEALTHY' ? ('UNHEALTHY' as const) : ('EXCLUDED' as const),
        why: h.reason,
      };
    }
    return { ...base, health: 'HEALTHY' as const };
  });
}

/** Group the endpoints EDS carries by locality, sorted by locality string (`endpoint_builder.go` `generate`). */
function localityGroups(placements: readonly Placement[]): LocalityGroupInput[] {
  const groups = new Map<string, { locality: Locality; endpoints: LbEndpointInput[] }>();
  for (const p of placements) {
    if (p.health === 'EXCLUDED') continue;
    const key = localityString(p.groupLocality);
    const g = groups.get(key) ?? { locality: p.groupLocality, endpoints: [] };
    g.endpoints.push({ id: p.candidate.id, labels: p.labels, weight: p.candidate.weight });
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({
      locality: key === '' ? null : g.locality,
      weight: g.endpoints.reduce((acc, e) => acc + (e.weight ?? 1), 0),
      endpoints: g.endpoints,
    }));
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
  const assignment = assignEnvoyPriorities({
    profile,
    proxy: { locality: source.locality, labels: proxyLabels, kind: proxyKind },
    groups: localityGroups(placements),
    setting,
    hasOutlierDetection: outlierSpec !== undefined,
  });
  const assigned = new Map(assignment.endpoints.map((a) => [a.id, a]));
  const removed = new Set(assignment.removedEndpoints);
  const lastLevel = Math.max(0, assignment.levelMeanings.length - 1);

  const endpoints: ResolvedEndpoint[] = placements.map((p) => {
    const e = p.candidate;
    const a = assigned.get(e.id);
    const health: EndpointHealth = removed.has(e.id) || a === undefined ? 'EXCLUDED' : p.health;
    const why = removed.has(e.id)
      ? 'distribute: its locality matches no `to` entry, so it receives no traffic'
      : a === undefined
        ? (p.why ?? 'not sent to the proxy')
        : `${a.reason}${p.why !== undefined ? `; ${p.why}` : ''}`;
    const via = p.crossNetwork
      ? `; on network ${e.network}, reached through its east-west gateway${profile === 'SOLO' ? " (Solo: compared with the gateway's locality, else its own)" : " (compared with the gateway's cluster/network labels only)"}`
      : '';
    return {
      id: e.id,
      name: e.name,
      ...(e.address !== undefined ? { address: e.address } : {}),
      cluster: e.cluster,
      network: e.network,
      locality: e.locality,
      ...(e.node !== undefined ? { node: e.node } : {}),
      ...(e.workload !== undefined ? { workload: e.workload } : {}),
      priority: a?.priority ?? lastLevel,
      rawPriority: a?.rawPriority ?? -1,
      priorityReason: `${why}${via}`,
      health,
      weight: e.weight,
      ...(a?.localityWeight !== undefined && assignment.localityWeighted
        ? { localityWeight: a.localityWeight }
        : {}),
    };
  });

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
  const pool = endpoints.filter((e) => e.health !== 'EXCLUDED').length;
  if (
    outlierDetection !== undefined &&
    ruleRef !== undefined &&
    pool > 0 &&
    outlierDetection.maxEjectionPercent * pool < PERCENT
  ) {
    diagnostics.push(
      diagnostic(
        'MAX_EJECTION_PERCENT_NEVER_EJECTS',
        `maxEjectionPercent ${outlierDetection.maxEjectionPercent}% of ${pool} host(s) is below one host: Envoy refuses every ejection for ${destination.ruleHost}${outlierDetection.explicitFields.includes('maxEjectionPercent') ? '' : ' (10% is the default when the field is unset)'}.`,
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
      placements
        .filter((p) => p.crossNetwork && eastWestGatewayFor(mesh, p.candidate.network) === undefined)
        .map((p) => p.candidate.network),
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
    overprovisioningFactor: DEFAULT_OVERPROVISIONING_FACTOR_PERCENT,
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
