/**
 * The whole engine pipeline for scenario tests: an example snapshot parsed as an upload (or a hand-built
 * MeshModel) → compileMesh → resolvePath → evaluateEffectivePolicy / evaluateWhatIf / evaluateSweep,
 * plus the invariants every answer must satisfy.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { composeInSeries } from '../../../../src/engine/evaluate/composeHops.js';
import { evaluateEffectivePolicy } from '../../../../src/engine/evaluate/evaluateEffectivePolicy.js';
import { evaluateWhatIf } from '../../../../src/engine/evaluate/evaluateWhatIf.js';
import { localityMatcher } from '../../../../src/engine/evaluate/matchEndpoints.js';
import { ANSWER_PERCENT_DECIMALS } from '../../../../src/engine/evaluate/presentPercent.js';
import type {
  EffectivePolicy,
  EndpointShare,
  Hop,
  Scenario,
  WhatIf,
} from '../../../../src/engine/model/answer.js';
import { PROFILES } from '../../../../src/engine/model/meshModel.js';
import type { MeshModel, Profile } from '../../../../src/engine/model/meshModel.js';
import type { ResolvedPath } from '../../../../src/engine/model/resolved.js';
import { compileMesh } from '../../../../src/engine/resolver/compileMesh.js';
import { resolvePath } from '../../../../src/engine/resolver/resolvePath.js';
import { parseUpload } from '../../../../src/ingest/index.js';

/** Sums that the model keeps whole (shares + dropped, priority loads) hold to this after rounding. */
export const SUM_TOLERANCE = 1e-9;
/** errorPercent is composed from unrounded hop rates; the answer's shares are rounded to 6 decimals. */
export const ROUNDING_TOLERANCE = 1e-5;

const parsed = new Map<string, MeshModel>();

