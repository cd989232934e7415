/**
 * Steps 1–3 of Envoy's priority load (envoy.md §3–§4): per-priority availability scores
 * (`LoadBalancerBase::recalculatePerPriorityState`), their normalized total
 * (`calculateNormalizedTotalAvailability`) and the healthy-then-degraded distribution with the remainder
 * rule (`distributeLoad`). `priorityLoad.ts` composes them with panic.
 */
import { FULL_LOAD_PERCENT } from './constants.js';
import type { PriorityHostCounts } from './types.js';

export interface PriorityScores {
  readonly health: number[];
  readonly degradedHealth: number[];
}

/**
 * One availability score, `min(100, floor(F × part / whole))` in Envoy's integer arithmetic
 * (`recalculatePerPriorityState`); 0 when nothing is available.
 *
 * @example healthScorePercent(140, 72, 100) // → 100 (100.8 floored, capped)
 */
export function healthScorePercent(
  overprovisioningFactorPercent: number,
  part: number,
  whole: number,
): number {
  if (whole <= 0 || part <= 0) return 0;
  // Integer product first, one division, truncation: Envoy's uint64 arithmetic. The double division of
  // two integers below 2^53 is exact enough that floor never lands on the wrong side.
  return Math.min(FULL_LOAD_PERCENT, Math.floor((overprovisioningFactorPercent * part) / whole));
}

/** How a score is computed from a priority's available part and its whole (`healthScorePercent` for Envoy). */
export type ScoreOf = (part: number, whole: number) => number;

/**
 * Step 1: `health_p = score(hw, tw)` and the same for degraded hosts, with host counts, or LB weights
 * under `weighted_priority_health` (which affects only these scores). A priority whose hosts are all
 * excluded scores 0.
 *
 * @example priorityScores([{ total: 100, healthy: 71, degraded: 0, excluded: 0 }], false, (p, w) => healthScorePercent(140, p, w))
 * // → { health: [99], degradedHealth: [0] }
 */
export function priorityScores(
  priorities: readonly PriorityHostCounts[],
  weightedPriorityHealth: boolean,
  score: ScoreOf,
): PriorityScores {
  const health: number[] = [];
  const degradedHealth: number[] = [];
  for (const p of priorities) {
    const considered = p.total - p.excluded;
    if (considered <= 0) {
      health.push(0);
      degradedHealth.push(0);
      continue;
    }
    const w = weightedPriorityHealth ? p.weights : undefined;
    const hw = w ? w.healthy : p.healthy;
    const dw = w ? w.degraded : p.degraded;
    const tw = w ? w.total - w.excluded : considered;
    health.push(score(hw, tw));
    degradedHealth.push(score(dw, tw));
  }
  return { health, degradedHealth };
}

/**
 * Step 2: `min(100, Σ health + Σ degraded)` over every priority.
 *
 * @example normalizedTotalAvailability({ health: [20, 30], degradedHealth: [0, 0] }) // → 50
 */
export function normalizedTotalAvailability(scores: PriorityScores): number {
  const sum = [...scores.health, ...scores.degradedHealth].reduce((a, b) => a + b, 0);
  return Math.min(FULL_LOAD_PERCENT, sum);
}

export interface DistributedLoad {
  readonly healthyLoad: number[];
  readonly degradedLoad: number[];
}

/**
 * Step 3 (`distributeLoad`, twice): healthy capacity of every priority first, then degraded capacity,
 * each score scaled by 100/NTA with truncation; the rounding remainder goes to the first priority with a
 * healthy score, else the first with a degraded score. Requires NTA > 0.
 *
 * @example distributeByScores({ health: [10, 20, 10], degradedHealth: [20, 10, 0] }, 70)
 * // → { healthyLoad: [16, 28, 14], degradedLoad: [28, 14, 0] }
 */
export function distributeByScores(scores: PriorityScores, nta: number): DistributedLoad {
  let remaining = FULL_LOAD_PERCENT;
  const pass = (values: readonly number[]): number[] =>
    values.map((score) => {
      const load = Math.min(remaining, Math.floor((score * FULL_LOAD_PERCENT) / nta));
      remaining -= load;
      return load;
    });
  const healthyLoad = pass(scores.health);
  const degradedLoad = pass(scores.degradedHealth);
  if (remaining > 0) {
    const firstHealthy = scores.health.findIndex((s) => s > 0);
    const firstDegraded = scores.degradedHealth.findIndex((s) => s > 0);
    if (firstHealthy >= 0) healthyLoad[firstHealthy] = (healthyLoad[firstHealthy] ?? 0) + remaining;
    else if (firstDegraded >= 0) degradedLoad[firstDegraded] = (degradedLoad[firstDegraded] ?? 0) + remaining;
  }
  return { healthyLoad, degradedLoad };
}
