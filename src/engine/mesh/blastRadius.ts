/**
 * The blast radius of a scenario (api.md "Mesh-wide questions"): whatIf over every client × backend pair
 * of the mesh, computed once per backend × client class (`clientClasses.ts`) on the class's first client
 * and expanded to the class's clients. Each evaluation is `resolvePath` + `scenarioOutcome`, the steps
 * whatIf itself answers through, so a pair's numbers are whatIf's for it by construction and every
 * improvement of the evaluation (failure kinds, the load model) shows here unchanged. Lean where whatIf
 * is whole: only the three rates are read (no baseline, no per-hop answer), the paths share what does
 * not depend on the client (`PathMemo`: resolved backends, waypoint destinations and waypoint hops) and a
 * hop shared by several paths is placed once (`PlacementMemo`). Both memos live for one call.
 */
import { EngineError } from '../errors.js';
import type { Scenario } from '../model/answer.js';
import type { BlastRadius, ClassImpact, ClientClass, Impact } from '../model/meshWide.js';
import type { Profile } from '../model/meshModel.js';
import type { CompiledMesh } from '../resolver/compiledMesh.js';
import { pathMemo, resolvePath } from '../resolver/resolvePath.js';
import { placementMemo, scenarioOutcome, type ScenarioOutcome } from '../evaluate/scenarioOutcome.js';
import { validateScenario, type ValidScenario } from '../evaluate/validateScenario.js';
import { clientClasses } from './clientClasses.js';
import { meshBackends } from './meshBackends.js';
import { runSteps, type Steps } from './steps.js';

/** Pairs that cannot be resolved are counted and named by example, this many at most. */
const MAX_UNRESOLVED_EXAMPLES = 5;

export interface Rates {
  readonly errorPercent: number;
  readonly saturatedPercent: number | null;
  readonly overflowPercent: number;
}

export function isImpacted(r: Rates): boolean {
  return r.errorPercent > 0 || (r.saturatedPercent ?? 0) > 0 || r.overflowPercent > 0;
}

/** Worst first: errors, then saturation, then overflow. */
export function compareRates(a: Rates, b: Rates): number {
  return (
    b.errorPercent - a.errorPercent ||
    (b.saturatedPercent ?? 0) - (a.saturatedPercent ?? 0) ||
    b.overflowPercent - a.overflowPercent
  );
}

function impactOf(backend: string, classes: ClassImpact[]): Impact {
  classes.sort((a, b) => compareRates(a, b) || (a.clientClass.id < b.clientClass.id ? -1 : 1));
  const worst = classes[0];
  if (worst === undefined) throw new Error('Invariant violation: an impact has at least one class');
  return {
    backend,
    errorPercent: worst.errorPercent,
    saturatedPercent: worst.saturatedPercent,
    overflowPercent: worst.overflowPercent,
    worstClient: worst.clientClass.clients[0] ?? '',
    clientCount: classes.reduce((n, c) => n + c.clientClass.clients.length, 0),
    classes,
  };
}

/** Scenario entries as written, for the ones no evaluated path matched. */
function scenarioEntries(scenario: Scenario): string[] {
  return [...(scenario.ejectEndpoints ?? []).map((e) => e.trim()), ...(scenario.failLocalities ?? [])];
}

/**
 * @example blastRadius(compileMesh(bookinfo), { failLocalities: ['us-east-1/us-east-1a'] })
 *   // → { pairs, impacts: [{ backend: 'productpage.bookinfo.mesh.internal', errorPercent, classes: […] }, …] }
 * @throws EngineError INVALID_SCENARIO for a scenario whatIf would refuse
 */
export function blastRadius(mesh: CompiledMesh, scenario: Scenario, profile?: Profile): BlastRadius {
  return runSteps(blastRadiusSteps(mesh, scenario, profile));
}

/**
 * `blastRadius` one backend × client class evaluation per step.
 * @throws EngineError INVALID_SCENARIO at once, before the first step, for a scenario whatIf would refuse
 */
export function blastRadiusSteps(
  mesh: CompiledMesh,
  scenario: Scenario,
  profile?: Profile,
): Steps<BlastRadius> {
  const valid = validateScenario(scenario);
  return evaluateAll(mesh, scenario, valid, profile);
}

function* evaluateAll(
  mesh: CompiledMesh,
  scenario: Scenario,
  valid: ValidScenario,
  profile: Profile | undefined,
): Steps<BlastRadius> {
  const used = profile ?? mesh.profile;
  // Shared by every evaluation of this call: one mesh, one profile, one scenario.
  // Only the numbers are read: no findings.
  const paths = pathMemo({ diagnostics: false });
  const placements = placementMemo();
  const { classes, classKey } = clientClasses(mesh, used);
  const backendsByCluster = meshBackends(mesh, used);
  const unmatched = new Set(scenarioEntries(scenario));
  const byBackend = new Map<string, ClassImpact[]>();
  const unresolved: string[] = [];
  let unresolvedCount = 0;
  let pairs = 0;
  let evaluations = 0;
  const backends = new Set<string>();
  const evaluate = (cls: ClientClass, backend: string): void => {
    const client = cls.clients[0];
    if (client === undefined) return;
    let outcome: ScenarioOutcome;
    try {
      const path = resolvePath(mesh, { client, backend, profile: used }, paths);
      outcome = scenarioOutcome(path, valid, {}, placements);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      unresolvedCount += 1;
      if (unresolved.length < MAX_UNRESOLVED_EXAMPLES)
        unresolved.push(`${client} → ${backend}: ${error.message}`);
      return;
    }
    evaluations += 1;
    pairs += cls.clients.length;
    if (unmatched.size > 0) {
      // whatIf names each entry that matched nothing on this path; every other entry matched here.
      const missed = new Set(
        outcome.run.ejections.filter((e) => e.outcome === 'UNKNOWN_ENDPOINT').map((e) => e.endpoint),
      );
      for (const entry of unmatched) if (!missed.has(entry)) unmatched.delete(entry);
    }
    // The three numbers evaluateWhatIf answers from this same outcome, without building its answer.
    const rates: Rates = {
      errorPercent: outcome.errorPercent,
      saturatedPercent: outcome.loads.saturatedPercent,
      overflowPercent: outcome.loads.overflowPercent,
    };
    if (!isImpacted(rates)) return;
    const list = byBackend.get(backend) ?? [];
    list.push({ clientClass: cls, ...rates });
    byBackend.set(backend, list);
  };
  for (const cls of classes) {
    for (const backend of backendsByCluster.get(cls.cluster) ?? []) {
      backends.add(backend);
      evaluate(cls, backend);
      yield;
    }
  }
  const impacts = [...byBackend].map(([backend, list]) => impactOf(backend, list));
  impacts.sort(
    (a, b) => compareRates(a, b) || b.clientCount - a.clientCount || (a.backend < b.backend ? -1 : 1),
  );
  const notes: string[] = [];
  if (unresolvedCount > 0) {
    notes.push(
      `${unresolvedCount.toString()} backend × client class evaluations could not be resolved and are not counted, e.g. ${unresolved.join('; ')}.`,
    );
  }
  return {
    profile: used,
    pairs,
    impacts,
    classCount: classes.length,
    evaluations,
    clientCount: classes.reduce((n, c) => n + c.clients.length, 0),
    backendCount: backends.size,
    classKey,
    unmatched: [...unmatched],
    notes,
  };
}
