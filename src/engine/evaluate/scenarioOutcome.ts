/**
 * The numbers of a what-if, without the answer around them: each hop's placement under the scenario,
 * the load side, and the request's error rate composed over the hops. `evaluateWhatIf` builds its answer
 * from this; the blast radius (`mesh/blastRadius.ts`) reads only the rates, so a pair's numbers there are
 * whatIf's by construction.
 */
import type { ResolvedHop, ResolvedPath } from '../model/resolved.js';
import { computeHopPlacement, type HopPlacement } from '../spillover/index.js';
import { composeInSeries } from './composeHops.js';
import { roundPercent } from './presentPercent.js';
import { scenarioLoads, type ScenarioLoads } from './scenarioLoads.js';
import { scenarioPlacements, type EvaluateOptions, type ScenarioPlacements } from './scenarioTraffic.js';
import type { ValidScenario } from './validateScenario.js';

/**
 * Placements remembered per hop object, for many paths evaluated under ONE scenario (the blast radius):
 * a hop's placement depends only on the hop and the scenario, so a hop shared between paths (a waypoint
 * hop reached from several client classes) is placed once. Never share one memo between scenarios.
 */
export interface PlacementMemo {
  readonly scenario: WeakMap<ResolvedHop, HopPlacement>;
  readonly nominal: WeakMap<ResolvedHop, HopPlacement>;
}

export function placementMemo(): PlacementMemo {
  return { scenario: new WeakMap(), nominal: new WeakMap() };
}

export interface ScenarioOutcome {
  readonly run: ScenarioPlacements;
  readonly loads: ScenarioLoads;
  /** Composed over the hops from the unrounded hop rates, rounded once. */
  readonly errorPercent: number;
}

export function scenarioOutcome(
  path: ResolvedPath,
  valid: ValidScenario,
  options: EvaluateOptions = {},
  memo?: PlacementMemo,
): ScenarioOutcome {
  const run = scenarioPlacements(path, valid, options, memo?.scenario);
  const nominal = path.hops.map((hop) => {
    const known = memo?.nominal.get(hop);
    if (known !== undefined) return known;
    const placed = computeHopPlacement(hop);
    memo?.nominal.set(hop, placed);
    return placed;
  });
  const loads = scenarioLoads(path, valid, run.hops, nominal);
  const errorPercent = roundPercent(composeInSeries(run.hops.map((t) => t.errorPercent + t.droppedPercent)));
  return { run, loads, errorPercent };
}
