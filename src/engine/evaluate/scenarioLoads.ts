/**
 * The load side of a scenario (issue 14): the nominal placement that calibrates capacity, and what the
 * scenario's load does on every hop of its placement (`../load/pathLoads.ts`), with the request's
 * overflow and saturation composed over the hops.
 */
import { pathLoads, type HopLoad, type LoadInputs } from '../load/index.js';
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
}

function loadInputs(scenario: ValidScenario): LoadInputs {
  const { loadFactor, utilizationPercent, requestsPerSecond, latencyMs } = scenario;
  return {
    loadFactor,
    ...(utilizationPercent === undefined ? {} : { utilizationPercent }),
    ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
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
  const inputs = loadInputs(scenario);
  const nominalShares = nominal.map((p) => p.shares);
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
  return { nominal, baseline, scenario: loads, ...composeLoads(loads) };
}
