/**
 * The curve a portal plots over load factor: per point, the endpoints ejected and the request's error
 * rate (after the overload cascade when the scenario says how overload fails, with its outcome), and per
 * hop Envoy's priority loads (unchanged by load alone), the busiest endpoint's utilisation, the requests
 * beyond capacity and the circuit-breaker overflow. The scenario's failures are held fixed, its own load
 * factor replaced by each point's.
 */
import type { Scenario, SweepPoint } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import { composeInSeries } from './composeHops.js';
import { apportionPercents, roundPercent } from './presentPercent.js';
import { cascadeAt, cascadeContext, cascadeErrorPercent } from './scenarioCascade.js';
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
 * // → [{ loadFactor: 1, ejectedEndpoints: 0, errorPercent: 0, cascade: null,
 * //      hops: [{ hop: 0, loads: [100, 0], overflowPercent: 0, maxUtilizationPercent: null, saturatedPercent: null }] }, …]
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
  const nominalShares = nominal.map((p) => p.shares);
  const scenarioEjected = run.ejections.filter((e) => e.outcome === 'EJECTED').length;
  const scenarioError = roundPercent(composeInSeries(run.hops.map((t) => t.errorPercent + t.droppedPercent)));
  const ctx = cascadeContext(path, valid, run, nominalShares, options);
  return loadFactors.map((loadFactor) => {
    const point = scenarioLoads(path, { ...valid, loadFactor }, run.hops, nominal);
    const cascade = ctx === undefined ? undefined : cascadeAt(ctx, loadFactor);
    return {
      loadFactor,
      ejectedEndpoints: scenarioEjected + (cascade?.ejected.length ?? 0),
      errorPercent:
        ctx === undefined || cascade === undefined ? scenarioError : cascadeErrorPercent(ctx, cascade),
      cascade: ctx === undefined ? null : (cascade?.end ?? 'CAPACITY_UNKNOWN'),
      hops: run.hops.map((_, hop) => {
        const load = point.scenario[hop];
        const utilization = load?.utilization;
        return {
          hop,
          loads: loads[hop] ?? [],
          overflowPercent: roundPercent(load?.overflowPercent ?? 0),
          // A loop, not `Math.max(...utilization)`: one argument per endpoint overflows V8's stack at ~10⁵.
          maxUtilizationPercent:
            utilization === undefined
              ? null
              : roundPercent(utilization.reduce((max, percent) => Math.max(max, percent), 0)),
          saturatedPercent: load?.saturatedPercent === undefined ? null : roundPercent(load.saturatedPercent),
        };
      }),
    };
  });
}
