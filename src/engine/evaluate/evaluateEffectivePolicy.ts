/**
 * The effective policy of a resolved client→backend path: every hop with its baseline traffic shares
 * (no failures, nominal load); with the nominal loads, each endpoint's utilisation where capacity is known.
 */
import type { HopLoad } from '../load/index.js';
import type { EffectivePolicy } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import { computeHopPlacement, type HopPlacement } from '../spillover/index.js';
import { endToEnd } from './endToEnd.js';
import { placementToHop } from './toHop.js';

/**
 * @example evaluateEffectivePolicy(pathWithThreeHealthyPods).hops[0].endpoints.map((e) => e.sharePercent)
 * // → [33.3…, 33.3…, 33.3…]
 */
export function evaluateEffectivePolicy(
  path: ResolvedPath,
  placements: readonly HopPlacement[] = path.hops.map((hop) => computeHopPlacement(hop)),
  loads: readonly HopLoad[] = [],
): EffectivePolicy {
  const placed = path.hops.map((hop, h) => placements[h] ?? computeHopPlacement(hop));
  const hops = path.hops.map((hop, h) => {
    const placement = placed[h] ?? computeHopPlacement(hop);
    return placementToHop(hop, placement, hop.overprovisioningFactor, loads[h]);
  });
  const composed = endToEnd(
    path,
    placed,
    hops,
    (hop) => computeHopPlacement(hop),
    [],
    path.hops.map((hop) => hop.overprovisioningFactor),
  );
  return {
    profile: path.profile,
    client: path.client,
    backend: path.backend,
    hops: composed.hops,
    backendShares: composed.backendShares,
    diagnostics: path.diagnostics,
  };
}
