/**
 * The overload cascade of a scenario on its backend's hop (`../load/overloadCascade.ts`), as the answer
 * reports it: each step's failing, ejected and newly overloaded endpoints, Envoy's priority loads for that
 * step's health, utilisation, saturation and the request's error rate; the outcome; and the headroom (the
 * load factors at which the first saturation, ejection and overflow happen).
 */
import {
  runOverloadCascade,
  smallestLoadFactor,
  pathLoads,
  SUGGESTED_OVERFLOW_SHARE,
  type CascadeRun,
  type HopLoad,
  type LoadInputs,
  type OverloadSpec,
} from '../load/index.js';
import type { CascadeStep, OverloadCascade } from '../model/answer.js';
import type { ResolvedPath } from '../model/resolved.js';
import { computeHopPlacement, FULL_LOAD_PERCENT, type HopPlacement } from '../spillover/index.js';
import { failingIndexes, type EvaluateOptions, type ScenarioPlacements } from './scenarioTraffic.js';
import { composeInSeries } from './composeHops.js';
import { apportionPercents, roundPercent } from './presentPercent.js';
import { scenarioLoadInputs } from './scenarioLoads.js';
import type { ValidScenario } from './validateScenario.js';

/** What the cascade needs of a scenario, shared by whatIf and every sweep point. */
export interface CascadeContext {
  readonly path: ResolvedPath;
  readonly run: ScenarioPlacements;
  readonly nominalShares: readonly Float64Array[];
  readonly inputs: LoadInputs;
  readonly spec: OverloadSpec;
  readonly options: EvaluateOptions;
}

/** The cascade's context for a scenario with `overload`; undefined without it. */
export function cascadeContext(
  path: ResolvedPath,
  scenario: ValidScenario,
  run: ScenarioPlacements,
  nominalShares: readonly Float64Array[],
  options: EvaluateOptions,
): CascadeContext | undefined {
  if (scenario.overload === undefined) return undefined;
  const { inputs } = scenarioLoadInputs(path, scenario, nominalShares);
  return { path, run, nominalShares, inputs, spec: scenario.overload, options };
}

const maxOf = (values: Float64Array): number => values.reduce((m, v) => Math.max(m, v), 0);

function lastIndex(path: ResolvedPath): number {
  return path.hops.length - 1;
}

/** The backend hop's load at `loadFactor` for the given backend shares (other hops as the scenario placed them). */
function backendLoad(ctx: CascadeContext, shares: Float64Array, loadFactor: number): HopLoad | undefined {
  const last = lastIndex(ctx.path);
  const all = ctx.run.hops.map((p, h) => (h === last ? shares : p.shares));
  return pathLoads(ctx.path.hops, ctx.nominalShares, all, { ...ctx.inputs, loadFactor })[last];
}

/** The rates of every hop before the backend's, which the cascade leaves as they are. */
function upstreamRates(ctx: CascadeContext): number[] {
  return ctx.run.hops.slice(0, lastIndex(ctx.path)).map((p) => p.errorPercent + p.droppedPercent);
}

/**
 * The cascade at one load factor; undefined when the backend's capacity is unknown.
 *
 * @example cascadeAt(ctx, 2) // httpbin, 3 pods at 120 %: one ejected, two at 180 %, the cap keeps them → OSCILLATING
 */
export function cascadeAt(ctx: CascadeContext, loadFactor: number): CascadeRun | undefined {
  const last = lastIndex(ctx.path);
  const hop = ctx.path.hops[last];
  const placed = ctx.run.hops[last];
  if (hop === undefined || placed === undefined) return undefined;
  if (backendLoad(ctx, placed.shares, loadFactor)?.utilization === undefined) return undefined;
  const overprovisioningFactor = ctx.run.overprovisioningFactors[last] ?? hop.overprovisioningFactor;
  return runOverloadCascade(ctx.spec, {
    scenarioFailing: failingIndexes(ctx.run, hop, last),
    place: (failing): HopPlacement =>
      computeHopPlacement(hop, {
        failingEndpointIndexes: failing,
        overprovisioningFactor,
        ...(ctx.options.ejectionRule === undefined ? {} : { ejectionRule: ctx.options.ejectionRule }),
      }),
    utilize: (shares) => {
      const load = backendLoad(ctx, shares, loadFactor);
      return {
        utilization: load?.utilization ?? new Float64Array(shares.length),
        saturatedPercent: load?.saturatedPercent ?? 0,
      };
    },
  });
}

/** The request's error rate at the cascade's last step, composed over the hops. */
export function cascadeErrorPercent(ctx: CascadeContext, run: CascadeRun): number {
  const final = run.steps[run.steps.length - 1];
  return roundPercent(composeInSeries([...upstreamRates(ctx), final?.errorPercent ?? 0]));
}

function names(ctx: CascadeContext, indexes: readonly number[]): string[] {
  const endpoints = ctx.path.hops[lastIndex(ctx.path)]?.endpoints ?? [];
  return indexes.map((i) => endpoints[i]?.name ?? String(i));
}

