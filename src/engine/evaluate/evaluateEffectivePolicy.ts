/**
 * The effective policy of a resolved client→backend path: every hop with its baseline traffic shares
 * (no failures, nominal load).
 */
import type { EffectivePolicy } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import { computeHopPlacement } from '../spillover/index.js';
import { placementToHop } from './toHop.js';

/**
 * @example evaluateEffectivePolicy(pathWithThreeHealthyPods).hops[0].endpoints.map((e) => e.sharePercent)
 * // → [33.3…, 33.3…, 33.3…]
 */
export function evaluateEffectivePolicy(path: ResolvedPath): EffectivePolicy {
  return {
    profile: path.profile,
    client: path.client,
    backend: path.backend,
    hops: path.hops.map((hop) => placementToHop(hop, computeHopPlacement(hop), hop.overprovisioningFactor)),
    diagnostics: path.diagnostics,
  };
}
