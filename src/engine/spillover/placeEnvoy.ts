/**
 * Envoy's placement of a hop's traffic for a given set of ejected hosts: host counts per priority →
 * priority load and panic (`priorityLoad.ts`, `LoadBalancerBase::recalculatePerPriorityState`) → inside
 * each priority, its load over its hosts: all of them in panic (`hostSourceToUse`), else by locality
 * weight and LB weight (`placeWithinPriority.ts`).
 */
import type { PriorityLevel } from '../model/answer.js';
import type { ResolvedHop } from '../model/resolved.js';
import { FULL_LOAD_PERCENT } from './constants.js';
import {
  HEALTH_CODE_DEGRADED,
  HEALTH_CODE_EXCLUDED,
  HEALTH_CODE_HEALTHY,
  HEALTH_CODE_UNHEALTHY,
} from './hostHealth.js';
import { placeByZone } from './placeByZone.js';
import { placeWithinPriority } from './placeWithinPriority.js';
import type { PreparedHop } from './prepareHop.js';
import { computePriorityLoad } from './priorityLoad.js';
import { spreadByWeight } from './spreadByWeight.js';
import type { Placement, PriorityHostCounts, PriorityLoadResult } from './types.js';

/**
 * @example placeEnvoy(hopOf3Healthy, prepareHop(hopOf3Healthy), new Set([0]), 140).shares // → [0, 50, 50]
 */
export function placeEnvoy(
  hop: ResolvedHop,
  prepared: PreparedHop,
  ejected: ReadonlySet<number>,
  factor: number,
): Placement {
  const endpoints = hop.endpoints;
  // An ejection sets FAILED_OUTLIER_CHECK: the host turns unhealthy but an excluded host stays excluded.
  const health = prepared.baseHealth.slice();
  for (const i of ejected) if (health[i] !== HEALTH_CODE_EXCLUDED) health[i] = HEALTH_CODE_UNHEALTHY;
  const levels = prepared.levels;
  const counts: PriorityHostCounts[] = levels.map(({ members }) => {
    let healthy = 0;
    let degraded = 0;
    let excluded = 0;
    for (let m = 0; m < members.length; m += 1) {
      const h = health[members[m] ?? -1];
      if (h === HEALTH_CODE_HEALTHY) healthy += 1;
      else if (h === HEALTH_CODE_DEGRADED) degraded += 1;
      else if (h === HEALTH_CODE_EXCLUDED) excluded += 1;
    }
    return { total: members.length, healthy, degraded, excluded };
  });
  const result: PriorityLoadResult = computePriorityLoad(counts, {
    overprovisioningFactorPercent: factor,
    panicThresholdPercent: hop.panicThresholdPercent,
  });
  const shares = new Float64Array(endpoints.length);
  let dropped = 0;
  const trace = [...result.trace];
  levels.forEach(({ level, members }) => {
    const hl = result.healthyLoad[level] ?? 0;
    const dl = result.degradedLoad[level] ?? 0;
    if (hl + dl <= 0) return;
    if (result.panic[level] === true) {
      dropped += spreadByWeight(endpoints, members, () => true, hl + dl, shares);
      trace.push(
        `P${level.toString()} in panic: its ${(hl + dl).toString()} % goes to all ${members.length.toString()} hosts, unhealthy and ejected ones included`,
      );
      return;
    }
    const groups = prepared.groupsByLevel[level] ?? [];
    // Zone-aware routing acts on priority 0 only (`regenerateLocalityRoutingStructures`).
    const zoned = level === 0 ? placeByZone(hop, prepared, members, health, hl, shares) : undefined;
    if (zoned !== undefined) trace.push(zoned.trace);
    if (zoned?.applied === true) dropped += zoned.dropped;
    else
      dropped += placeWithinPriority(hop, members, groups, health, HEALTH_CODE_HEALTHY, hl, factor, shares);
    dropped += placeWithinPriority(hop, members, groups, health, HEALTH_CODE_DEGRADED, dl, factor, shares);
  });
  if (levels.length === 0) dropped = FULL_LOAD_PERCENT;
  if (dropped > 0) trace.push(`${dropped.toString()} % finds no usable host ("no healthy upstream")`);
  const priorities: PriorityLevel[] = levels.map(({ level, members }) => {
    const meaning = hop.priorityMeanings[level];
    const c = counts[level];
    return {
      level,
      endpoints: members.length,
      healthy: c?.healthy ?? 0,
      healthPercent: result.health[level] ?? 0,
      loadPercent: (result.healthyLoad[level] ?? 0) + (result.degradedLoad[level] ?? 0),
      panic: result.panic[level] ?? false,
      ...(meaning === undefined ? {} : { meaning }),
    };
  });
  return { shares, droppedPercent: dropped, priorities, trace };
}
