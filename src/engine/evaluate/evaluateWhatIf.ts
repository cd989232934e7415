/**
 * The what-if answer: baseline and scenario side by side, the ejection outcomes, and the request's error
 * and overflow rates composed over the hops, with the load model's notes; with `overload`, the overload
 * cascade on the backend's hop.
 */
import type { Scenario, WhatIf } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import { evaluateEffectivePolicy } from './evaluateEffectivePolicy.js';
import { LOAD_MODEL_NOTES } from './loadModelNotes.js';
import { endToEnd } from './endToEnd.js';
import { cascadeContext, overloadCascade } from './scenarioCascade.js';
import { scenarioOutcome } from './scenarioOutcome.js';
import { replicaPlacement, type EvaluateOptions } from './scenarioTraffic.js';
import { placementToHop } from './toHop.js';
import { validateScenario } from './validateScenario.js';

/**
 * @example evaluateWhatIf(httpbinPath, { ejectEndpoints: ['in-ambient-abc12'] })
 * // with maxEjectionPercent 50: ejections [{ outcome: 'EJECTED', ejectionSeconds: 30 }], errorPercent 0
 */
export function evaluateWhatIf(
  path: ResolvedPath,
  scenario: Scenario,
  options: EvaluateOptions = {},
): WhatIf {
  const valid = validateScenario(scenario);
  const { run, loads, errorPercent } = scenarioOutcome(path, valid, options);
  const baseline = evaluateEffectivePolicy(path, loads.nominal, loads.baseline);
  const hops = path.hops.map((hop, h) => {
    const traffic = run.hops[h];
    if (traffic === undefined) throw new Error('Invariant violation: one traffic result per hop');
    return placementToHop(
      hop,
      traffic,
      run.overprovisioningFactors[h] ?? hop.overprovisioningFactor,
      loads.scenario[h],
    );
  });
  const composed = endToEnd(
    path,
    run.hops,
    hops,
    (hop, h) => replicaPlacement(run, hop, h, options),
    run.failingIds.map((ids) => new Set(ids)),
    run.overprovisioningFactors,
  );
  const ctx = cascadeContext(
    path,
    valid,
    run,
    loads.nominal.map((p) => p.shares),
    options,
  );
  const cascade = ctx === undefined ? undefined : overloadCascade(ctx, valid.loadFactor);
  return {
    profile: path.profile,
    baseline,
    scenario: { ...baseline, hops: composed.hops, backendShares: composed.backendShares },
    ejections: run.ejections,
    errorPercent,
    overflowPercent: loads.overflowPercent,
    saturatedPercent: loads.saturatedPercent,
    ...(cascade === undefined ? {} : { cascade }),
    ...(loads.autoscalers.length === 0 ? {} : { autoscalers: loads.autoscalers }),
    notes: [
      `Scenario load factor ${valid.loadFactor.toString()}${valid.overprovisioningFactor === undefined ? '' : `, overprovisioning factor ${valid.overprovisioningFactor.toString()} %`}.`,
      ...LOAD_MODEL_NOTES,
      ...loads.notes,
      ...loads.autoscalers.map(
        (a) => `HorizontalPodAutoscaler ${a.autoscaler.namespace ?? ''}/${a.autoscaler.name}: ${a.reason}.`,
      ),
      ...(cascade === undefined ? [] : [`Overload cascade: ${cascade.outcome}: ${cascade.reason}.`]),
      // The cascade replays one kind of failure per hop, the overloaded endpoints' 5xx; a scenario that fails
      // its endpoints another way is answered with that kind above, but not inside the cascade's steps.
      ...(cascade === undefined || valid.failure === 'HTTP_5XX'
        ? []
        : [
            `The overload cascade's steps count the scenario's ${valid.failure} endpoints as answering 5xx, like the overloaded ones; the answer above applies ${valid.failure} itself.`,
          ]),
    ],
  };
}
