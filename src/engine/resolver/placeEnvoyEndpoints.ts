/**
 * Where EDS puts each endpoint for one Envoy proxy: its EDS view (`edsEndpointView.ts`), its locality
 * group (`groupByLocality.ts`), its priority (`assignEnvoyPriorities`, `ApplyLocalityLoadBalancer`,
 * istio.md §5) and the reason for it.
 */
import {
  assignEnvoyPriorities,
  type DestinationRuleProxyKind,
  type TrafficDistributionMode,
} from '../istio/index.js';
import type { Profile } from '../model/meshModel.js';
import type { EndpointHealth, ResolvedEndpoint } from '../model/resolved.js';
import type { CompiledMesh } from './compiledMesh.js';
import { edsEndpointView } from './edsEndpointView.js';
import type { EnvoyHopPolicy } from './envoyHopPolicy.js';
import { groupByLocality } from './groupByLocality.js';
import { networkGatewayStandIns } from './networkGatewayStandIns.js';
import type { HopDestination, HopSource } from './hopContext.js';

export interface EnvoyEndpointPlacement {
  readonly endpoints: readonly ResolvedEndpoint[];
  /** What each dense priority level means, in level order. */
  readonly levelMeanings: readonly string[];
  readonly localityWeighted: boolean;
  /** Networks of the endpoints reached through an east-west gateway, one entry per endpoint. */
  readonly crossNetworkNetworks: readonly string[];
}

/**
 * @example placeEnvoyEndpoints(mesh, waypointSource, inAmbient, 'SOLO', 'WAYPOINT', 'Any', policy).endpoints.map((e) => e.priority)
 *   // → [0, 0, 0] (no failover without outlier detection)
 */
export function placeEnvoyEndpoints(
  mesh: CompiledMesh,
  source: HopSource,
  destination: HopDestination,
  profile: Profile,
  proxyKind: DestinationRuleProxyKind,
  mode: TrafficDistributionMode,
  policy: EnvoyHopPolicy,
): EnvoyEndpointPlacement {
  const view = networkGatewayStandIns(
    mesh,
    edsEndpointView(mesh, source, destination, profile, mode, proxyKind, policy.outlierSpec),
    source,
    profile,
    proxyKind,
  );
  const grouping = groupByLocality(view);
  const assignment = assignEnvoyPriorities({
    profile,
    proxy: { locality: source.locality, labels: policy.proxyLabels, kind: proxyKind },
    groups: grouping.groups,
    setting: policy.setting,
    hasOutlierDetection: policy.outlierSpec !== undefined,
  });
  const assignedById = new Map(assignment.endpoints.map((a) => [a.id, a]));
  const removedIds = new Set(assignment.removedEndpoints);
  const assignedOf = grouping.representatives.map((r) => assignedById.get(r.id));
  const removedOf = grouping.representatives.map((r) => removedIds.has(r.id));
  const lastLevel = Math.max(0, assignment.levelMeanings.length - 1);
  const via = ` reached through its east-west gateway${profile === 'SOLO' ? " (Solo: compared with the gateway's locality, else its own)" : " (compared with the gateway's cluster/network labels only)"}`;

  const endpoints: ResolvedEndpoint[] = [];
  const crossNetworkAny = view.crossNetwork.size > 0;
  for (let i = 0; i < view.candidates.length; i += 1) {
    const e = view.candidates[i];
    const placedHealth = view.health[i];
    if (e === undefined || placedHealth === undefined) continue;
    const placedWhy = view.why[i];
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
    const stateReason = isRemoved
      ? `${e.status.reason}; sent, but distribute gives its locality no weight`
      : (placedWhy ?? `${e.status.reason}: sent to the proxy as HEALTHY`);
    const priority = a?.priority ?? lastLevel;
    const rawPriority = a?.rawPriority ?? -1;
    const priorityReason =
      crossNetworkAny && view.crossNetwork.has(i) ? `${why}; on network ${e.network},${via}` : why;
    const localityWeight =
      a?.localityWeight !== undefined && assignment.localityWeighted ? a.localityWeight : undefined;
    const { address, node, workload } = e;
    // Pods carry address, node and workload: one literal in the answer's field order, no spreads (this
    // runs once per endpoint per query). Anything else keeps the same order with the optional fields left out.
    let out: ResolvedEndpoint;
    if (address !== undefined && node !== undefined && workload !== undefined) {
      // localityWeight is absent, not undefined, when no locality weighting applies (exact optional fields).
      out = {
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
        ...(localityWeight === undefined ? {} : { localityWeight }),
        stateReason,
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
        stateReason,
      };
      const members = view.standIns.get(i);
      if (members !== undefined)
        out = { ...out, standsFor: members.map((m) => view.candidates[m]?.id ?? '') };
    }
    endpoints.push(out);
  }
  return {
    endpoints,
    levelMeanings: assignment.levelMeanings,
    localityWeighted: assignment.localityWeighted,
    crossNetworkNetworks: [...view.crossNetwork.keys()]
      .filter((i) => !view.standIns.has(i))
      .map((i) => view.candidates[i]?.network ?? ''),
  };
}
