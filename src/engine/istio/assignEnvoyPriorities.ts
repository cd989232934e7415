/**
 * Envoy priority assignment for one cluster: `LocalityLBSettings.ApplyToLoadAssignment` →
 * `ApplyLocalityLoadBalancer` / `ApplyZoneAwareLoadBalancer` (istio.md §3.2, §5.1–5.5).
 */
import type { Labels, Locality, Profile } from '../model/meshModel.js';
import { applyDistribute } from './distribute.js';
import type { EffectiveLbSetting } from './effectiveLbSetting.js';
import { failoverActivation } from './effectiveLbSetting.js';
import { applyFailoverPriority } from './failoverPriority.js';
import { localityFailover } from './localityFailover.js';
import type { AssignedGroup, LocalityGroupInput } from './priorityGroups.js';
import { compactPriorities } from './priorityGroups.js';
import { networkPreferredFor } from './profileFeatures.js';
import { localityString } from './topologyLabels.js';
import type { DestinationRuleProxyKind } from './types.js';
import { zoneAwarePriorities } from './zoneAware.js';

export type EnvoyAlgorithm =
  | 'NONE'
  | 'DISTRIBUTE'
  | 'LOCALITY_FAILOVER'
  | 'FAILOVER_PRIORITY'
  | 'FAILOVER_PRIORITY_THEN_FAILOVER'
  | 'ZONE_AWARE';

export interface EnvoyPriorityInput {
  readonly profile: Profile;
  /** The balancing proxy (sidecar, gateway or waypoint pod): its locality and augmented labels. */
  readonly proxy: {
    readonly locality: Locality;
    readonly labels: Labels;
    readonly kind?: DestinationRuleProxyKind;
  };
  readonly groups: readonly LocalityGroupInput[];
  readonly setting: EffectiveLbSetting;
  /** The effective DR traffic policy (port/subset) has an outlierDetection block. */
  readonly hasOutlierDetection: boolean;
}

export interface AssignedEndpoint {
  readonly id: string;
  readonly sourceGroupIndex: number;
  readonly priority: number;
  readonly rawPriority: number;
  readonly reason: string;
  /** Locality weight of its output group. */
  readonly localityWeight?: number;
}

export interface EnvoyPriorityAssignment {
  readonly algorithm: EnvoyAlgorithm;
  readonly groups: readonly AssignedGroup[];
  /** Every endpoint kept (distribute drops the endpoints of unmatched groups). */
  readonly endpoints: readonly AssignedEndpoint[];
  /** Endpoint ids removed by `distribute`. */
  readonly removedEndpoints: readonly string[];
  /** Meaning of each dense level, index = level. */
  readonly levelMeanings: readonly string[];
  readonly localityWeighted: boolean;
  readonly reason: string;
}

function flat(groups: readonly LocalityGroupInput[], reason: string): AssignedGroup[] {
  return groups.map((g, i) => ({
    locality: g.locality,
    sourceGroupIndex: i,
    priority: 0,
    rawPriority: 0,
    ...(g.weight === undefined ? {} : { weight: g.weight }),
    endpoints: g.endpoints,
    reason,
  }));
}

/**
 * Place every endpoint of a cluster at a priority as Istio would send it in EDS.
 *
 * @example a mesh-default setting with outlier detection → 0 same subzone, 1 same zone, 2 same region, 3 elsewhere (compacted).
 */
