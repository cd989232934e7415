/**
 * How a HorizontalPodAutoscaler answers a load it measures (issue 14 item 2), per the controller in
 * `pkg/controller/podautoscaler/horizontal.go` and `replica_calculator.go`:
 *  - desired replicas = ceil(current × measured / target), unchanged while the ratio is within the
 *    tolerance (`--horizontal-pod-autoscaler-tolerance`, 0.1), capped at `maxReplicas`;
 *  - every sync period (`--horizontal-pod-autoscaler-sync-period`, 15 s) the recommendation passes the
 *    scale-up stabilization window (the lowest recommendation of the window wins, so a rise shows only
 *    once the whole window has seen it: `stabilizeRecommendationWithBehaviors`) and the scale-up policies:
 *    each allows, from the replicas at the start of its period, `+value` pods or `+value %` (rounded up),
 *    the larger (`selectPolicy: Max`, the default) or the smaller wins (`calculateScaleUpLimitWithScalingRules`).
 * Pod start-up and metric collection delays come on top and are not modelled.
 */
import type { AutoscalerModel } from '../model/meshModel.js';
import { FULL_LOAD_PERCENT } from '../spillover/index.js';

/** `--horizontal-pod-autoscaler-sync-period` default, seconds. */
export const HPA_SYNC_PERIOD_SECONDS = 15;
/** `--horizontal-pod-autoscaler-tolerance` default: no change while |measured / target − 1| ≤ 0.1. */
export const HPA_TOLERANCE = 0.1;
/** Sync periods simulated at most; a finite target is reached far sooner with any positive policy. */
const MAX_SYNC_PERIODS = 100_000;

/**
 * @example desiredReplicas(3, 90, 60) // → 5 (ceil(3 × 90 / 60) = ceil(4.5))
 * @example desiredReplicas(3, 63, 60) // → 3 (63 / 60 = 1.05, within the 0.1 tolerance)
 */
export function desiredReplicas(current: number, measuredPercent: number, targetPercent: number): number {
  const ratio = measuredPercent / targetPercent;
  if (Math.abs(ratio - 1) <= HPA_TOLERANCE) return current;
  return Math.ceil(current * ratio);
}

/** The most replicas the policies allow at one sync, given the scale-ups inside each policy's period. */
function scaleUpLimit(
  replicas: number,
  now: number,
  events: readonly { at: number; added: number }[],
  scaleUp: AutoscalerModel['scaleUp'],
): number {
  const limits = scaleUp.policies.map((policy) => {
    const added = events
      .filter((e) => now - e.at < policy.periodSeconds)
      .reduce((sum, e) => sum + e.added, 0);
    const start = replicas - added;
    return policy.type === 'Pods'
      ? start + policy.value
      : Math.ceil(start * (1 + policy.value / FULL_LOAD_PERCENT));
  });
  return scaleUp.selectPolicy === 'Min' ? Math.min(...limits) : Math.max(...limits);
}

/**
 * Seconds from the load's arrival to the sync at which the HPA reaches `target` replicas; 0 when no
 * scale-up is needed, undefined when `selectPolicy: Disabled` forbids it.
 *
 * @example scaleUpSeconds(3, 5, defaults) // → 0 (the first sync may double: 3 → 5)
 * @example scaleUpSeconds(3, 20, defaults) // → 30 (3 → 7 → 14 → 20 at 0, 15, 30 s)
 */
export function scaleUpSeconds(
  current: number,
  target: number,
  scaleUp: AutoscalerModel['scaleUp'],
): number | undefined {
  if (target <= current) return 0;
  if (scaleUp.selectPolicy === 'Disabled' || scaleUp.policies.length === 0) return undefined;
  // The first sync whose whole stabilization window has seen the new recommendation.
  const first =
    Math.ceil(scaleUp.stabilizationWindowSeconds / HPA_SYNC_PERIOD_SECONDS) * HPA_SYNC_PERIOD_SECONDS;
  const events: { at: number; added: number }[] = [];
  let replicas = current;
  for (let sync = 0; sync < MAX_SYNC_PERIODS; sync += 1) {
    const now = first + sync * HPA_SYNC_PERIOD_SECONDS;
    const next = Math.min(target, scaleUpLimit(replicas, now, events, scaleUp));
    if (next > replicas) {
      events.push({ at: now, added: next - replicas });
      replicas = next;
    }
    if (replicas >= target) return now;
  }
  return undefined;
}
