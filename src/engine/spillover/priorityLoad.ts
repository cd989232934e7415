/**
 * Envoy's priority load (envoy.md §3–§5), composed in Envoy's evaluation order:
 * 1. per-priority health and degraded scores (`LoadBalancerBase::recalculatePerPriorityState`);
 * 2. the normalized total availability (`calculateNormalizedTotalAvailability`);
 * 3. the healthy-then-degraded distribution with the remainder rule (`distributeLoad`);
 * 4. per-priority panic and the disabled-threshold special case (`recalculatePerPriorityPanic`);
 * 5. the host-count split when every priority panics (`recalculateLoadInTotalPanic`).
 * Every input is a host count: Envoy never measures load when it picks a priority, so neither does this.
 */
import { FULL_LOAD_PERCENT } from './constants.js';
import { effectivePanicThresholdPercent, isPriorityInPanic, totalPanicLoad } from './panicThreshold.js';
import {
  distributeByScores,
  healthScorePercent,
  normalizedTotalAvailability,
  priorityScores,
} from './priorityScores.js';
import type { PriorityHostCounts, PriorityLoadOptions, PriorityLoadResult } from './types.js';

/**
 * Envoy's whole priority-load computation for one cluster.
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
  const threshold = effectivePanicThresholdPercent(options.panicThresholdPercent);
  const trace: string[] = [];
  const zeros = (): number[] => priorities.map(() => 0);

  const scores = priorityScores(priorities, weighted, (part, whole) =>
    healthScorePercent(factor, part, whole),
  );
  const nta = normalizedTotalAvailability(scores);
  trace.push(
    `health scores [${scores.health.join(', ')}], degraded scores [${scores.degradedHealth.join(', ')}] ` +
      `(overprovisioning ${factor} %); normalized total availability ${nta}`,
  );
  const base = {
    health: scores.health,
    degradedHealth: scores.degradedHealth,
    normalizedTotalAvailability: nta,
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

  const distributed = distributeByScores(scores, nta);
  trace.push(
    `loads: healthy [${distributed.healthyLoad.join(', ')}], degraded [${distributed.degradedLoad.join(', ')}]`,
  );
  return { ...base, ...distributed, panic, totalPanic: false, noHealthyUpstream: false, trace };
}
