/**
 * Envoy's zone-aware routing inside priority 0 (`ZoneAwareLoadBalancerBase`: `earlyExitNonLocalityRouting`,
 * `regenerateLocalityRoutingStructures`, `calculateLocalityPercentages`, `hostSourceToUse`,
 * `tryChooseLocalLocalityHosts`; Istio 1.31 `zoneAwareLbSetting` → cluster `zone_aware_lb_config`, with the
 * proxy's own service as `local_cluster` when `ISTIO_META_ENABLE_SELF_DISCOVERY` is on).
 *
 * Percentages are integers in 1/10000 (`10000 · hosts / total`, floored) of healthy host counts
 * (`HEALTHY_HOSTS_NUM`, the default basis). With the upstream's local-zone share at least the local
 * cluster's, every request stays in the zone (LocalityDirect). Otherwise (LocalityResidual) the local zone
 * takes `upstream% · 10000 / local%` of the requests and the rest goes to the other zones in proportion to
 * their residual capacity `upstream% − local%` (zones with none get nothing; no residual anywhere → a zone
 * picked uniformly). `routing_enabled` (default 100 %) is the share of requests that use it at all; the
 * others go to all healthy hosts of the priority. Only priority 0 is ever routed this way, never while it
 * or the local cluster is in panic.
 */
import { ENVOY_DEFAULT_ZONE_AWARE_MIN_CLUSTER_SIZE } from '../envoyDefaults.js';

/** Envoy's percentage scale: 10000 = 100 %. */
export const ZONE_PERCENT_SCALE = 10_000;

export interface LocalityHosts {
  /** `region/zone/subzone`. */
  readonly locality: string;
  /** Hosts of the locality (any health): a locality with hosts counts as one of the host set's localities. */
  readonly hosts: number;
  readonly healthy: number;
}

export interface ZoneAwareInput {
  /** Priority 0's hosts per locality, in EDS order. */
  readonly upstream: readonly LocalityHosts[];
  /** The local cluster's (the proxy's own service's) hosts per locality. */
  readonly local: readonly LocalityHosts[];
  /** The proxy's own locality. */
  readonly localLocality: string;
  readonly minClusterSize?: number;
  /** `routing_enabled`, percent; Istio writes 0 for `enabled: false`. */
  readonly routingEnabledPercent?: number;
}

export type ZoneRoutingState = 'NO_LOCALITY_ROUTING' | 'LOCALITY_DIRECT' | 'LOCALITY_RESIDUAL';

export interface ZoneAwareRouting {
  readonly state: ZoneRoutingState;
  readonly reason: string;
  /**
   * Per upstream locality (indexed like `input.upstream`), the long-run share of priority 0's requests that
   * zone routing sends there, already mixed with `routing_enabled`; undefined for NO_LOCALITY_ROUTING (all
   * healthy hosts of the priority, as without zone-aware routing).
   */
  readonly localityShares?: readonly number[];
}

const count = (set: readonly LocalityHosts[], pick: (l: LocalityHosts) => number): number =>
  set.reduce((sum, l) => sum + pick(l), 0);

function noRouting(reason: string): ZoneAwareRouting {
  return { state: 'NO_LOCALITY_ROUTING', reason };
}

/** `earlyExitNonLocalityRouting`: the first prerequisite that fails, or undefined when all hold. */
export function zoneRoutingBlocker(input: ZoneAwareInput): string | undefined {
  const upstreamLocalities = input.upstream.filter((l) => l.hosts > 0).length;
  if (upstreamLocalities < 2)
    return `priority 0 spans ${upstreamLocalities.toString()} locality (zone-aware routing needs 2)`;
  if (input.local.filter((l) => l.hosts > 0).length < 2)
    return 'the local cluster (the proxy’s own service) spans fewer than 2 localities';
  if ((input.local.find((l) => l.locality === input.localLocality)?.hosts ?? 0) === 0)
    return `the local cluster has no host in the proxy’s locality ${input.localLocality} (lb_local_cluster_not_ok)`;
  const min = input.minClusterSize ?? ENVOY_DEFAULT_ZONE_AWARE_MIN_CLUSTER_SIZE;
  const healthy = count(input.upstream, (l) => l.healthy);
  if (healthy < min)
    return `priority 0 has ${healthy.toString()} healthy hosts, fewer than min_cluster_size ${min.toString()} (lb_zone_cluster_too_small)`;
  return undefined;
}

