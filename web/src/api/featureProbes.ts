/**
 * The optional schema fields the portal uses (api.md "Additions"), and one probe per field: the field selected
 * under `@skip(if: true)`, which a server validates against its schema without running anything. No imports,
 * so the probes are checked against the schema in node (test/unit/web).
 */

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
  /** `Query.blastRadius`: the blast radius view. */
  readonly blastRadius: boolean;
  /** `Query.diff`: the diff view. */
  readonly diff: boolean;
  /** `SweepHop.maxUtilizationPercent`: the hop's busiest endpoint per sweep step (the load model's curve). */
  readonly sweepUtilization: boolean;
  /** `SweepHop.saturatedPercent`: the hop's requests beyond capacity per sweep step. */
  readonly sweepSaturation: boolean;
  /** `EndpointShare.failing`: the scenario makes this endpoint fail (ejected or not). */
  readonly endpointFailing: boolean;
  /** `SweepPoint.ejectedEndpoints`, `errorPercent` and `cascade`: the request's outcome per sweep step. */
  readonly sweepOutcome: boolean;
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
  sweepUtilization: `{ whatIf(${QUESTION}, scenario: {}) @skip(if: true) { sweep { hops { maxUtilizationPercent } } } }`,
  sweepSaturation: `{ whatIf(${QUESTION}, scenario: {}) @skip(if: true) { sweep { hops { saturatedPercent } } } }`,
  endpointFailing: `{ effectivePolicy(${QUESTION}) @skip(if: true) { hops { endpoints { failing } } } }`,
  sweepOutcome: `{ whatIf(${QUESTION}, scenario: {}) @skip(if: true) { sweep { ejectedEndpoints errorPercent cascade } } }`,
};

export const NO_FEATURES: Features = {
  failureKind: false,
  utilization: false,
  endpointUtilization: false,
  saturation: false,
  backendShares: false,
  blastRadius: false,
  diff: false,
  sweepUtilization: false,
  sweepSaturation: false,
  endpointFailing: false,
  sweepOutcome: false,
};
