/**
 * The curve a portal plots over load factor: per point and hop, Envoy's priority loads (unchanged by load
 * alone), the busiest endpoint's utilisation, the requests beyond capacity and the circuit-breaker
 * overflow. The scenario's failures are held fixed, its own load factor replaced by each point's.
 */
import type { Scenario, SweepPoint } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import { apportionPercents, roundPercent } from './presentPercent.js';
import { scenarioLoads } from './scenarioLoads.js';
import { scenarioPlacements } from './scenarioTraffic.js';
import type { EvaluateOptions } from './scenarioTraffic.js';
import { validateSweepLoadFactors } from './sweepLoadFactors.js';
import { validateLoadFactor, validateScenario } from './validateScenario.js';

function apportionPercentsPerHop(
  hops: readonly { priorities: readonly { loadPercent: number }[] }[],
): number[][] {
  return hops.map((t) => apportionPercents(t.priorities.map((p) => p.loadPercent)));
}

/**
 * @example evaluateSweep(twoPriorityPath, {}, [1, 2])
 * // → [{ loadFactor: 1, hops: [{ hop: 0, loads: [100, 0], overflowPercent: 0, maxUtilizationPercent: null, saturatedPercent: null }] },
 * //    { loadFactor: 2, hops: [{ hop: 0, loads: [100, 0], overflowPercent: 0, maxUtilizationPercent: null, saturatedPercent: null }] }]
 */
export function evaluateSweep(
  path: ResolvedPath,
  scenario: Scenario,
  loadFactors: readonly number[],
  options: EvaluateOptions = {},
): SweepPoint[] {
  validateSweepLoadFactors(loadFactors);
  const valid = validateScenario(scenario);
  for (const factor of loadFactors) validateLoadFactor(factor);
  // Placement depends on health only, so one placement serves every point; only the load side varies.
  const run = scenarioPlacements(path, valid, options);
  const loads = apportionPercentsPerHop(run.hops);
  const nominal = scenarioLoads(path, valid, run.hops).nominal;
  return loadFactors.map((loadFactor) => {
    const point = scenarioLoads(path, { ...valid, loadFactor }, run.hops, nominal);
    return {
      loadFactor,
      hops: run.hops.map((_, hop) => {
        const load = point.scenario[hop];
        const utilization = load?.utilization;
        return {
          hop,
          loads: loads[hop] ?? [],
          overflowPercent: roundPercent(load?.overflowPercent ?? 0),
          maxUtilizationPercent: utilization === undefined ? null : roundPercent(Math.max(0, ...utilization)),
          saturatedPercent: load?.saturatedPercent === undefined ? null : roundPercent(load.saturatedPercent),
        };
      }),
    };
  });
}