export function assignEnvoyPriorities(input: EnvoyPriorityInput): EnvoyPriorityAssignment {
  const { setting, groups, proxy } = input;
  const activation = failoverActivation(setting, {
    hasOutlierDetection: input.hasOutlierDetection,
    ...(proxy.kind === undefined ? {} : { proxyKind: proxy.kind }),
  });
  let algorithm: EnvoyAlgorithm = 'NONE';
  let out: AssignedGroup[];
  let removed: string[] = [];
  const origin =
    setting.kind !== 'NONE' && setting.source === 'TRAFFIC_DISTRIBUTION'
      ? 'TRAFFIC_DISTRIBUTION'
      : 'DESTINATION_RULE';
  const networkPreferred = networkPreferredFor(input.profile, origin);

  if (setting.kind === 'NONE' || !activation.active) {
    out = flat(groups, `priority 0: ${activation.reason}`);
  } else if (setting.kind === 'ZONE_AWARE') {
    algorithm = 'ZONE_AWARE';
    const fp = setting.setting.failoverPriority ?? [];
    const base =
      fp.length > 0
        ? applyFailoverPriority(proxy.labels, groups, fp, networkPreferred).groups
        : flat(groups, '');
    const za = zoneAwarePriorities(
      proxy.locality,
      base.map((g) => g.locality),
      setting.setting.failover ?? [],
      fp.length > 0 ? base.map((g) => g.priority) : undefined,
    );
    out = base.map((g, i) => ({
      ...g,
      priority: za.priorities[i] ?? 0,
      rawPriority: za.raw[i] ?? 0,
      reason: [g.reason, za.reasons[i] ?? ''].filter((r) => r !== '').join('; '),
    }));
  } else {
    const s = setting.setting;
    if (s.distribute !== undefined && s.distribute.length > 0) {
      algorithm = 'DISTRIBUTE';
      const d = applyDistribute(proxy.locality, groups, s.distribute);
      out = groups.map((g, i) => {
        const w = d.weights[i];
        const gone = d.removedGroups.includes(i);
        const pattern = d.matchedPattern[i];
        return {
          locality: g.locality,
          sourceGroupIndex: i,
          priority: 0,
          rawPriority: 0,
          ...(w === undefined ? {} : { weight: w }),
          endpoints: gone ? [] : g.endpoints,
          reason:
            d.rule === undefined
              ? 'no distribute entry matches the proxy locality: weights untouched'
              : gone
                ? `no 'to' entry of distribute from ${d.rule.from} matches ${localityString(g.locality) || '(no locality)'}: endpoints removed`
                : `distribute from ${d.rule.from}: '${pattern ?? ''}' gives weight ${w ?? 'unset'}`,
        };
      });
      removed = d.removedGroups.flatMap((i) => (groups[i]?.endpoints ?? []).map((e) => e.id));
    } else {
      const fp = s.failoverPriority ?? [];
      const rules = s.failover ?? [];
      if (fp.length > 0) {
        const split = applyFailoverPriority(proxy.labels, groups, fp, networkPreferred).groups;
        if (rules.length > 0) {
          algorithm = 'FAILOVER_PRIORITY_THEN_FAILOVER';
          const lf = localityFailover(
            proxy.locality,
            split.map((g) => g.locality),
            rules,
            split.map((g) => g.priority),
          );
          out = split.map((g, i) => ({
            ...g,
            priority: lf.priorities[i] ?? 0,
            rawPriority: lf.raw[i] ?? 0,
            reason: `${g.reason}; then ${lf.reasons[i] ?? ''}`,
          }));
        } else {
          algorithm = 'FAILOVER_PRIORITY';
          out = [...split];
        }
      } else {
        algorithm = 'LOCALITY_FAILOVER';
        const lf = localityFailover(
          proxy.locality,
          groups.map((g) => g.locality),
          rules,
        );
        out = groups.map((g, i) => ({
          locality: g.locality,
          sourceGroupIndex: i,
          priority: lf.priorities[i] ?? 0,
          rawPriority: lf.raw[i] ?? 0,
          ...(g.weight === undefined ? {} : { weight: g.weight }),
          endpoints: g.endpoints,
          reason: lf.reasons[i] ?? '',
        }));
      }
    }
  }
  // Defensive: priorities must be dense whatever path produced them.
  const dense = compactPriorities(out.map((g) => g.priority));
  out = out.map((g, i) => ({ ...g, priority: dense[i] ?? 0 }));

  const endpoints: AssignedEndpoint[] = out.flatMap((g) =>
    g.endpoints.map((e) => ({
      id: e.id,
      sourceGroupIndex: g.sourceGroupIndex,
      priority: g.priority,
      rawPriority: g.rawPriority,
      reason: g.reason,
      ...(g.weight === undefined ? {} : { localityWeight: g.weight }),
    })),
  );
  const levels = new Map<number, Set<string>>();
  for (const g of out) {
    if (g.endpoints.length === 0) continue;
    const set = levels.get(g.priority) ?? new Set<string>();
    set.add(g.reason.replace(/^[^:]*: /, ''));
    levels.set(g.priority, set);
  }
  const maxLevel = Math.max(-1, ...levels.keys());
  const levelMeanings: string[] = [];
  for (let l = 0; l <= maxLevel; l++) levelMeanings.push([...(levels.get(l) ?? [])].join(' | '));
  return {
    algorithm,
    groups: out,
    endpoints,
    removedEndpoints: removed,
    levelMeanings,
    localityWeighted: activation.localityWeightedLbConfig,
    reason: activation.reason,
  };
}
