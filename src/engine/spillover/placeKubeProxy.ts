/**
 * kube-proxy's placement for a client outside the mesh: connections spread uniformly over the ready
 * endpoints; no priorities, no outlier detection (seed 002 "Native traffic distribution").
 */
import type { ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import { FULL_LOAD_PERCENT } from './constants.js';
import { flatPriorityLevels } from './flatPriorityLevels.js';
import type { Placement } from './types.js';

/** @example placeKubeProxy(hopWith4Ready).shares // → [25, 25, 25, 25] */
export function placeKubeProxy(hop: ResolvedHop): Placement {
  const ready = (e: ResolvedEndpoint): boolean => e.health === 'HEALTHY' || e.health === 'DEGRADED';
  const shares = new Float64Array(hop.endpoints.length);
  const readyCount = hop.endpoints.filter(ready).length;
  hop.endpoints.forEach((e, i) => {
    if (ready(e)) shares[i] = FULL_LOAD_PERCENT / readyCount;
  });
  const trace = [
    `kube-proxy: uniform over ${readyCount.toString()} ready endpoints, no priorities, no outlier detection`,
  ];
  const priorities = flatPriorityLevels(hop, shares, (i) => {
    const e = hop.endpoints[i];
    return e !== undefined && ready(e);
  });
  const droppedPercent = readyCount === 0 ? FULL_LOAD_PERCENT : 0;
  return { shares, droppedPercent, priorities, trace };
}
