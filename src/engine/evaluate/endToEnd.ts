/**
 * The end-to-end part of an answer: `backendShares` composed over every replica
 * (`composeBackendShares.ts`), and each hop with more than one replica listing them (`Hop.replicas`).
 * Effective policy and whatIf's scenario both come through here, with their own placements.
 */
import type { EndpointShare, Hop } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import type { HopPlacement } from '../spillover/index.js';
import { composeBackendShares, replicaHop, type PlaceReplica } from './composeBackendShares.js';
import { placementToHop } from './toHop.js';

export interface EndToEnd {
  readonly hops: readonly Hop[];
  readonly backendShares: readonly EndpointShare[];
}

/**
 * @example endToEnd(path, placements, hops, place, [], [140, 140]).backendShares
 * // → one entry per backend endpoint, summing with what was dropped on the way to 100
 */
export function endToEnd(
  path: ResolvedPath,
  placements: readonly HopPlacement[],
  hops: readonly Hop[],
  place: PlaceReplica,
  failingIds: readonly ReadonlySet<string>[],
  overprovisioningFactors: readonly number[],
): EndToEnd {
  const placedByHop = new Map<object, HopPlacement>();
  const remember: PlaceReplica = (hop, h) => {
    const p = place(hop, h);
    placedByHop.set(hop, p);
    return p;
  };
  const composed = composeBackendShares(path, placements, hops, remember, failingIds);
  const withReplicas = hops.map((hop, h) => {
    const replicas = composed.replicaTraffic[h] ?? [];
    if (replicas.length < 2) return hop;
    return {
      ...hop,
      replicas: replicas.map(({ replica, fraction }) => {
        const resolved = path.hops[h];
        const placement =
          replica.hop === resolved ? placements[h] : (placedByHop.get(replica.hop) ?? place(replica.hop, h));
        const shown =
          replica.hop === resolved || placement === undefined
            ? hop
            : placementToHop(
                replica.hop,
                placement,
                overprovisioningFactors[h] ?? replica.hop.overprovisioningFactor,
              );
        return replicaHop(shown, fraction);
      }),
    };
  });
  return { hops: withReplicas, backendShares: composed.backendShares };
}
