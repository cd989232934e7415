/**
 * End-to-end shares (`EffectivePolicy.backendShares`, api.md Additions): each backend endpoint's share of
 * the client's requests, composed over every hop and every proxy replica on the way.
 *
 * The client's requests start at its pods, weighted as the resolver says (equally). Each pod's first hop
 * spreads its part over the first hop's endpoints by that pod's own placement; the part reaching a waypoint
 * replica is spread again by that replica's own placement (its own priorities, from its own locality), and
 * so on to the backend: `share(e) = Σ over the chains pod → replica → … → e of Π (share at each hop / 100)`.
 * Traffic a hop drops, and traffic an earlier hop sends to a failing proxy replica (it answers the error
 * itself), reaches no backend endpoint; it is the rest of the whole. A backend endpoint that fails still
 * counts the requests it gets (they come back as errors), as on its hop.
 */
import type { EndpointShare, Hop, ReplicaHop } from '../model/answer.js';
import type { HopReplica, ResolvedHop, ResolvedPath } from '../model/resolved.js';
import type { HopPlacement } from '../spillover/index.js';
import { apportionPercents, roundPercent } from './presentPercent.js';

/** Places one replica's hop (under the same scenario as the representative). */
export type PlaceReplica = (hop: ResolvedHop, hopIndex: number) => HopPlacement;

/** What the composition gives the answer: the backend shares and, per hop, its replicas' traffic. */
export interface ComposedShares {
  readonly backendShares: readonly EndpointShare[];
  /** Per hop index: each replica with the fraction (0–1) of the client's requests it balances. */
  readonly replicaTraffic: readonly (readonly {
    readonly replica: HopReplica;
    readonly fraction: number;
  }[])[];
}

/** The replicas of hop `h`, or its representative alone when the path lists none. */
function replicasOf(path: ResolvedPath, h: number): readonly HopReplica[] {
  const listed = path.replicas?.[h];
  if (listed !== undefined && listed.length > 0) return listed;
  const hop = path.hops[h];
  return hop === undefined ? [] : [{ key: '', weight: 1, hop }];
}

/**
 * @example composeBackendShares(pathWithTwoWaypointReplicas, placements, presentedHops, place, failing)
 * // → backendShares: replica A's 50 % on its zone's pods, replica B's 50 % on its zone's pods
 */
export function composeBackendShares(
  path: ResolvedPath,
  placements: readonly HopPlacement[],
  presented: readonly Hop[],
  place: PlaceReplica,
  failingIds: readonly ReadonlySet<string>[] = [],
): ComposedShares {
  const last = path.hops.length - 1;
  const lastHop = presented[last];
  if (last < 0 || lastHop === undefined) return { backendShares: [], replicaTraffic: [] };
  const cache = new Map<ResolvedHop, HopPlacement>();
  path.hops.forEach((hop, h) => {
    const p = placements[h];
    if (p !== undefined) cache.set(hop, p);
  });
  const placed = (hop: ResolvedHop, h: number): HopPlacement => {
    let p = cache.get(hop);
    if (p === undefined) {
      p = place(hop, h);
      cache.set(hop, p);
    }
    return p;
  };

  // Mass (fraction of the client's requests) arriving at each endpoint id of the hop just composed.
  let arriving = new Map<string, number>();
  const replicaTraffic: { replica: HopReplica; fraction: number }[][] = [];
  for (let h = 0; h <= last; h += 1) {
    const replicas = replicasOf(path, h);
    const fractions = replicas.map((r) => (h === 0 ? r.weight : (arriving.get(r.key) ?? 0)));
    if (h > 0) {
      // Previous endpoints with no replica of their own (a hand-built path) follow the representative.
      const covered = new Set(replicas.map((r) => r.key));
      let rest = 0;
      for (const [id, mass] of arriving) if (!covered.has(id)) rest += mass;
      const rep = replicas.findIndex((r) => r.hop === path.hops[h]);
      if (rest > 0 && rep >= 0) fractions[rep] = (fractions[rep] ?? 0) + rest;
    }
    replicaTraffic.push(replicas.map((replica, i) => ({ replica, fraction: fractions[i] ?? 0 })));
    const next = new Map<string, number>();
    const failing = h < last ? failingIds[h] : undefined;
    replicas.forEach((replica, i) => {
      const mass = fractions[i] ?? 0;
      if (mass <= 0) return;
      const p = placed(replica.hop, h);
      replica.hop.endpoints.forEach((e, j) => {
        const share = p.shares[j] ?? 0;
        if (share <= 0 || failing?.has(e.id) === true) return;
        next.set(e.id, (next.get(e.id) ?? 0) + (mass * share) / 100);
      });
    });
    arriving = next;
  }

  const representative = path.hops[last];
  const ids = representative?.endpoints.map((e) => e.id) ?? [];
  const percents = ids.map((id) => 100 * (arriving.get(id) ?? 0));
  const reached = percents.reduce((a, b) => a + b, 0);
  const rounded = apportionPercents([...percents, Math.max(0, 100 - reached)]);
  const backendShares = lastHop.endpoints.map((e, i) => ({ ...e, sharePercent: rounded[i] ?? 0 }));
  return { backendShares, replicaTraffic };
}

/** A replica's hop as the answer shows it, with the share of the client's requests it balances. */
export function replicaHop(hop: Hop, fraction: number): ReplicaHop {
  return {
    from: hop.from,
    trafficPercent: roundPercent(fraction * 100),
    priorities: hop.priorities,
    endpoints: hop.endpoints,
    droppedPercent: hop.droppedPercent,
  };
}
