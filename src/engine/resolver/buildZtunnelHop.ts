/**
 * A hop balanced by the client's ztunnel (L4). ztunnel reads no DestinationRule; it ranks healthy
 * endpoints by the service's routing scopes and only the best rank receives connections
 * (`ztunnel:src/state.rs` `load_balance`, istio.md §7; seeds 000/002).
 */
import { ruleRef, runChecks } from '../diagnostics/index.js';
import {
  compactPriorities,
  modePriorities,
  selectDestinationRule,
  ztunnelLoadBalancing,
  ztunnelRanking,
  type ZtunnelScope,
} from '../istio/index.js';
import type { Diagnostic, LocalityLb } from '../model/answer.js';
import type { Profile } from '../model/meshModel.js';
import type { ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import type { CompiledMesh } from './compiledMesh.js';
import { ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT } from '../envoyDefaults.js';
import type { HopDestination, HopSource } from './hopContext.js';
import { destinationTarget, proxyOf, sourceLabels } from './hopContext.js';
import { trafficDistributionFor } from './trafficDistributionFor.js';

/** ztunnel picks uniformly at random among the best tier, weighted by workload capacity. */
export const ZTUNNEL_LOAD_BALANCER = 'RANDOM';

const SCOPE_MEANING: Readonly<Record<ZtunnelScope, string>> = {
  NETWORK: 'network',
  REGION: 'region',
  ZONE: 'zone',
  SUBZONE: 'subzone',
  NODE: 'node',
  CLUSTER: 'cluster',
};

export interface HopResult {
  readonly hop: ResolvedHop;
  readonly diagnostics: readonly Diagnostic[];
}

/** Why ztunnel keeps an endpoint as a candidate or not (`state.rs` `load_balance` filters). */
function ztunnelStateReason(
  workload: string,
  healthy: boolean,
  excludedBy: string | undefined,
  healthPolicy: 'ONLY_HEALTHY' | 'ALLOW_ALL',
): string {
  switch (excludedBy) {
    case 'UNHEALTHY':
      return `${workload}; ztunnel skips unhealthy workloads (health policy ONLY_HEALTHY)`;
    case 'STRICT_MISMATCH':
      return `${workload}; not a candidate: STRICT (internalTrafficPolicy Local) keeps only full matches`;
    case 'NO_ADDRESS':
      return `${workload}; not a candidate: no address ztunnel can reach`;
    case 'NO_WORKLOAD':
      return `${workload}; not a candidate: no workload behind the endpoint`;
    case undefined:
    default:
      return !healthy && healthPolicy === 'ALLOW_ALL'
        ? `${workload}; kept anyway: publishNotReadyAddresses sets health policy ALLOW_ALL`
        : `${workload}; a candidate`;
  }
}

/**
 * Build the ztunnel hop from `source` (the client's node) to `destination`.
 *
 * @example client-in-ambient → httpbin-waypoint: FAILOVER [NETWORK, REGION, ZONE] (the waypoint Service's PreferClose)
 */
export function buildZtunnelHop(
  mesh: CompiledMesh,
  source: HopSource,
  destination: HopDestination,
  profile: Profile,
  /** False: the hop alone, without its checks' findings (a caller that reads only the hop's numbers). */
  withDiagnostics = true,
): HopResult {
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const td = trafficDistributionFor(mesh, destination, source.cluster, profile);
  diagnostics.push(...td.diagnostics);
  const svc = destination.primary;
  const lb = ztunnelLoadBalancing({
    profile,
    kind: destination.kind,
    mode: td.resolution.mode,
    ...(svc !== undefined
      ? {
          internalTrafficPolicy: svc.internalTrafficPolicy,
          publishNotReadyAddresses: svc.publishNotReadyAddresses,
        }
      : {}),
    ...(destination.serviceEntry !== undefined && svc === undefined
      ? { resolution: destination.serviceEntry.resolution }
      : {}),
  });
  notes.push(lb.reason);
  const eastWest = (network: string): boolean =>
    (mesh.eastWestGatewaysByNetwork.get(network)?.length ?? 0) > 0;
  const ranking = ztunnelRanking({
    profile,
    loadBalancing: lb,
    source: {
      network: source.network,
      locality: source.locality,
      node: source.node ?? '',
      cluster: source.cluster,
    },
    endpoints: destination.endpoints.map((e) => ({
      id: e.id,
      network: e.network,
      locality: e.locality,
      node: e.node ?? '',
      cluster: e.cluster,
      // ztunnel reads the workload's WDS health, not EDS's reading of the slice (`ztunnelHealthy`).
      healthy: e.ztunnelHealthy,
      hasAddress: e.address !== undefined && e.address !== '',
      hasNetworkGateway: eastWest(e.network),
      capacity: e.weight,
    })),
  });
  const byId = new Map(ranking.endpoints.map((r) => [r.id, r]));
  const raws = destination.endpoints.map((e) => byId.get(e.id)?.tier ?? ranking.maxRank);
  const dense = compactPriorities(raws);
  const meanings = modePriorities(td.resolution.mode, profile).levelMeanings;
  const meaningOfRaw = (raw: number): string => {
    if (lb.mode === 'STRICT')
      return raw === 0
        ? `same ${lb.scopes.map((s) => SCOPE_MEANING[s]).join(' + ')}`
        : 'no full match (dropped: STRICT)';
    if (lb.mode === 'STANDARD' || lb.mode === 'PASSTHROUGH') return 'all endpoints';
    return meanings[raw] ?? `rank ${ranking.maxRank - raw}`;
  };
  const priorityMeanings: string[] = [];
  const endpoints: ResolvedEndpoint[] = destination.endpoints.map((e, i) => {
    const r = byId.get(e.id);
    const raw = raws[i] ?? 0;
    const priority = dense[i] ?? 0;
    priorityMeanings[priority] ??= meaningOfRaw(raw);
    const excluded =
      r === undefined ||
      r.excludedBy === 'UNHEALTHY' ||
      r.excludedBy === 'STRICT_MISMATCH' ||
      r.excludedBy === 'NO_ADDRESS' ||
      r.excludedBy === 'NO_WORKLOAD';
    const crossNetwork = e.network !== source.network && e.network !== '' && source.network !== '';
    return {
      id: e.id,
      name: e.name,
      ...(e.address !== undefined ? { address: e.address } : {}),
      cluster: e.cluster,
      network: e.network,
      locality: e.locality,
      ...(e.node !== undefined ? { node: e.node } : {}),
      ...(e.workload !== undefined ? { workload: e.workload } : {}),
      priority,
      rawPriority: raw,
      priorityReason: `${e.ztunnelHealthy ? '' : `${e.ztunnelReason}; `}${r?.reason ?? 'not ranked'}${crossNetwork ? `; on network ${e.network}, reached through its east-west gateway` : ''}`,
      health: excluded ? 'EXCLUDED' : e.ztunnelHealthy ? 'HEALTHY' : 'UNHEALTHY',
      weight: e.weight,
      stateReason: ztunnelStateReason(e.ztunnelReason, e.ztunnelHealthy, r?.excludedBy, lb.healthPolicy),
    };
  });

  const active = lb.mode === 'FAILOVER' || lb.mode === 'STRICT';
  const target = destinationTarget(destination);
  const decidedBy = lb.mode === 'STRICT' ? target : td.resolution.resource;
  const localityLb: LocalityLb = {
    mode: lb.mode === 'STRICT' ? 'ZTUNNEL_STRICT' : lb.mode === 'FAILOVER' ? 'ZTUNNEL_RANKING' : 'NONE',
    active,
    reason: lb.reason,
    failoverPriority: lb.scopes,
    source: lb.mode === 'STRICT' ? 'internalTrafficPolicy' : 'traffic distribution',
    ...(decidedBy !== undefined ? { resource: decidedBy } : {}),
  };

  const strict = lb.mode === 'STRICT';
  if (withDiagnostics)
    diagnostics.push(
      ...runChecks('hop', 'destination', {
        host: destination.host,
        ...(target !== undefined ? { target } : {}),
        cluster: source.cluster,
        internalTrafficPolicyLocal: strict,
        // ALLOW_ALL sends every endpoint, ready or not: readiness decides nothing there.
        ...(lb.healthPolicy !== 'ALLOW_ALL'
          ? { readyEndpoints: destination.endpoints.filter((e) => e.ztunnelHealthy).length }
          : {}),
        ...(strict ? { readyOnNode: ranking.selectable.length } : {}),
        viewer: {
          ...(source.name !== undefined ? { name: source.name } : {}),
          ...(source.node !== undefined ? { node: source.node } : {}),
        },
      }),
    );
  // ztunnel never reads DestinationRules: say so when one exists for a host it balances by itself.
  if (destination.target === 'BACKEND') {
    const index = mesh.destinationRuleIndexByCluster.get(source.cluster);
    const selection =
      index === undefined
        ? undefined
        : selectDestinationRule(index, {
            proxyNamespace: source.namespace,
            serviceNamespace: destination.ruleNamespace,
            hostname: destination.ruleHost,
            proxyKind: 'SIDECAR',
            proxyLabels: sourceLabels(source),
          });
    const rule = selection?.rule;
    if (rule !== undefined) {
      notes.push(
        `DestinationRule ${rule.rule.namespace}/${rule.rule.name} matches ${destination.ruleHost} but ztunnel ignores DestinationRules.`,
      );
      if (withDiagnostics)
        diagnostics.push(
          ...runChecks('hop', 'ruleOnHost', {
            rule: { ref: ruleRef(rule.rule), namespace: rule.rule.namespace, name: rule.rule.name },
            host: destination.ruleHost,
            outlierEnablesMeshFailover: false,
            ztunnelOnly: target !== undefined ? [target] : [],
          }),
        );
    }
  }
  if (
    destination.endpoints.some(
      (e) => e.network !== source.network && e.network !== '' && source.network !== '',
    )
  ) {
    notes.push(
      "Endpoints on other networks are reached over HBONE through that network's east-west gateway; they keep their own cluster and network here.",
    );
  }

  const hop: ResolvedHop = {
    from: proxyOf(source),
    to: destination.host,
    layer: 'L4',
    balancer: 'ZTUNNEL',
    trafficDistribution: td.resolution.answer,
    destinationRuleFieldsApplied: [],
    localityLb,
    loadBalancer: ZTUNNEL_LOAD_BALANCER,
    panicThresholdPercent: 0,
    overprovisioningFactor: ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT,
    localityWeighted: false,
    ztunnel: { mode: lb.mode, scopes: lb.scopes, healthPolicy: lb.healthPolicy },
    endpoints,
    priorityMeanings: priorityMeanings.map((m) => m),
    notes: [`traffic distribution ${td.resolution.mode}: ${td.resolution.reason}`, ...notes],
  };
  return { hop, diagnostics };
}
