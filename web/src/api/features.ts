/**
 * Which optional parts of the schema this service has (api.md "Additions" are added over time). Each probe
 * selects the field under `@skip(if: true)`: the server validates it against its schema but runs nothing,
 * so the answer is "valid" or a validation error, with introspection on or off.
 */
import { ApiError, graphql } from './client';

export interface Features {
  /** `ScenarioInput.failure: FailureKind`. */
  readonly failureKind: boolean;
  /** `ScenarioInput.utilizationPercent`. */
  readonly utilization: boolean;
  /** `EndpointShare.utilizationPercent`. */
  readonly endpointUtilization: boolean;
  /** `WhatIf.saturatedPercent`. */
  readonly saturation: boolean;
  /** `EffectivePolicy.backendShares`. */
  readonly backendShares: boolean;
  /** `Query.blastRadius` (mesh-wide view, not built yet). */
  readonly blastRadius: boolean;
  /** `Query.diff` (mesh-wide view, not built yet). */
  readonly diff: boolean;
}

const QUESTION = 'snapshot: "", client: "", backend: ""';

export const FEATURE_PROBES: { readonly [K in keyof Features]: string } = {
  failureKind: `query P($f: FailureKind) { whatIf(${QUESTION}, scenario: { failure: $f }) @skip(if: true) { errorPercent } }`,
  utilization: `{ whatIf(${QUESTION}, scenario: { utilizationPercent: 50 }) @skip(if: true) { errorPercent } }`,
  endpointUtilization: `{ effectivePolicy(${QUESTION}) @skip(if: true) { hops { endpoints { utilizationPercent } } } }`,
  saturation: `{ whatIf(${QUESTION}, scenario: {}) @skip(if: true) { saturatedPercent } }`,
  backendShares: `{ effectivePolicy(${QUESTION}) @skip(if: true) { backendShares { name } } }`,
  blastRadius: `{ blastRadius(snapshot: "", scenario: {}) @skip(if: true) { pairs } }`,
  diff: `{ diff(before: "", after: "") @skip(if: true) { changes { summary } } }`,
};

export const NO_FEATURES: Features = {
  failureKind: false,
  utilization: false,
  endpointUtilization: false,
  saturation: false,
  backendShares: false,
  blastRadius: false,
  diff: false,
};

async function probe(query: string): Promise<boolean> {
  try {
    await graphql(query);
    return true;
  } catch (error) {
    // Only a validation failure means "absent"; a refused token must reach the caller.
    if (error instanceof ApiError && error.needsToken) throw error;
    return false;
  }
}

export async function detectFeatures(): Promise<Features> {
  const keys = Object.keys(FEATURE_PROBES) as (keyof Features)[];
  const found = await Promise.all(keys.map((key) => probe(FEATURE_PROBES[key])));
  return Object.fromEntries(keys.map((key, index) => [key, found[index] ?? false])) as unknown as Features;
}
