/**
 * Which locality semantics apply to one Envoy cluster, and whether they really act.
 * `loadbalancer.go` `GetEffectiveLbSetting` (istio.md §3.1) and `ApplyLocalityLoadBalancer` /
 * `ApplyToCluster` / `BuildClusterLoadAssignment` (§3.2).
 */
import { ISTIO_DEFAULT_MESH_LOCALITY_LB_SETTING } from '../envoyDefaults.js';
import type { LocalityLbMode } from '../model/answer.js';
import type {
  LoadBalancerSettings,
  LocalityLbSetting,
  Profile,
  ZoneAwareLbSetting,
} from '../model/meshModel.js';
import { failoverPriorityForMode } from './modePriorities.js';
import { profileFeatures } from './profileFeatures.js';
import type { DestinationRuleProxyKind, LbSettingSource, TrafficDistributionMode } from './types.js';

/** Istio's default mesh config (`pkg/config/mesh/mesh.go` `DefaultMeshConfig`). */

export type EffectiveLbSetting =
  | { readonly kind: 'NONE'; readonly source: LbSettingSource; readonly reason: string }
  | {
      readonly kind: 'LOCALITY';
      readonly setting: LocalityLbSetting;
      /** Priorities apply without outlier detection (traffic distribution). */
      readonly force: boolean;
      readonly source: LbSettingSource;
      readonly reason: string;
    }
  | {
      readonly kind: 'ZONE_AWARE';
      readonly setting: ZoneAwareLbSetting;
      readonly force: boolean;
      readonly source: LbSettingSource;
      readonly reason: string;
    };

export interface EffectiveLbSettingInput {
  readonly profile: Profile;
  /** The DR `loadBalancer` after port and subset resolution (`effectiveTrafficPolicy`). */
  readonly drLoadBalancer?: LoadBalancerSettings;
  /** The destination's resolved traffic-distribution mode. */
  readonly mode: TrafficDistributionMode;
  /**
   * Mesh settings: `undefined` means Istio's default (`{enabled:true}` locality, no zone-aware),
   * `null` means explicitly absent.
   */
  readonly mesh?: {
    readonly localityLbSetting?: LocalityLbSetting | null;
    readonly zoneAwareLbSetting?: ZoneAwareLbSetting | null;
  };
  /**
   * SOLO only: a DestinationRule is in force for this host. Seeds 002/000 say a DR overrides traffic
   * distribution ("these modes apply only if no DestinationRule is in place"), so step 3 is skipped.
   * Upstream profiles ignore this (only a DR locality/zone-aware setting overrides the mode).
   */
  readonly destinationRulePresent?: boolean;
}

/**
 * First step that applies wins: DR zoneAware > DR locality (`enabled:false` → nil) > traffic
 * distribution (Force) > mesh zoneAware > mesh locality (`enabled:false` → nil) > nil. Zone-aware
 * exists only from 1.31 (SOLO included).
 *
 * @example effectiveLbSetting({ profile: 'ISTIO_1_31', mode: 'PreferSameZone', mesh: { localityLbSetting: {} } })
 *   // → { kind: 'LOCALITY', setting: { enabled: true, failoverPriority: [network, region, zone] }, force: true, source: 'TRAFFIC_DISTRIBUTION' }
 */
export function effectiveLbSetting(input: EffectiveLbSettingInput): EffectiveLbSetting {
  const features = profileFeatures(input.profile);
  const dr = input.drLoadBalancer;
  if (features.zoneAware && dr?.zoneAwareLbSetting !== undefined) {
    return {
      kind: 'ZONE_AWARE',
      setting: dr.zoneAwareLbSetting,
      force: dr.zoneAwareLbSetting.enabled !== false,
      source: 'DESTINATION_RULE_ZONE_AWARE',
      reason: 'DestinationRule loadBalancer.zoneAwareLbSetting',
    };
  }
  if (dr?.localityLbSetting !== undefined) {
    if (dr.localityLbSetting.enabled === false) {
      return {
        kind: 'NONE',
        source: 'DESTINATION_RULE_DISABLED',
        reason:
          'DestinationRule localityLbSetting.enabled: false switches off locality LB and traffic distribution',
      };
    }
    return {
      kind: 'LOCALITY',
      setting: dr.localityLbSetting,
      force: false,
      source: 'DESTINATION_RULE_LOCALITY',
      reason:
        'DestinationRule loadBalancer.localityLbSetting (replaces the mesh setting and traffic distribution)',
    };
  }
  const soloDrOverride = input.profile === 'SOLO' && input.destinationRulePresent === true;
  if (input.mode !== 'Any' && !soloDrOverride) {
    return {
      kind: 'LOCALITY',
      setting: { enabled: true, failoverPriority: failoverPriorityForMode(input.mode) },
      force: true,
      source: 'TRAFFIC_DISTRIBUTION',
      reason: `traffic distribution ${input.mode}`,
    };
  }
  const meshZoneAware = input.mesh?.zoneAwareLbSetting ?? undefined;
  if (features.zoneAware && meshZoneAware !== undefined) {
    return {
      kind: 'ZONE_AWARE',
      setting: meshZoneAware,
      force: meshZoneAware.enabled !== false,
      source: 'MESH_ZONE_AWARE',
      reason: 'meshConfig.zoneAwareLbSetting',
    };
  }
  const meshLocality =
    input.mesh?.localityLbSetting === undefined
      ? ISTIO_DEFAULT_MESH_LOCALITY_LB_SETTING
      : input.mesh.localityLbSetting;
  if (meshLocality !== null) {
    if (meshLocality.enabled === false) {
      return { kind: 'NONE', source: 'MESH_DISABLED', reason: 'meshConfig.localityLbSetting.enabled: false' };
    }
    const why =
      soloDrOverride && input.mode !== 'Any'
        ? ' (SOLO: the DestinationRule overrides traffic distribution)'
        : '';
    return {
      kind: 'LOCALITY',
      setting: meshLocality,
      force: false,
      source: 'MESH_LOCALITY',
      reason: `meshConfig.localityLbSetting${input.mesh?.localityLbSetting === undefined ? ' (Istio default {enabled: true})' : ''}${why}`,
    };
  }
  return { kind: 'NONE', source: 'NONE', reason: 'no locality load-balancing setting anywhere' };
}

