/**
 * Envoy's priority load (envoy.md §3–§5), composed in Envoy's evaluation order:
 * 1. per-priority health and degraded scores (`LoadBalancerBase::recalculatePerPriorityState`);
 * 2. the normalized total availability (`calculateNormalizedTotalAvailability`);
 * 3. the healthy-then-degraded distribution with the remainder rule (`distributeLoad`);
 * 4. per-priority panic and the disabled-threshold special case (`recalculatePerPriorityPanic`);
 * 5. the host-count split when every priority panics (`recalculateLoadInTotalPanic`).
 * The load factor (`loadFactor.ts`) only changes the scores fed to step 3; at factor 1 it is a no-op.
 */
import { FULL_LOAD_PERCENT } from './constants.js';
import { loadAdjustedScorePercent, NOMINAL_LOAD_FACTOR, overflowPercentFor } from './loadFactor.js';
import { effectivePanicThresholdPercent, isPriorityInPanic, totalPanicLoad } from './panicThreshold.js';
import type { PriorityHostCounts, PriorityLoadOptions, PriorityLoadResult } from './types.js';

export interface PriorityScores {
  readonly health: number[];
  readonly degradedHealth: number[];
}

/**
 * Step 1: `health_p = min(100, floor(F × hw / tw))` and the same for degraded hosts, with host counts, or
 * LB weights under `weighted_priority_health` (which affects only these scores). A priority whose hosts
 * are all excluded scores 0.
 *
 * @example priorityScores([{ total: 100, healthy: 71, degraded: 0, excluded: 0 }], 140, false, 1)
 * // → { health: [99], degradedHealth: [0] }
 */
export function priorityScores(
  priorities: readonly PriorityHostCounts[],
  overprovisioningFactorPercent: number,
  weightedPriorityHealth: boolean,
  loadFactor: number,
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
    health.push(loadAdjustedScorePercent(overprovisioningFactorPercent, hw, tw, loadFactor));
    degradedHealth.push(loadAdjustedScorePercent(overprovisioningFactorPercent, dw, tw, loadFactor));
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

/**
 * Envoy's whole priority-load computation for one cluster, plus the load-factor model's overflow.
 *
 * @example computePriorityLoad(
 *   [{ total: 100, healthy: 50, degraded: 0, excluded: 0 }, { total: 100, healthy: 100, degraded: 0, excluded: 0 }],
 *   { overprovisioningFactorPercent: 140, panicThresholdPercent: 50 },
 * ).healthyLoad // → [70, 30]
 */
export function computePriorityLoad(
  priorities: readonly PriorityHostCounts[],
  options: PriorityLoadOptions,
): PriorityLoadResult {
  const factor = options.overprovisioningFactorPercent;
  const weighted = options.weightedPriorityHealth ?? false;
  const loadFactor = options.loadFactor ?? NOMINAL_LOAD_FACTOR;
  const threshold = effectivePanicThresholdPercent(options.panicThresholdPercent);
  const trace: string[] = [];
  const zeros = (): number[] => priorities.map(() => 0);

  // Envoy's own scores decide panic; the load-adjusted ones decide where demand goes.
  const envoyScores = priorityScores(priorities, factor, weighted, NOMINAL_LOAD_FACTOR);
  const nta = normalizedTotalAvailability(envoyScores);
  const scores =
    loadFactor === NOMINAL_LOAD_FACTOR
      ? envoyScores
      : priorityScores(priorities, factor, weighted, loadFactor);
  const absorbable = normalizedTotalAvailability(scores);
  const overflowPercent = overflowPercentFor(absorbable);
  trace.push(
    `health scores [${scores.health.join(', ')}], degraded scores [${scores.degradedHealth.join(', ')}] ` +
      `(overprovisioning ${factor} %${loadFactor === NOMINAL_LOAD_FACTOR ? '' : `, load factor ${loadFactor}`}); ` +
      `normalized total availability ${nta}`,
  );
  const base = {
    health: scores.health,
    degradedHealth: scores.degradedHealth,
    normalizedTotalAvailability: nta,
    absorbablePercent: absorbable,
    overflowPercent,
  };

  if (priorities.length === 0) {
    trace.push('no priority level has hosts: nothing can be served');
    return {
      ...base,
      healthyLoad: [],
      degradedLoad: [],
      panic: [],
      totalPanic: false,
      noHealthyUpstream: true,
      trace,
    };
  }

  if (threshold === 0 && nta === 0) {
    const healthyLoad = zeros();
    healthyLoad[0] = FULL_LOAD_PERCENT;
    trace.push('panic threshold 0 and nothing available: all traffic aimed at P0, which has no usable host');
    return {
      ...base,
      healthyLoad,
      degradedLoad: zeros(),
      panic: priorities.map(() => false),
      totalPanic: false,
      noHealthyUpstream: true,
      trace,
    };
  }

  const panic = priorities.map((p) => isPriorityInPanic(p, nta, threshold));
  if (panic.some(Boolean)) {
    trace.push(`panic (threshold ${threshold} %, raw availability below it): [${panic.join(', ')}]`);
  }
  if (panic.every(Boolean)) {
    const healthyLoad = totalPanicLoad(priorities);
    trace.push(`every priority in panic: loads follow host counts [${healthyLoad.join(', ')}]`);
    return {
      ...base,
      healthyLoad,
      degradedLoad: zeros(),
      panic,
      totalPanic: true,
      noHealthyUpstream: false,
      trace,
    };
  }

  if (nta === 0) {
    // Only reachable with a tiny overprovisioning factor: scores truncate to 0 while some priority's raw
    // availability is still above the threshold. Envoy keeps no meaningful load then; we report none.
    trace.push('normalized total availability 0 without total panic: no priority receives load');
    return {
      ...base,
      healthyLoad: zeros(),
      degradedLoad: zeros(),
      panic,
      totalPanic: false,
      noHealthyUpstream: true,
      trace,
    };
  }

  // Under extreme load every adjusted score can truncate to 0; the traffic still goes where Envoy sends it.
  const distributed =
    absorbable > 0 ? distributeByScores(scores, absorbable) : distributeByScores(envoyScores, nta);
  if (absorbable === 0)
    trace.push("load-adjusted availability is 0: loads follow Envoy's health-only scores");
  trace.push(
    `loads: healthy [${distributed.healthyLoad.join(', ')}], degraded [${distributed.degradedLoad.join(', ')}]`,
  );
  return { ...base, ...distributed, panic, totalPanic: false, noHealthyUpstream: false, trace };
}

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
