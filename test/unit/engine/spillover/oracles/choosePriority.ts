/**
 * Envoy's priority choice for one request, for the vectors that assert which priority a given hash picks.
 * A test oracle: answers use the priority loads (`computePriorityLoad`) this choice follows.
 */
import { FULL_LOAD_PERCENT } from '../../../../../src/engine/spillover/index.js';

export interface PriorityChoice {
  readonly priority: number;
  readonly source: 'HEALTHY' | 'DEGRADED';
}

/**
 * `LoadBalancerBase::choosePriority` for one request: `h = hash % 100 + 1`; the first priority whose running
 * healthy-load total reaches h serves from its healthy hosts, else the running total continues over the
 * degraded loads. Undefined only if the loads do not reach h (never when they sum to 100).
 *
 * @example choosePriority([0, 100], [0, 0], 0) // → { priority: 1, source: 'HEALTHY' }
 */
export function choosePriority(
  healthyLoad: readonly number[],
  degradedLoad: readonly number[],
  hash: number,
): PriorityChoice | undefined {
  const h = (hash % FULL_LOAD_PERCENT) + 1;
  let running = 0;
  for (let p = 0; p < healthyLoad.length; p += 1) {
    running += healthyLoad[p] ?? 0;
    if (running >= h) return { priority: p, source: 'HEALTHY' };
  }
  for (let p = 0; p < degradedLoad.length; p += 1) {
    running += degradedLoad[p] ?? 0;
    if (running >= h) return { priority: p, source: 'DEGRADED' };
  }
  return undefined;
}
