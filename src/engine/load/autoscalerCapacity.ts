/**
 * The backend's capacity from its HorizontalPodAutoscalers when a what-if gives none (issue 14 item 2), and
 * what each HPA would do at the scenario's load. An HPA holds its pods' mean CPU utilisation (of their CPU
 * requests) at its target, so at nominal load the endpoints it scales are taken to run at that target —
 * the same calibration as `ScenarioInput.utilizationPercent` (`endpointUtilization.ts`). It is an estimate:
 * it assumes the HPA has settled and that CPU is what runs out.
 */
import type { AutoscalerOutlook } from '../model/answer.js';
import type { BackendAutoscaler } from '../model/resolved.js';
import type { CapacitySource } from './endpointUtilization.js';
import { desiredReplicas, scaleUpSeconds } from './hpaScaleUp.js';

function nameOf(a: BackendAutoscaler): string {
  return `HorizontalPodAutoscaler ${a.autoscaler.ref.namespace ?? ''}/${a.autoscaler.ref.name}`;
}

/**
 * The capacity the HPAs give the endpoints serving at nominal load: every one of them scaled by an HPA
 * with a CPU utilisation target, all targets equal. Otherwise unknown, with a note saying why.
 *
 * @example autoscalerCapacity([{ autoscaler: hpa60, endpointIndexes: [0, 1, 2] }], thirds)
 * // → { capacity: { utilizationPercent: 60, source: 'HorizontalPodAutoscaler default/httpbin (CPU averageUtilization target 60 %)' }, notes: [] }
 */
export function autoscalerCapacity(
  autoscalers: readonly BackendAutoscaler[] | undefined,
  nominalShares: Float64Array | undefined,
): { readonly capacity?: CapacitySource; readonly notes: readonly string[] } {
  if (autoscalers === undefined || autoscalers.length === 0 || nominalShares === undefined)
    return { notes: [] };
  const targetOf = new Map<number, BackendAutoscaler>();
  for (const a of autoscalers) for (const i of a.endpointIndexes) targetOf.set(i, a);
  const used = new Set<BackendAutoscaler>();
  for (let i = 0; i < nominalShares.length; i += 1) {
    if ((nominalShares[i] ?? 0) <= 0) continue;
    const a = targetOf.get(i);
    if (a === undefined)
      return {
        notes: [
          'Capacity unknown: some backend endpoints serving at nominal load are scaled by no HorizontalPodAutoscaler; give ScenarioInput.utilizationPercent.',
        ],
      };
    used.add(a);
  }
  const targets = new Set([...used].map((a) => a.autoscaler.cpuTargetPercent));
  const [only] = [...used];
  const target = only?.autoscaler.cpuTargetPercent;
  if (only === undefined || targets.size !== 1 || target === undefined)
    return {
      notes: [
        `Capacity unknown: the backend's HorizontalPodAutoscalers (${[...used].map(nameOf).join(', ')}) do not share one CPU averageUtilization target; give ScenarioInput.utilizationPercent.`,
      ],
    };
  const names = [...used].map(nameOf).join(', ');
  return {
    capacity: {
      utilizationPercent: target,
      source: `${names} (CPU averageUtilization target ${target.toString()} %)`,
    },
    notes: [],
  };
}

/**
 * @example autoscalerOutlook(hpa60of3max10, [0, 135, 135]) // → measured 90, desired 5, canAbsorb true, scaleUpSeconds 0
 */
export function autoscalerOutlook(
  a: BackendAutoscaler,
  utilization: Float64Array | undefined,
): AutoscalerOutlook {
  const hpa = a.autoscaler;
  const current = hpa.currentReplicas ?? a.endpointIndexes.length;
  const base = {
    autoscaler: hpa.ref,
    target: `${hpa.target.kind}/${hpa.target.name}`,
    cpuTargetPercent: hpa.cpuTargetPercent ?? null,
    currentReplicas: current,
    maxReplicas: hpa.maxReplicas,
  };
  const unknown = {
    ...base,
    measuredUtilizationPercent: null,
    desiredReplicas: null,
    canAbsorb: null,
    scaleUpSeconds: null,
  };
  if (hpa.cpuTargetPercent === undefined)
    return {
      ...unknown,
      reason: 'it scales on no CPU averageUtilization target, so what it does is not modelled',
    };
  if (utilization === undefined || a.endpointIndexes.length === 0)
    return {
      ...unknown,
      reason: 'the backend capacity is unknown, so its CPU utilisation at this load is too',
    };
  // The HPA averages over its pods; a pod outlier detection ejected still runs and measures ~0.
  const measured =
    a.endpointIndexes.reduce((sum, i) => sum + (utilization[i] ?? 0), 0) / a.endpointIndexes.length;
  const desired = desiredReplicas(current, measured, hpa.cpuTargetPercent);
  const reached = Math.min(Math.max(desired, hpa.minReplicas), hpa.maxReplicas);
  const seconds = scaleUpSeconds(current, reached, hpa.scaleUp);
  const canAbsorb = desired <= hpa.maxReplicas;
  const measuredText = `${Number(measured.toFixed(3)).toString()} %`;
  const reason =
    desired <= current
      ? `it measures ${measuredText} against its ${hpa.cpuTargetPercent.toString()} % target (tolerance 10 %): no scale-up`
      : `it measures ${measuredText} against its ${hpa.cpuTargetPercent.toString()} % target and wants ceil(${current.toString()} × ${measuredText} / ${hpa.cpuTargetPercent.toString()} %) = ${desired.toString()} replicas; ` +
        (canAbsorb
          ? `maxReplicas ${hpa.maxReplicas.toString()} allows it`
          : `maxReplicas ${hpa.maxReplicas.toString()} stops it at ${hpa.maxReplicas.toString()}, so the load is not absorbed`) +
        (seconds === undefined
          ? '; scale-up is disabled (selectPolicy: Disabled)'
          : `; the scale-up policies reach ${reached.toString()} in ${seconds.toString()} s of 15 s syncs after the metrics show the load, plus pod start-up`);
  return {
    ...base,
    measuredUtilizationPercent: measured,
    desiredReplicas: desired,
    canAbsorb,
    scaleUpSeconds: seconds ?? null,
    reason,
  };
}
