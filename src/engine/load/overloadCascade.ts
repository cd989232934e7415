/**
 * The overload cascade (issue 14 item 4): endpoints driven past the utilisation at which the user says they
 * fail start answering errors; Envoy's outlier detection judges them like any failing endpoint (the
 * ejection replay, `spillover/replayEjections.ts`: consecutive errors, the max-ejection cap, the ejection
 * time), the priority load is recomputed from the new health (`LoadBalancerBase::recalculatePerPriorityState`),
 * the survivors carry more, and the step repeats.
 *
 * Each step re-places the hop with the scenario's failing endpoints plus the overloaded ones; an endpoint
 * stays in the overloaded set while it is ejected (for its ejection time) or still past the threshold, and
 * leaves it once a placement brings it back under. The walk ends when the set stops changing, or when it
 * comes back to a set already seen (it oscillates). Both kinds of failure trip Envoy's detectors the same
 * way: a 5xx is counted by `consecutive5xxErrors`, and a request timeout is counted as a 504 (Envoy maps a
 * local-origin timeout to 504 while `split_external_local_origin_errors` is off, which Istio never turns
 * on), a gateway error as well as a 5xx. A sustained error rate, however small, produces the run of
 * consecutive errors the detector needs, so an endpoint past the threshold is taken as detected.
 *
 * Estimates, not Envoy's arithmetic: utilisation comes from the capacity given (`endpointUtilization.ts`),
 * and which requests fail: `HTTP_5XX` sheds what exceeds the threshold (share × (1 − threshold / u)),
 * `TIMEOUT` fails all the endpoint's requests (past its capacity a queue grows without bound, so every
 * request eventually waits past its timeout).
 */
import type { HopPlacement } from '../spillover/index.js';

export type OverloadFailure = 'HTTP_5XX' | 'TIMEOUT';

export interface OverloadSpec {
  /** Utilisation, percent of capacity, past which an endpoint fails. */
  readonly failsAbovePercent: number;
  readonly as: OverloadFailure;
}

export interface CascadeInputs {
  /** The scenario's own failing endpoints on the hop, in their order. */
  readonly scenarioFailing: readonly number[];
  /** The hop placed with these endpoints failing, in this order (the ejection replay included). */
  readonly place: (failing: readonly number[]) => HopPlacement;
  /** Utilisation per endpoint and the share of requests beyond capacity, for a placement's shares. */
  readonly utilize: (shares: Float64Array) => { utilization: Float64Array; saturatedPercent: number };
}

export interface CascadeStepState {
  readonly placement: HopPlacement;
  readonly utilization: Float64Array;
  readonly saturatedPercent: number;
  /** The hop's requests that fail at this step: the scenario's failing endpoints, the overloaded, dropped. */
  readonly errorPercent: number;
  /** Endpoints past the threshold that start failing after this step. */
  readonly newlyOverloaded: readonly number[];
  /** The overloaded set this step was placed with. */
  readonly overloaded: readonly number[];
}

export type CascadeEnd = 'NO_OVERLOAD' | 'DEGRADED' | 'OSCILLATING';

export interface CascadeRun {
  readonly steps: readonly CascadeStepState[];
  readonly end: CascadeEnd;
  /** Overloaded endpoints outlier detection ejected in the last step. */
  readonly ejected: readonly number[];
  /** The walk came back to an overloaded set already seen. */
  readonly cycled: boolean;
}

/** Share of an overloaded endpoint's requests that fail at utilisation `u`. */
export function overloadFailureShare(u: number, spec: OverloadSpec): number {
  if (!(u > spec.failsAbovePercent)) return 0;
  return spec.as === 'TIMEOUT' ? 1 : 1 - spec.failsAbovePercent / u;
}