/**
 * @example zoneAwareRouting({ upstream: [a:2, b:2, c:2 healthy], local: [a:1, b:1, c:1], localLocality: 'a' })
 * // → LOCALITY_DIRECT: upstream 3333 ≥ local 3333, every request stays in zone a
 */
export function zoneAwareRouting(input: ZoneAwareInput): ZoneAwareRouting {
  const blocker = zoneRoutingBlocker(input);
  if (blocker !== undefined) return noRouting(blocker);
  const enabled = Math.min(100, Math.max(0, input.routingEnabledPercent ?? 100)) / 100;
  if (enabled === 0) return noRouting('routing_enabled 0 % (zoneAwareLbSetting.enabled: false)');
  const totalUp = count(input.upstream, (l) => l.healthy);
  const totalLocal = count(input.local, (l) => l.healthy);
  const localHealthy = new Map(input.local.map((l) => [l.locality, l.healthy]));
  const pct = (n: number, total: number): number =>
    total > 0 ? Math.floor((ZONE_PERCENT_SCALE * n) / total) : 0;
  const upstreamPct = input.upstream.map((l) => pct(l.healthy, totalUp));
  const localPct = input.upstream.map((l) => pct(localHealthy.get(l.locality) ?? 0, totalLocal));
  const home = input.upstream.findIndex((l) => l.locality === input.localLocality && l.hosts > 0);
  // Without zone routing the priority spreads over its healthy hosts: the mixing term for routing_enabled.
  const plain = input.upstream.map((l) => (totalUp > 0 ? l.healthy / totalUp : 0));
  const mix = (routed: readonly number[]): number[] =>
    routed.map((s, i) => enabled * s + (1 - enabled) * (plain[i] ?? 0));
  const up0 = upstreamPct[home] ?? 0;
  const local0 = localPct[home] ?? 0;
  if (home >= 0 && up0 > 0 && up0 >= local0) {
    return {
      state: 'LOCALITY_DIRECT',
      reason: `the proxy's zone holds ${up0.toString()}/10000 of the healthy upstream hosts and ${local0.toString()}/10000 of the local cluster: every request stays in the zone`,
      localityShares: mix(input.upstream.map((_l, i) => (i === home ? 1 : 0))),
    };
  }
  const toLocal =
    home >= 0 && local0 > 0 ? Math.floor((up0 * ZONE_PERCENT_SCALE) / local0) / ZONE_PERCENT_SCALE : 0;
  const residual = input.upstream.map((_l, i) =>
    i === home ? 0 : Math.max(0, (upstreamPct[i] ?? 0) - (localPct[i] ?? 0)),
  );
  const totalResidual = residual.reduce((s, r) => s + r, 0);
  const n = input.upstream.length;
  const cross = 1 - toLocal;
  const routed = input.upstream.map((_l, i) => {
    const crossShare = totalResidual > 0 ? ((residual[i] ?? 0) / totalResidual) * cross : cross / n;
    return (i === home ? toLocal : 0) + crossShare;
  });
  return {
    state: 'LOCALITY_RESIDUAL',
    reason:
      home < 0
        ? "no healthy upstream host in the proxy's zone: every request goes cross-zone, by residual capacity"
        : `the proxy's zone holds ${up0.toString()}/10000 of the healthy upstream hosts but ${local0.toString()}/10000 of the local cluster: ${(toLocal * 100).toFixed(2)} % stay in the zone, the rest by residual capacity`,
    localityShares: mix(routed),
  };
}
