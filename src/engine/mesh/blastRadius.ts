/**
 * The blast radius of a scenario (api.md "Mesh-wide questions"): whatIf over every client × backend pair
 * of the mesh, computed once per backend × client class (`clientClasses.ts`) on the class's first client
 * and expanded to the class's clients. Each evaluation is `resolvePath` + `evaluateWhatIf`, the entry
 * points whatIf itself answers through, so a pair's numbers are whatIf's for it by construction and every
 * improvement of the evaluation (failure kinds, the load model) shows here unchanged.
 */
import { EngineError } from '../errors.js';
import type { Scenario, WhatIf } from '../model/answer.js';
import type { BlastRadius, ClassImpact, ClientClass, Impact } from '../model/meshWide.js';
import type { Profile } from '../model/meshModel.js';
import type { CompiledMesh } from '../resolver/compiledMesh.js';
import { resolvePath } from '../resolver/resolvePath.js';
import { evaluateWhatIf } from '../evaluate/evaluateWhatIf.js';
import { validateScenario } from '../evaluate/validateScenario.js';
import { clientClasses } from './clientClasses.js';
import { meshBackends } from './meshBackends.js';

/** Pairs that cannot be resolved are counted and named by example, this many at most. */
const MAX_UNRESOLVED_EXAMPLES = 5;

export interface Rates {
  readonly errorPercent: number;
  readonly saturatedPercent: number | null;
  readonly overflowPercent: number;
}

/**
 * The share of requests that meet a saturated endpoint, when the evaluation models capacity (the load
 * model adds `saturatedPercent` to whatIf); null while it does not, as for an unknown capacity.
 */
function saturatedOf(answer: WhatIf): number | null {
  const value: unknown = 'saturatedPercent' in answer ? answer.saturatedPercent : null;
  return typeof value === 'number' ? value : null;
}

/** whatIf's rates for one answer. */
export function ratesOf(answer: WhatIf): Rates {
  return {
    errorPercent: answer.errorPercent,
    saturatedPercent: saturatedOf(answer),
    overflowPercent: answer.overflowPercent,
  };
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
  validateScenario(scenario);
  const used = profile ?? mesh.profile;
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
    let answer: WhatIf;
    try {
      answer = evaluateWhatIf(resolvePath(mesh, { client, backend, profile: used }), scenario);
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
        answer.ejections.filter((e) => e.outcome === 'UNKNOWN_ENDPOINT').map((e) => e.endpoint),
      );
      for (const entry of unmatched) if (!missed.has(entry)) unmatched.delete(entry);
    }
    const rates = ratesOf(answer);
    if (!isImpacted(rates)) return;
    const list = byBackend.get(backend) ?? [];
    list.push({ clientClass: cls, ...rates });
    byBackend.set(backend, list);
  };
  for (const cls of classes) {
    for (const backend of backendsByCluster.get(cls.cluster) ?? []) {
      backends.add(backend);
      evaluate(cls, backend);
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
