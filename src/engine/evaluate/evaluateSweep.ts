/**
 * Per-priority loads over a range of load factors (for plots): the scenario's failures held fixed, its own
 * load factor replaced by each point's.
 */
import type { Scenario, SweepPoint } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import { apportionPercents } from './presentPercent.js';
import { scenarioPlacements } from './scenarioTraffic.js';
import type { EvaluateOptions } from './scenarioTraffic.js';
import { validateSweepLoadFactors } from './sweepLoadFactors.js';
import { validateLoadFactor, validateScenario } from './validateScenario.js';

/**
 * @example evaluateSweep(twoPriorityPath, {}, [1, 2])
 * // → [{ loadFactor: 1, hops: [{ hop: 0, loads: [100, 0], overflowPercent: 0 }] },
 * //    { loadFactor: 2, hops: [{ hop: 0, loads: [70, 30], overflowPercent: 0 }] }]
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
  return loadFactors.map((loadFactor) => {
    const run = scenarioPlacements(path, { ...valid, loadFactor }, options);
    return {
      loadFactor,
      hops: run.hops.map((t, hop) => ({
        hop,
        loads: apportionPercents(t.priorities.map((p) => p.loadPercent)),
        overflowPercent: 0,
      })),
    };
  });
}
