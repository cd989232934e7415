/**
 * Mode → failoverPriority labels (Envoy) and routing scopes (ztunnel), with the meaning of each raw
 * level. Upstream presets: `loadbalancer.go` `GetEffectiveLbSetting` and `services.go`
 * `preferSameZoneLoadBalancer` / `preferSameNodeLoadBalancer` (istio.md §4.2–4.3, §5.7, §7.5). SOLO
 * PreferNetwork / PreferRegion: seed 002 mode table.
 */
import type { Profile } from '../model/meshModel.js';
import { networkPreferredFor } from './profileFeatures.js';
import {
  LABEL_CLUSTER,
  LABEL_HOSTNAME,
  LABEL_NETWORK,
  LABEL_REGION,
  LABEL_SUBZONE,
  LABEL_ZONE,
} from './topologyLabels.js';
import type { TrafficDistributionMode, ZtunnelScope } from './types.js';

export interface ModePriorities {
  readonly mode: TrafficDistributionMode;
  readonly profile: Profile;
  /** failoverPriority Istio synthesizes for Envoy proxies (empty for Any). */
  readonly failoverPriority: readonly string[];
  /** ztunnel FAILOVER routing preference (empty for Any = STANDARD). */
  readonly ztunnelScopes: readonly ZtunnelScope[];
  /** Whether other-network endpoints keep a locality order (true) or share one lowest level. */
  readonly networkPreferred: boolean;
  /** Meaning of each raw level, index = raw priority (0 = most preferred). */
  readonly levelMeanings: readonly string[];
}

const SAME_ZONE_KEYS = [LABEL_NETWORK, LABEL_REGION, LABEL_ZONE];
const SAME_NODE_KEYS = [LABEL_NETWORK, LABEL_REGION, LABEL_ZONE, LABEL_SUBZONE, LABEL_HOSTNAME];

/** failoverPriority per mode; subzone left PreferSameZone in 1.27 (release note 55848). */
export function failoverPriorityForMode(mode: TrafficDistributionMode): readonly string[] {
  switch (mode) {
    case 'Any':
      return [];
    case 'PreferSameZone':
      return SAME_ZONE_KEYS;
    case 'PreferSameNode':
      return SAME_NODE_KEYS;
    case 'PreferNetwork':
      return [LABEL_NETWORK];
    case 'PreferRegion':
      return [LABEL_NETWORK, LABEL_REGION];
  }
}

export function ztunnelScopesForMode(mode: TrafficDistributionMode): readonly ZtunnelScope[] {
  switch (mode) {
    case 'Any':
      return [];
    case 'PreferSameZone':
      return ['NETWORK', 'REGION', 'ZONE'];
    case 'PreferSameNode':
      return ['NETWORK', 'REGION', 'ZONE', 'SUBZONE', 'NODE'];
    case 'PreferNetwork':
      return ['NETWORK'];
    case 'PreferRegion':
      return ['NETWORK', 'REGION'];
  }
}

const FRIENDLY: Readonly<Record<string, string>> = {
  [LABEL_NETWORK]: 'network',
  [LABEL_REGION]: 'region',
  [LABEL_ZONE]: 'zone',
  [LABEL_SUBZONE]: 'subzone',
  [LABEL_HOSTNAME]: 'node',
  [LABEL_CLUSTER]: 'cluster',
};

/** A short name for a label key (`topology.kubernetes.io/zone` → `zone`). */
export function friendlyLabel(key: string): string {
  return FRIENDLY[key] ?? key;
}

function sameText(keys: readonly string[]): string {
  return keys.length === 0 ? 'no label matches' : `same ${keys.map(friendlyLabel).join(' + ')}`;
}

/**
 * The meaning of each raw failoverPriority value for a key list (istio.md §5.2 value ranges):
 * with the network preferred, 0..N-1 on the same network and N..2N-1 the same ladder elsewhere;
 * otherwise 0..N where N = "first key differs".
 */
export function failoverPriorityLevelMeanings(
  keys: readonly string[],
  networkPreferred: boolean,
): readonly string[] {
  const n = keys.length;
  if (n === 0) return ['all endpoints'];
  const ladder = (): string[] => {
    // raw 0 = all keys match; raw n-j = keys 0..j-1 match (the first mismatch is key j).
    const out: string[] = [sameText(keys)];
    for (let raw = 1; raw <= n; raw++) {
      const j = n - raw;
      out.push(j === 0 && keys[0] === LABEL_NETWORK ? 'other network' : sameText(keys.slice(0, j)));
    }
    return out;
  };
  if (networkPreferred && keys[0] === LABEL_NETWORK) {
    const same = ladder().slice(0, n);
    const rest = keys.slice(1);
    const other: string[] = [];
    for (let raw = 0; raw < n; raw++) {
      const matched = raw === 0 ? rest : rest.slice(0, rest.length - raw);
      other.push(
        matched.length === 0 ? 'other network, no other match' : `other network, ${sameText(matched)}`,
      );
    }
    return [...same, ...other];
  }
  return ladder();
}

/**
 * Everything a mode implies under a profile.
 *
 * @example modePriorities('PreferNetwork', 'SOLO').levelMeanings // → ['same network', 'no label matches']
 */
export function modePriorities(mode: TrafficDistributionMode, profile: Profile): ModePriorities {
  const failoverPriority = failoverPriorityForMode(mode);
  const networkPreferred = networkPreferredFor(profile, 'TRAFFIC_DISTRIBUTION');
  return {
    mode,
    profile,
    failoverPriority,
    ztunnelScopes: ztunnelScopesForMode(mode),
    networkPreferred,
    levelMeanings: failoverPriorityLevelMeanings(failoverPriority, networkPreferred),
  };
}