function headroom(
  ctx: CascadeContext,
): Pick<
  OverloadCascade,
  'firstSaturationLoadFactor' | 'firstEjectionLoadFactor' | 'firstOverflowLoadFactor'
> {
  const placed = ctx.run.hops[lastIndex(ctx.path)]?.shares ?? new Float64Array();
  const peak = (l: number): number => maxOf(backendLoad(ctx, placed, l)?.utilization ?? new Float64Array());
  const firstSaturation = smallestLoadFactor((l) => peak(l) >= FULL_LOAD_PERCENT);
  const firstFailure = smallestLoadFactor((l) => peak(l) > ctx.spec.failsAbovePercent);
  // Just past the first failure, does outlier detection eject it? If the cap or a missing detector
  // refuses the first, more load only adds endpoints the same rule refuses.
  const justPast = firstFailure === null ? undefined : cascadeAt(ctx, firstFailure * (1 + 1e-6));
  const ejects = justPast?.steps.some((s) => s.overloaded.some((i) => s.placement.ejected[i] === 1)) === true;
  const firstOverflow = smallestLoadFactor((l) => {
    const all = pathLoads(
      ctx.path.hops,
      ctx.nominalShares,
      ctx.run.hops.map((p) => p.shares),
      { ...ctx.inputs, loadFactor: l },
    );
    return composeInSeries(all.map((h) => h.overflowPercent)) >= SUGGESTED_OVERFLOW_SHARE * FULL_LOAD_PERCENT;
  });
  const round = (l: number | null): number | null => (l === null ? null : roundPercent(l));
  return {
    firstSaturationLoadFactor: round(firstSaturation),
    firstEjectionLoadFactor: ejects ? round(firstFailure) : null,
    firstOverflowLoadFactor: round(firstOverflow),
  };
}

function outcomeReason(run: CascadeRun, ctx: CascadeContext): string {
  const threshold = `${ctx.spec.failsAbovePercent.toString()} %`;
  switch (run.end) {
    case 'NO_OVERLOAD':
      return `no backend endpoint passes ${threshold} of its capacity at this load`;
    case 'DEGRADED':
      return (
        `overloaded endpoints (${names(ctx, run.steps[run.steps.length - 1]?.overloaded ?? []).join(', ')}) keep failing in place: ` +
        'outlier detection does not eject them (no detector in force, or the max-ejection cap), and nothing changes any more'
      );
    case 'OSCILLATING':
      return run.cycled
        ? 'the steps come back to an earlier state: endpoints recover once others are ejected and fail again'
        : `outlier detection ejects ${names(ctx, run.ejected).join(', ')}; after the ejection time each returns to a load past ${threshold} and is ejected again, for longer (base × multiplier up to maxEjectionTime), while the load lasts`;
  }
}

/**
 * @example overloadCascade(ctx, 1.5) // httpbin, abc12 ejected, 60 % at nominal, fails above 100 %:
 * // two pods at 135 %, the cap (50 %) keeps both → DEGRADED, errorPercent 25.925926
 */
export function overloadCascade(ctx: CascadeContext, loadFactor: number): OverloadCascade {
  const base = { failsAbovePercent: ctx.spec.failsAbovePercent, as: ctx.spec.as };
  const run = cascadeAt(ctx, loadFactor);
  if (run === undefined) {
    return {
      ...base,
      outcome: 'CAPACITY_UNKNOWN',
      stable: null,
      steps: [],
      errorPercent: roundPercent(composeInSeries(ctx.run.hops.map((p) => p.errorPercent + p.droppedPercent))),
      firstSaturationLoadFactor: null,
      firstEjectionLoadFactor: null,
      firstOverflowLoadFactor: null,
      reason:
        "the backend's capacity is unknown (no utilizationPercent, no HorizontalPodAutoscaler target), so overload is not modelled",
    };
  }
  const upstream = upstreamRates(ctx);
  const steps: CascadeStep[] = run.steps.map((s, step) => ({
    step,
    failing: names(ctx, s.overloaded),
    ejected: names(
      ctx,
      s.overloaded.filter((i) => s.placement.ejected[i] === 1),
    ),
    newlyOverloaded: names(ctx, s.newlyOverloaded),
    loads: apportionPercents(s.placement.priorities.map((p) => p.loadPercent)),
    maxUtilizationPercent: roundPercent(maxOf(s.utilization)),
    saturatedPercent: roundPercent(s.saturatedPercent),
    errorPercent: roundPercent(composeInSeries([...upstream, s.errorPercent])),
  }));
  return {
    ...base,
    outcome: run.end,
    stable: run.end !== 'OSCILLATING',
    steps,
    errorPercent: cascadeErrorPercent(ctx, run),
    ...headroom(ctx),
    reason: outcomeReason(run, ctx),
  };
}
