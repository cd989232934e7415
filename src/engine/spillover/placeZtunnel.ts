/**
 * ztunnel's placement of a hop's connections (`ztunnelShare.ts`, istio.md §7): the best tier with an
 * eligible endpoint takes everything; nothing spills gradually, there is no outlier detection and no
 * overprovisioning factor: load never moves a connection (ztunnel picks among healthy workloads only).
 */
import type { ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import { flatPriorityLevels } from './flatPriorityLevels.js';
import type { Placement } from './types.js';
import { isZtunnelEligible, ztunnelShare } from './ztunnelShare.js';

/** @example placeZtunnel(hopWithTier0Down).priorities.map((p) => p.loadPercent) // → [0, 100] */
export function placeZtunnel(hop: ResolvedHop): Placement {
  const z = ztunnelShare(hop);
  const policy = hop.ztunnel?.healthPolicy ?? 'ONLY_HEALTHY';
  const isEligible = (e: ResolvedEndpoint): boolean => isZtunnelEligible(e, policy);
  const priorities = flatPriorityLevels(hop, z.shares, (i) => {
    const e = hop.endpoints[i];
    return e !== undefined && isEligible(e);
  });
  return {
    shares: z.shares,
    droppedPercent: z.droppedPercent,
    priorities,
    trace: z.trace,
  };
}
