/**
 * ztunnel endpoint selection: `ztunnel:src/state.rs` `load_balance` and `src/state/service.rs`
 * `should_include_endpoint` (istio.md §7.2–7.5). Ranking is over healthy endpoints only and only the
 * best rank receives connections: there is no gradual spillover.
 */
import type { Locality, Profile } from '../model/meshModel.js';
import { networkPreferredFor } from './profileFeatures.js';
import type { ZtunnelLoadBalancing, ZtunnelScope } from './types.js';

export interface ZtunnelWorkloadPlace {
  readonly network: string;
  readonly locality: Locality;
  /** Node name; `''` when unknown. */
  readonly node: string;
  readonly cluster: string;
}

export interface ZtunnelEndpointInput extends ZtunnelWorkloadPlace {
  readonly id: string;
  readonly healthy: boolean;
  /** The endpoint's workload is known (an endpoint without one is skipped). Default true. */
  readonly workloadExists?: boolean;
  /** The workload has an IP or hostname. Default true. */
  readonly hasAddress?: boolean;
  /** A network gateway exists for the workload's network (needed for address-less remote workloads). */
  readonly hasNetworkGateway?: boolean;
  /** Capacity weight for the random pick; default 1. */
  readonly capacity?: number;
}

export type ZtunnelExclusion = 'UNHEALTHY' | 'NO_WORKLOAD' | 'NO_ADDRESS' | 'STRICT_MISMATCH' | 'LOWER_RANK';

export interface ZtunnelRankedEndpoint {
  readonly id: string;
  /** Higher is better; absent when filtered before ranking. */
  readonly rank?: number;
  /** maxRank − rank: 0 for the best possible match; matches Envoy's raw priority for the same list. */
  readonly tier?: number;
  /** In the set ztunnel picks from. */
  readonly selectable: boolean;
  readonly excludedBy?: ZtunnelExclusion;
  readonly reason: string;
}

export interface ZtunnelRanking {
  readonly endpoints: readonly ZtunnelRankedEndpoint[];
  /** Ids ztunnel chooses among (weighted by capacity). Empty means the connection fails. */
  readonly selectable: readonly string[];
  /** The highest rank any endpoint could reach for these scopes. */
  readonly maxRank: number;
  readonly bestRank?: number;
  readonly networkPreferred: boolean;
}

function scopeMatches(scope: ZtunnelScope, src: ZtunnelWorkloadPlace, dst: ZtunnelWorkloadPlace): boolean {
  switch (scope) {
    case 'NETWORK':
      return src.network === dst.network;
    case 'REGION':
      return src.locality.region === dst.locality.region;
    case 'ZONE':
      return src.locality.zone === dst.locality.zone;
    case 'SUBZONE':
      return src.locality.subzone === dst.locality.subzone;
    case 'NODE':
      return src.node === dst.node;
    case 'CLUSTER':
      return src.cluster === dst.cluster;
  }
}

/**
 * Rank one endpoint: +1 per leading scope that matches, stopping at the first mismatch. With the
 * network preferred (1.31+, first scope NETWORK) a network mismatch is skipped and a match adds
 * `len − 1`, so other-network endpoints keep their own locality ladder below the same-network ones.
 * Returns the rank before the adjustment too (STRICT compares it with the scope count).
 */
export function ztunnelRank(
  scopes: readonly ZtunnelScope[],
  source: ZtunnelWorkloadPlace,
  endpoint: ZtunnelWorkloadPlace,
  networkPreferred: boolean,
): { readonly rank: number; readonly matchedScopes: number } {
  const preferred = networkPreferred && scopes[0] === 'NETWORK';
  let rank = 0;
  let adjust = 0;
  for (const [i, scope] of scopes.entries()) {
    const ok = scopeMatches(scope, source, endpoint);
    if (preferred && i === 0) {
      if (ok) {
        rank += 1;
        adjust = scopes.length - 1;
      }
      continue;
    }
    if (!ok) break;
    rank += 1;
  }
  return { rank: rank + adjust, matchedScopes: rank };
}

/** The best rank reachable for a scope list: `2·len − 1` with the network preferred, else `len`. */
export function ztunnelMaxRank(scopes: readonly ZtunnelScope[], networkPreferred: boolean): number {
  if (scopes.length === 0) return 0;
  return networkPreferred && scopes[0] === 'NETWORK' ? 2 * scopes.length - 1 : scopes.length;
}

