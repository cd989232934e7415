/**
 * The load side of a scenario (issue 14): the nominal placement that calibrates capacity, and what the
 * scenario's load does on every hop of its placement (`../load/pathLoads.ts`), with the request's
 * overflow and saturation composed over the hops.
 */
import {
  autoscalerCapacity,
  autoscalerOutlook,
  pathLoads,
  type HopLoad,
  type LoadInputs,
} from '../load/index.js';
import type { AutoscalerOutlook } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import { computeHopPlacement, type HopPlacement } from '../spillover/index.js';
import { composeInSeries } from './composeHops.js';
import { roundPercent } from './presentPercent.js';
import type { ValidScenario } from './validateScenario.js';

export interface ScenarioLoads {
  readonly nominal: readonly HopPlacement[];
  /** At load factor 1 over the nominal placement: the baseline's utilisation. */
  readonly baseline: readonly HopLoad[];
  readonly scenario: readonly HopLoad[];
  readonly overflowPercent: number;
  readonly saturatedPercent: number | null;
  /** What each HPA behind the backend does at the scenario's load. */
  readonly autoscalers: readonly AutoscalerOutlook[];
  /** Why the HPAs give no capacity, when they do not. */
  readonly notes: readonly string[];
}

/**
 * The load side's inputs for a scenario: its rate, latency and utilisation, and the capacity the backend's
 * HPAs give when it names none (with the reason when they give none).
 */
export function scenarioLoadInputs(
  path: ResolvedPath,
  scenario: ValidScenario,
  nominalShares: readonly Float64Array[],
): { readonly inputs: LoadInputs; readonly notes: readonly string[] } {
  const { loadFactor, utilizationPercent, requestsPerSecond, latencyMs } = scenario;
  const fromHpa = autoscalerCapacity(path.backendAutoscalers, nominalShares[path.hops.length - 1]);
  return {
    inputs: {
      loadFactor,
      ...(utilizationPercent === undefined ? {} : { utilizationPercent }),
      ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
      ...(latencyMs === undefined ? {} : { latencyMs }),
      ...(fromHpa.capacity === undefined ? {} : { autoscaledCapacity: fromHpa.capacity }),
    },
    notes: utilizationPercent === undefined ? fromHpa.notes : [],
  };
}

/** Overflow composed over every hop; saturation over the hops whose capacity is known (null if none). */
export function composeLoads(loads: readonly HopLoad[]): {
  overflowPercent: number;
  saturatedPercent: number | null;
} {
  const known = loads.flatMap((l) => (l.saturatedPercent === undefined ? [] : [l.saturatedPercent]));
  return {
    overflowPercent: roundPercent(composeInSeries(loads.map((l) => l.overflowPercent))),
    saturatedPercent: known.length === 0 ? null : roundPercent(composeInSeries(known)),
  };
}

/**
 * @example scenarioLoads(httpbinPath, { …, loadFactor: 1.5, utilizationPercent: 60 }, placedWithOneEjected)
 * // → saturatedPercent 25.925926 (two pods at 135 %: 2 × 50 × (1 − 100 / 135))
 */
export function scenarioLoads(
  path: ResolvedPath,
  scenario: ValidScenario,
  placed: readonly HopPlacement[],
  nominal: readonly HopPlacement[] = path.hops.map((hop) => computeHopPlacement(hop)),
): ScenarioLoads {
  const nominalShares = nominal.map((p) => p.shares);
  const last = path.hops.length - 1;
  const { inputs, notes } = scenarioLoadInputs(path, scenario, nominalShares);
  const baseline = pathLoads(path.hops, nominalShares, nominalShares, { ...inputs, loadFactor: 1 });
  // Each retry is another request on another host (issue 14 item 5): the scenario's offered load per
  // endpoint is its attempts, retries included (equal to its share where nothing is retried).
  const loads = pathLoads(
    path.hops,
    nominalShares,
    placed.map((p) => p.attempts),
    inputs,
    placed.map((p) => p.retries?.attemptsPerRequest ?? 1),
  );
  const backend = loads[last]?.utilization;
  return {
    nominal,
    baseline,
    scenario: loads,
    ...composeLoads(loads),
    autoscalers: (path.backendAutoscalers ?? []).map((a) => autoscalerOutlook(a, backend)),
    notes,
  };
}