export interface FailoverActivation {
  readonly mode: LocalityLbMode;
  /** Priorities (or distribute weights) are really applied. */
  readonly active: boolean;
  /** Failover priorities are computed (`enableFailover || Force`). */
  readonly failoverEnabled: boolean;
  readonly reason: string;
  /** `common_lb_config.locality_weighted_lb_config`: Envoy honours locality weights only with it. */
  readonly localityWeightedLbConfig: boolean;
  /** Zone-aware only: Envoy `zone_aware_lb_config`. */
  readonly zoneAwareLbConfig?: { readonly routingEnabledPercent: number; readonly minClusterSize?: number };
  /** failoverPriority labels in force (empty when none). */
  readonly failoverPriority: readonly string[];
}

const FULL_ROUTING_PERCENT = 100;

function nonEmpty<T>(list: readonly T[] | undefined): boolean {
  return list !== undefined && list.length > 0;
}

/**
 * Whether the effective setting really acts (§3.2): `distribute` always (weights only, no outlier
 * detection needed); failover / failoverPriority / default locality failover only with DR outlier
 * detection or Force; zone-aware unless `enabled:false`, and never at waypoints (§3.2 "Waypoints
 * therefore get no locality priorities at all under zone-aware").
 *
 * @example failoverActivation(meshDefault, { hasOutlierDetection: true }) // → LOCALITY_FAILOVER, active
 */
export function failoverActivation(
  setting: EffectiveLbSetting,
  context: { readonly hasOutlierDetection: boolean; readonly proxyKind?: DestinationRuleProxyKind },
): FailoverActivation {
  switch (setting.kind) {
    case 'NONE': {
      const disabled = setting.source === 'DESTINATION_RULE_DISABLED' || setting.source === 'MESH_DISABLED';
      return {
        mode: disabled ? 'DISABLED' : 'NONE',
        active: false,
        failoverEnabled: false,
        reason: setting.reason,
        localityWeightedLbConfig: false,
        failoverPriority: [],
      };
    }
    case 'ZONE_AWARE': {
      const s = setting.setting;
      const config = {
        routingEnabledPercent: s.enabled === false ? 0 : FULL_ROUTING_PERCENT,
        ...(s.minClusterSize === undefined ? {} : { minClusterSize: s.minClusterSize }),
      };
      if (context.proxyKind === 'WAYPOINT') {
        return {
          mode: 'ZONE_AWARE',
          active: false,
          failoverEnabled: false,
          reason: 'zone-aware load balancing is skipped at waypoints: no locality priorities at all',
          localityWeightedLbConfig: false,
          failoverPriority: [],
        };
      }
      return {
        mode: 'ZONE_AWARE',
        active: s.enabled !== false,
        failoverEnabled: setting.force,
        reason:
          s.enabled === false
            ? `${setting.reason} with enabled: false (zone routing 0%)`
            : `${setting.reason}: region buckets plus Envoy zone-aware routing`,
        localityWeightedLbConfig: false,
        zoneAwareLbConfig: config,
        failoverPriority: s.failoverPriority ?? [],
      };
    }
    case 'LOCALITY': {
      const s = setting.setting;
      const fp = s.failoverPriority ?? [];
      if (nonEmpty(s.distribute)) {
        return {
          mode: 'DISTRIBUTE',
          active: true,
          failoverEnabled: false,
          reason: `${setting.reason}: distribute sets locality weights (no outlier detection needed); failover settings are ignored`,
          localityWeightedLbConfig: true,
          failoverPriority: [],
        };
      }
      const enabled = context.hasOutlierDetection || setting.force;
      const mode: LocalityLbMode =
        setting.source === 'TRAFFIC_DISTRIBUTION'
          ? 'TRAFFIC_DISTRIBUTION'
          : nonEmpty(fp)
            ? 'FAILOVER_PRIORITY'
            : nonEmpty(s.failover)
              ? 'FAILOVER'
              : 'LOCALITY_FAILOVER';
      const why = setting.force
        ? `${setting.reason} forces priorities without outlier detection`
        : context.hasOutlierDetection
          ? `${setting.reason}; the DestinationRule has outlierDetection, which turns failover on`
          : `${setting.reason}, but the DestinationRule has no outlierDetection, so every endpoint stays at priority 0`;
      return {
        mode,
        active: enabled,
        failoverEnabled: enabled,
        reason: why,
        localityWeightedLbConfig: enabled && (nonEmpty(s.failover) || nonEmpty(fp)),
        failoverPriority: fp,
      };
    }
  }
}