/**
 * Which endpoints a ztunnel on `source` can pick for a service: health filter (unless ALLOW_ALL),
 * candidate filter, then STANDARD (all), STRICT (full matches only) or FAILOVER (best rank only).
 * Network preference: 1.31+ only; SOLO lumps other networks (seed 002).
 *
 * @example FAILOVER [NETWORK, REGION, ZONE] from network/reg/'' → same-network same-region endpoints (rank 4).
 */
export function ztunnelRanking(input: {
  readonly profile: Profile;
  readonly loadBalancing: Pick<ZtunnelLoadBalancing, 'mode' | 'scopes' | 'healthPolicy'>;
  readonly source: ZtunnelWorkloadPlace;
  readonly endpoints: readonly ZtunnelEndpointInput[];
}): ZtunnelRanking {
  const { loadBalancing: lb, source } = input;
  const networkPreferred = networkPreferredFor(input.profile, 'ZTUNNEL');
  const maxRank = ztunnelMaxRank(lb.scopes, networkPreferred);
  const ranked: { id: string; rank: number; matched: number }[] = [];
  const excluded: ZtunnelRankedEndpoint[] = [];
  for (const ep of input.endpoints) {
    if (!ep.healthy && lb.healthPolicy !== 'ALLOW_ALL') {
      excluded.push({
        id: ep.id,
        selectable: false,
        excludedBy: 'UNHEALTHY',
        reason: 'not healthy: dropped before ranking (ONLY_HEALTHY)',
      });
      continue;
    }
    if (ep.workloadExists === false) {
      excluded.push({
        id: ep.id,
        selectable: false,
        excludedBy: 'NO_WORKLOAD',
        reason: 'endpoint without a known workload',
      });
      continue;
    }
    if (ep.hasAddress === false && !(ep.network !== source.network && ep.hasNetworkGateway === true)) {
      excluded.push({
        id: ep.id,
        selectable: false,
        excludedBy: 'NO_ADDRESS',
        reason: 'workload without an address (and not reachable through a network gateway)',
      });
      continue;
    }
    if (lb.mode === 'STANDARD' || lb.mode === 'PASSTHROUGH') {
      ranked.push({ id: ep.id, rank: 0, matched: 0 });
      continue;
    }
    const r = ztunnelRank(lb.scopes, source, ep, networkPreferred);
    if (lb.mode === 'STRICT' && r.matchedScopes !== lb.scopes.length) {
      excluded.push({
        id: ep.id,
        rank: r.rank,
        tier: maxRank - r.rank,
        selectable: false,
        excludedBy: 'STRICT_MISMATCH',
        reason: `STRICT: does not match every scope (${lb.scopes.join(', ')})`,
      });
      continue;
    }
    ranked.push({ id: ep.id, rank: r.rank, matched: r.matchedScopes });
  }
  // A loop, not `Math.max(...ranks)`: one argument per endpoint overflows V8's stack at ~10⁵.
  const best = ranked.length === 0 ? undefined : ranked.reduce((max, r) => Math.max(max, r.rank), -Infinity);
  const out: ZtunnelRankedEndpoint[] = ranked.map((r) => {
    const selectable = r.rank === best;
    const standard = lb.mode === 'STANDARD' || lb.mode === 'PASSTHROUGH';
    return {
      id: r.id,
      rank: r.rank,
      tier: standard ? 0 : maxRank - r.rank,
      selectable,
      ...(selectable ? {} : { excludedBy: 'LOWER_RANK' as const }),
      reason: standard
        ? 'STANDARD: every healthy endpoint is a candidate'
        : `rank ${r.rank} of ${maxRank} over ${lb.scopes.join(', ')}${selectable ? ' (best present)' : `; only rank ${best ?? 0} receives connections`}`,
    };
  });
  const byId = new Map<string, ZtunnelRankedEndpoint>([...out, ...excluded].map((e) => [e.id, e]));
  const endpoints = input.endpoints.flatMap((e) => {
    const r = byId.get(e.id);
    return r === undefined ? [] : [r];
  });
  return {
    endpoints,
    selectable: endpoints.filter((e) => e.selectable).map((e) => e.id),
    maxRank,
    ...(best === undefined ? {} : { bestRank: best }),
    networkPreferred,
  };
}