function stepError(
  placement: HopPlacement,
  utilization: Float64Array,
  scenarioFailing: ReadonlySet<number>,
  overloaded: ReadonlySet<number>,
  spec: OverloadSpec,
): number {
  let error = placement.droppedPercent;
  for (let i = 0; i < placement.shares.length; i += 1) {
    const share = placement.shares[i] ?? 0;
    if (share <= 0) continue;
    if (scenarioFailing.has(i)) error += share;
    else if (overloaded.has(i)) error += share * overloadFailureShare(utilization[i] ?? 0, spec);
  }
  return error;
}

/** The next overloaded set: ejected ones stay out, the rest stay while past the threshold; new ones join. */
function nextOverloaded(
  current: readonly number[],
  placement: HopPlacement,
  utilization: Float64Array,
  scenarioFailing: ReadonlySet<number>,
  spec: OverloadSpec,
): { next: number[]; joined: number[] } {
  const past = (i: number): boolean =>
    (placement.shares[i] ?? 0) > 0 && (utilization[i] ?? 0) > spec.failsAbovePercent;
  const kept = current.filter((i) => placement.ejected[i] === 1 || past(i));
  const inSet = new Set(current);
  const joined: number[] = [];
  for (let i = 0; i < placement.shares.length; i += 1)
    if (!inSet.has(i) && !scenarioFailing.has(i) && past(i)) joined.push(i);
  // The busiest fails first: that is the order outlier detection meets them in.
  joined.sort((a, b) => (utilization[b] ?? 0) - (utilization[a] ?? 0) || a - b);
  return { next: [...kept, ...joined], joined };
}

/** Steps walked at most per endpoint of the hop before the walk is called oscillating. */
const MAX_STEPS_PER_ENDPOINT = 4;

const keyOf = (set: readonly number[]): string => [...set].sort((a, b) => a - b).join(',');

/**
 * @example runOverloadCascade({ failsAbovePercent: 100, as: 'HTTP_5XX' }, inputs) // 3 pods at 135 % with
 * // maxEjectionPercent 50: step 0 one pod ejected → the other two at 202.5 %, refused by the cap → DEGRADED
 */
export function runOverloadCascade(spec: OverloadSpec, inputs: CascadeInputs): CascadeRun {
  const scenarioFailing = new Set(inputs.scenarioFailing);
  const steps: CascadeStepState[] = [];
  const seen = new Set<string>();
  let overloaded: number[] = [];
  // Every step reaches a new set or ends; real cascades end within a few steps per endpoint, and the
  // bound only guards against a walk through ever-new sets.
  for (;;) {
    seen.add(keyOf(overloaded));
    const placement = inputs.place([...inputs.scenarioFailing, ...overloaded]);
    const { utilization, saturatedPercent } = inputs.utilize(placement.shares);
    const inSet = new Set(overloaded);
    const errorPercent = stepError(placement, utilization, scenarioFailing, inSet, spec);
    const { next, joined } = nextOverloaded(overloaded, placement, utilization, scenarioFailing, spec);
    steps.push({
      placement,
      utilization,
      saturatedPercent,
      errorPercent,
      newlyOverloaded: joined,
      overloaded,
    });
    const ejected = overloaded.filter((i) => placement.ejected[i] === 1);
    const nextKey = keyOf(next);
    if (nextKey === keyOf(overloaded)) {
      if (overloaded.length === 0) return { steps, end: 'NO_OVERLOAD', ejected, cycled: false };
      // An ejected endpoint returns after its ejection time to the load that overloaded it, and is
      // ejected again for longer (`ejectionDurationMs`): it flaps while the load lasts.
      return { steps, end: ejected.length > 0 ? 'OSCILLATING' : 'DEGRADED', ejected, cycled: false };
    }
    if (seen.has(nextKey)) return { steps, end: 'OSCILLATING', ejected, cycled: true };
    if (steps.length > MAX_STEPS_PER_ENDPOINT * placement.shares.length + 1)
      return { steps, end: 'OSCILLATING', ejected, cycled: false };
    overloaded = next;
  }
}
