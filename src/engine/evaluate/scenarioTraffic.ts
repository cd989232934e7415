/**
 * Runs a validated scenario over every hop of a path: turns `ejectEndpoints` and `failLocalities` into
 * each hop's ordered failing endpoints, computes the hop's traffic, and collects the ejection outcomes.
 */
import type { Ejection } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import { computeHopTraffic } from '../spillover/index.js';
import type { EjectionCapRule, HopTraffic } from '../spillover/index.js';
import { endpointMatchesReference, localityMatcher } from './matchEndpoints.js';
import type { ValidScenario } from './validateScenario.js';

export interface EvaluateOptions {
  /** Envoy `ejectHost` rule; every profile (ISTIO_1_30, ISTIO_1_31, SOLO) runs Envoy ≥ 1.31, the default. */
  readonly ejectionRule?: EjectionCapRule;
}

export interface ScenarioTraffic {
  readonly hops: readonly HopTraffic[];
  readonly overprovisioningFactors: readonly number[];
  readonly ejections: readonly Ejection[];
}

export function scenarioTraffic(
  path: ResolvedPath,
  scenario: ValidScenario,
  options: EvaluateOptions = {},
): ScenarioTraffic {
  const ejections: Ejection[] = [];
  /** Per hop: failing endpoint id → how the scenario named it (reference, or locality selector). */
  const failing = path.hops.map(() => new Map<string, string>());
  for (const written of scenario.ejectEndpoints) {
    const reference = written.trim();
    let found = false;
    path.hops.forEach((hop, h) => {
      for (const e of hop.endpoints) {
        if (!endpointMatchesReference(e, reference)) continue;
        found = true;
        if (!failing[h]?.has(e.id)) failing[h]?.set(e.id, reference);
      }
    });
    if (!found) {
      ejections.push({
        endpoint: reference,
        outcome: 'UNKNOWN_ENDPOINT',
        reason: 'no endpoint on this path has that name, address or id',
      });
    }
  }
  for (const selector of scenario.failLocalities) {
    const inLocality = localityMatcher(selector);
    let found = false;
    path.hops.forEach((hop, h) => {
      for (const e of hop.endpoints) {
        if (!inLocality(e)) continue;
        found = true;
        if (!failing[h]?.has(e.id)) failing[h]?.set(e.id, `${e.name} (failLocalities "${selector}")`);
      }
    });
    if (!found) {
      ejections.push({
        endpoint: selector,
        outcome: 'UNKNOWN_ENDPOINT',
        reason: 'no endpoint on this path is in that locality',
      });
    }
  }

  const overprovisioningFactors = path.hops.map((hop) =>
    hop.balancer === 'ENVOY'
      ? (scenario.overprovisioningFactor ?? hop.overprovisioningFactor)
      : hop.overprovisioningFactor,
  );
  const hops = path.hops.map((hop, h) => {
    const failingHere = failing[h] ?? new Map<string, string>();
    const traffic = computeHopTraffic(hop, {
      failingEndpointIds: [...failingHere.keys()],
      loadFactor: scenario.loadFactor,
      // The factor the answer reports for this hop: an override is an Envoy setting, so ztunnel and
      // kube-proxy hops keep their own (their overflow would otherwise use a factor the hop never shows).
      overprovisioningFactor: overprovisioningFactors[h] ?? hop.overprovisioningFactor,
      ...(options.ejectionRule === undefined ? {} : { ejectionRule: options.ejectionRule }),
    });
    for (const outcome of traffic.ejections) {
      ejections.push({
        endpoint: failingHere.get(outcome.endpointId) ?? outcome.endpointName,
        hop: h,
        outcome: outcome.outcome,
        reason: outcome.reason,
        ...(outcome.ejectionSeconds === undefined ? {} : { ejectionSeconds: outcome.ejectionSeconds }),
      });
    }
    return traffic;
  });
  return { hops, overprovisioningFactors, ejections };
}
