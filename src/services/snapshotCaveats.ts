/**
 * What a snapshot lacks that every answer about it depends on (no Pods, no Nodes, endpoints derived without
 * EndpointSlices: `MeshModel.caveats`, found at intake) is said with every answer, and with the refusal
 * of a question the snapshot cannot answer: a client unknown because the snapshot holds Deployments but no
 * Pods is explained by the missing Pods, not only by the close matches.
 */
import {
  EngineError,
  type Diagnostic,
  type EffectivePolicy,
  type EngineErrorCode,
  type WhatIf,
} from '../engine/index.js';

/** Refusals a missing kind of object can cause. */
const EXPLAINED_BY_CAVEATS: readonly EngineErrorCode[] = ['UNKNOWN_CLIENT', 'UNKNOWN_BACKEND'];

function appended(diagnostics: readonly Diagnostic[], caveats: readonly Diagnostic[]): Diagnostic[] {
  const present = new Set(diagnostics.map((finding) => `${finding.code}\u0000${finding.message}`));
  return [
    ...diagnostics,
    ...caveats.filter((caveat) => !present.has(`${caveat.code}\u0000${caveat.message}`)),
  ];
}

export function policyWithCaveats(policy: EffectivePolicy, caveats: readonly Diagnostic[]): EffectivePolicy {
  return caveats.length === 0 ? policy : { ...policy, diagnostics: appended(policy.diagnostics, caveats) };
}

export function whatIfWithCaveats(whatIf: WhatIf, caveats: readonly Diagnostic[]): WhatIf {
  if (caveats.length === 0) return whatIf;
  return {
    ...whatIf,
    baseline: policyWithCaveats(whatIf.baseline, caveats),
    scenario: policyWithCaveats(whatIf.scenario, caveats),
  };
}

export function findingsWithCaveats(
  diagnostics: readonly Diagnostic[],
  caveats: readonly Diagnostic[],
): readonly Diagnostic[] {
  return caveats.length === 0 ? diagnostics : appended(diagnostics, caveats);
}

/** The error a question raised, with the caveats that may explain it added to its message and details. */
export function explainedByCaveats(error: unknown, caveats: readonly Diagnostic[]): unknown {
  if (caveats.length === 0 || !(error instanceof EngineError) || !EXPLAINED_BY_CAVEATS.includes(error.code))
    return error;
  const sentence = /[.!?]$/u.test(error.message) ? error.message : `${error.message}.`;
  return new EngineError(error.code, `${sentence} ${caveats.map((caveat) => caveat.message).join(' ')}`, {
    ...error.details,
    caveats,
  });
}
