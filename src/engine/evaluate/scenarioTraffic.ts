/**
 * Runs a validated scenario over every hop of a path: turns `ejectEndpoints` and `failLocalities` into
 * each hop's ordered failing endpoints, computes the hop's traffic, and collects the ejection outcomes.
 */
import type { Ejection, FailureKind } from '../model/answer.js';
import type { Profile } from '../model/meshModel.js';
import type { ResolvedHop, ResolvedPath } from '../model/resolved.js';
import { computeHopPlacement, gatewayFailures } from '../spillover/index.js';
import type { EjectionCapRule, HopPlacement } from '../spillover/index.js';
import { hopFailureInputs } from './hopFailureInputs.js';
import { localityMatcher, referenceMatcher } from './matchEndpoints.js';
import type { ValidScenario } from './validateScenario.js';

export interface EvaluateOptions {
  /** Envoy `ejectHost` rule; every profile (ISTIO_1_30, ISTIO_1_31, SOLO) runs Envoy ≥ 1.31, the default. */
  readonly ejectionRule?: EjectionCapRule;
}

/** Every hop's placement under the scenario, with each hop's overprovisioning factor and the ejection outcomes. */
export interface ScenarioPlacements {
  readonly hops: readonly HopPlacement[];
  /** Per hop, the failing endpoint ids in the order they start failing (every replica of the hop fails them). */
  readonly failingIds: readonly (readonly string[])[];
  readonly overprovisioningFactors: readonly number[];
  readonly ejections: readonly Ejection[];
  /** What the failing endpoints do (`ScenarioInput.failure`) and the profile that decides how each proxy reacts. */
  readonly failure: FailureKind;
  readonly profile: Profile;
}

/**
 * Hop `hopIndex`'s failing endpoints as indexes into `hop.endpoints`, in the scenario's order (the ids are
 * the one record; endpoint ids are unique within a hop).
 *
 * @example failingIndexes(run, path.hops[1], 1) // → [0, 3]
 */
export function failingIndexes(
  run: Pick<ScenarioPlacements, 'failingIds'>,
  hop: ResolvedHop,
  hopIndex: number,
): number[] {
  const ids = run.failingIds[hopIndex] ?? [];
  if (ids.length === 0) return [];
  const indexById = new Map(hop.endpoints.map((e, i) => [e.id, i]));
  return ids.flatMap((id) => {
    const i = indexById.get(id);
    return i === undefined ? [] : [i];
  });
}

/**
 * One replica of hop `hopIndex` under the same scenario: the same failing endpoints (by id), failure kind,
 * overprovisioning factor and ejection rule; its own outlier detector replays the ejections.
 */
export function replicaPlacement(
  run: Pick<ScenarioPlacements, 'failingIds' | 'overprovisioningFactors' | 'failure' | 'profile'>,
  hop: ResolvedHop,
  hopIndex: number,
  options: EvaluateOptions = {},
): HopPlacement {
  return computeHopPlacement(hop, {
    failingEndpointIds: run.failingIds[hopIndex] ?? [],
    overprovisioningFactor: run.overprovisioningFactors[hopIndex] ?? hop.overprovisioningFactor,
    ...hopFailureInputs(run.profile, hop, run.failure),
    ...(options.ejectionRule === undefined ? {} : { ejectionRule: options.ejectionRule }),
  });
}

export function scenarioPlacements(
  path: ResolvedPath,
  scenario: ValidScenario,
  options: EvaluateOptions = {},
  /** Placements already computed under this same scenario, by hop (`scenarioOutcome.ts`). */
  memo?: WeakMap<ResolvedHop, HopPlacement>,
): ScenarioPlacements {
  const ejections: Ejection[] = [];
  /**
   * Per hop: failing endpoint index → how the scenario named it (reference, or locality selector), in the
   * order the scenario names them. Endpoint ids are unique within a hop, so an index stands for its id.
   */
  const failing = path.hops.map(() => new Map<number, string>());
  for (const written of scenario.ejectEndpoints) {
    const reference = written.trim();
    const matches = referenceMatcher(reference);
    let found = false;
    for (let h = 0; h < path.hops.length; h += 1) {
      const endpoints = path.hops[h]?.endpoints ?? [];
      const failingHere = failing[h];
      for (let i = 0; i < endpoints.length; i += 1) {
        const e = endpoints[i];
        if (e === undefined || !matches(e)) continue;
        found = true;
        if (failingHere !== undefined && !failingHere.has(i)) failingHere.set(i, reference);
      }
    }
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
    for (let h = 0; h < path.hops.length; h += 1) {
      const endpoints = path.hops[h]?.endpoints ?? [];
      const failingHere = failing[h];
      for (let i = 0; i < endpoints.length; i += 1) {
        const e = endpoints[i];
        if (e === undefined || !inLocality(e)) continue;
        found = true;
        if (failingHere !== undefined && !failingHere.has(i))
          failingHere.set(i, `${e.name} (failLocalities "${selector}")`);
      }
    }
    if (!found) {
      ejections.push({
        endpoint: selector,
        outcome: 'UNKNOWN_ENDPOINT',
        reason: 'no endpoint on this path is in that locality',
      });
    }
  }

  // A gateway stand-in whose every endpoint fails is a failing host of its own (`gatewayFailures`); one
  // with some failing endpoints behind it is left to the placement, which fails a share of its traffic.
  path.hops.forEach((hop, h) => {
    const failingHere = failing[h];
    if (failingHere === undefined || failingHere.size === 0) return;
    for (const i of gatewayFailures(hop.endpoints, [...failingHere.keys()], scenario.failure).whole)
      failingHere.set(i, `${hop.endpoints[i]?.name ?? ''} (every endpoint behind it fails)`);
  });
  const overprovisioningFactors = path.hops.map((hop) =>
    hop.balancer === 'ENVOY'
      ? (scenario.overprovisioningFactor ?? hop.overprovisioningFactor)
      : hop.overprovisioningFactor,
  );
  const failingIds = path.hops.map((hop, h) =>
    [...(failing[h] ?? new Map<number, string>()).keys()].flatMap((i) => {
      const id = hop.endpoints[i]?.id;
      return id === undefined ? [] : [id];
    }),
  );
  const hops = path.hops.map((hop, h) => {
    const failingHere = failing[h] ?? new Map<number, string>();
    const named = new Map<string, string>();
    for (const [i, label] of failingHere) {
      const id = hop.endpoints[i]?.id;
      if (id !== undefined) named.set(id, label);
    }
    const known = memo?.get(hop);
    const traffic =
      known ??
      computeHopPlacement(hop, {
        failingEndpointIndexes: [...failingHere.keys()],
        // The factor the answer reports for this hop: an override is an Envoy setting, so ztunnel and
        // kube-proxy hops keep their own.
        overprovisioningFactor: overprovisioningFactors[h] ?? hop.overprovisioningFactor,
        ...hopFailureInputs(path.profile, hop, scenario.failure),
        ...(options.ejectionRule === undefined ? {} : { ejectionRule: options.ejectionRule }),
      });
    memo?.set(hop, traffic);
    for (const outcome of traffic.ejections) {
      ejections.push({
        endpoint: named.get(outcome.endpointId) ?? outcome.endpointName,
        hop: h,
        outcome: outcome.outcome,
        reason: outcome.reason,
        ...(outcome.ejectionSeconds === undefined ? {} : { ejectionSeconds: outcome.ejectionSeconds }),
      });
    }
    return traffic;
  });
  return {
    hops,
    failingIds,
    overprovisioningFactors,
    ejections,
    failure: scenario.failure,
    profile: path.profile,
  };
}
