/**
 * ztunnel's placement of a hop's connections (`ztunnelShare.ts`, istio.md §7): the best tier with an
 * eligible endpoint takes everything; nothing spills gradually and there is no outlier detection.
 */
import type { ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import { flatPriorityLevels } from './flatPriorityLevels.js';
import { nonSpillingOverflowPercent } from './loadFactor.js';
import type { Placement } from './types.js';
import { isZtunnelEligible, ztunnelShare } from './ztunnelShare.js';

/** @example placeZtunnel(hopWithTier0Down, 140, 1).priorities.map((p) => p.loadPercent) // → [0, 100] */
export function placeZtunnel(hop: ResolvedHop, factor: number, loadFactor: number): Placement {
  const z = ztunnelShare(hop);
  const policy = hop.ztunnel?.healthPolicy ?? 'ONLY_HEALTHY';
  const isEligible = (e: ResolvedEndpoint): boolean => isZtunnelEligible(e, policy);
  const tier = z.servingTier;
  const serving = (e: ResolvedEndpoint): boolean => tier === undefined || e.priority === tier;
  const overflow =
    z.droppedPercent > 0 ? 0 : nonSpillingOverflowPercent(hop, serving, isEligible, factor, loadFactor);
  const priorities = flatPriorityLevels(hop, z.shares, (i) => {
    const e = hop.endpoints[i];
    return e !== undefined && isEligible(e);
  });
  return {
    shares: z.shares,
    droppedPercent: z.droppedPercent,
    overflowPercent: overflow,
    priorities,
    trace: z.trace,
  };
}