/** An example snapshot (`examples/*.yaml`) parsed exactly as `POST /v1/snapshots` would. */
export function exampleModel(file: string): MeshModel {
  const cached = parsed.get(file);
  if (cached !== undefined) return cached;
  const body = readFileSync(new URL(`../../../../examples/${file}`, import.meta.url));
  const result = parseUpload({ body, contentType: 'application/yaml', params: { name: file } });
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems.slice(0, 3))}`);
  parsed.set(file, result.snapshot.model);
  return result.snapshot.model;
}

export function resolve(model: MeshModel, client: string, backend: string, profile?: Profile): ResolvedPath {
  return resolvePath(compileMesh(model), { client, backend, ...(profile === undefined ? {} : { profile }) });
}

/** The effective policy, checked against the answer invariants. */
export function policyOf(path: ResolvedPath): EffectivePolicy {
  const policy = evaluateEffectivePolicy(path);
  expectPolicyInvariants(policy, path.profile);
  return policy;
}

/** A whatIf answer, checked against the answer invariants (baseline, scenario, error composition). */
export function whatIfOf(path: ResolvedPath, scenario: Scenario): WhatIf {
  const w = evaluateWhatIf(path, scenario);
  expect(w.profile).toBe(path.profile);
  expectPolicyInvariants(w.baseline, path.profile);
  expectPolicyInvariants(w.scenario, path.profile);
  expectErrorConsistent(w, scenario);
  expect(Number.isFinite(w.overflowPercent) && w.overflowPercent >= 0 && w.overflowPercent <= 100).toBe(true);
  expect(w.notes.length).toBeGreaterThan(0);
  return w;
}

/** `name → sharePercent` of one hop. */
export function shares(hop: Hop | undefined): Record<string, number> {
  return Object.fromEntries((hop?.endpoints ?? []).map((e) => [e.name, e.sharePercent]));
}

/** `[level, endpoints, healthy, healthPercent, loadPercent, panic]` per priority of one hop. */
export function levels(hop: Hop | undefined): [number, number, number, number, number, boolean][] {
  return (hop?.priorities ?? []).map((p) => [
    p.level,
    p.endpoints,
    p.healthy,
    p.healthPercent,
    p.loadPercent,
    p.panic,
  ]);
}

export function codes(path: ResolvedPath): string[] {
  return path.diagnostics.map((d) => d.code);
}

function isAtAnswerPrecision(value: number): boolean {
  const scaled = value * 10 ** ANSWER_PERCENT_DECIMALS;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/**
 * Every hop: numbers finite and at answer precision; endpoint shares + dropped = 100 (each hop is
 * evaluated for the traffic that reaches it); priority loads sum to 100 or 0; the answer states its profile.
 */
export function expectPolicyInvariants(policy: EffectivePolicy, profile: Profile): void {
  expect(policy.profile).toBe(profile);
  expect(PROFILES).toContain(policy.profile);
  for (const hop of policy.hops) {
    const values = [
      hop.droppedPercent,
      ...hop.endpoints.map((e) => e.sharePercent),
      ...hop.priorities.flatMap((p) => [p.loadPercent, p.healthPercent]),
    ];
    for (const v of values) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
      expect(isAtAnswerPrecision(v)).toBe(true);
    }
    const served = hop.endpoints.reduce((sum, e) => sum + e.sharePercent, 0);
    expect(Math.abs(served + hop.droppedPercent - 100)).toBeLessThanOrEqual(SUM_TOLERANCE);
    const load = hop.priorities.reduce((sum, p) => sum + p.loadPercent, 0);
    expect(Math.abs(load - 100) <= SUM_TOLERANCE || Math.abs(load) <= SUM_TOLERANCE).toBe(true);
    expect(hop.shareUnit).toBe(hop.layer === 'L4' ? 'CONNECTION' : 'REQUEST');
    // Every endpoint's level exists in the priorities list.
    for (const e of hop.endpoints) expect(hop.priorities.some((p) => p.level === e.priority)).toBe(true);
  }
}

/** Which endpoints of a hop the scenario makes fail (by reference, or by locality selector). */
function failingOn(scenario: Scenario): (e: EndpointShare) => boolean {
  const refs = new Set(scenario.ejectEndpoints ?? []);
  const selectors = (scenario.failLocalities ?? []).map((s) => {
    const match = localityMatcher(s);
    return (e: EndpointShare): boolean => {
      const [region = '', zone = '', subzone = ''] = (e.locality ?? '').split('/');
      return match({
        id: e.name,
        name: e.name,
        cluster: e.cluster ?? '',
        network: e.network ?? '',
        locality: { region, zone, subzone },
        priority: e.priority,
        rawPriority: e.priority,
        priorityReason: '',
        health: 'HEALTHY',
        weight: 1,
      });
    };
  });
  return (e) =>
    refs.has(e.name) || (e.address !== undefined && refs.has(e.address)) || selectors.some((m) => m(e));
}

/**
 * errorPercent = 1 − Π(1 − (failing share + dropped)/100) over the hops, from the scenario's own hops;
 * for one hop that is errorPercent + successful share = 100. Where a hop retried (CONNECT_FAILURE on an
 * Envoy hop) retries can only lower it: the failing share is then an upper bound.
 */
export function expectErrorConsistent(w: WhatIf, scenario: Scenario): void {
  const perHop = w.scenario.hops.map((hop) => {
    const failing = failingOn(scenario);
    // A gateway failing in part (`failingPercent`) fails that part of its share; named endpoints all of it.
    const partial = hop.endpoints.reduce(
      (sum, e) => sum + (e.failingPercent === undefined ? 0 : (e.sharePercent * e.failingPercent) / 100),
      0,
    );
    return (
      hop.endpoints.filter(failing).reduce((sum, e) => sum + e.sharePercent, 0) + partial + hop.droppedPercent
    );
  });
  expect(Number.isFinite(w.errorPercent)).toBe(true);
  if (w.scenario.hops.some((hop) => hop.retries?.retried === true))
    expect(w.errorPercent).toBeLessThanOrEqual(composeInSeries(perHop) + ROUNDING_TOLERANCE);
  else expect(Math.abs(w.errorPercent - composeInSeries(perHop))).toBeLessThanOrEqual(ROUNDING_TOLERANCE);
  expect(isAtAnswerPrecision(w.errorPercent)).toBe(true);
}
