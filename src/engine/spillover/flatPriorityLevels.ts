/**
 * Priority levels as a balancer without priority load reports them (ztunnel ranks, kube-proxy's single
 * level): endpoints and eligible endpoints per level, a plain healthy percent, the share each level got,
 * and never panic.
 */
import type { PriorityLevel } from '../model/answer.js';
import type { ResolvedHop } from '../model/resolved.js';
import { FULL_LOAD_PERCENT } from './constants.js';
import { levelsOf } from './prepareHop.js';

/**
 * @example flatPriorityLevels(hopWith2Of4Eligible, shares, eligible) // → [{ level: 0, endpoints: 4, healthy: 2, healthPercent: 50, … }]
 */
export function flatPriorityLevels(
  hop: ResolvedHop,
  shares: Float64Array,
  eligible: (i: number) => boolean,
): PriorityLevel[] {
  return levelsOf(hop.endpoints).map(({ level, members }) => {
    const healthy = members.filter(eligible).length;
    let load = 0;
    for (const i of members) load += shares[i] ?? 0;
    const meaning = hop.priorityMeanings[level];
    return {
      level,
      endpoints: members.length,
      healthy,
      healthPercent: members.length > 0 ? Math.floor((FULL_LOAD_PERCENT * healthy) / members.length) : 0,
      loadPercent: load,
      panic: false,
      ...(meaning === undefined ? {} : { meaning }),
    };
  });
}
