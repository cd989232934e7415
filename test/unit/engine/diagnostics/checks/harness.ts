/**
 * Checks are pure functions of their subject's facts: a case is facts in, findings out.
 */
import type {
  AnalysisCheck,
  CheckSubject,
  FactsBySubject,
} from '../../../../../src/engine/diagnostics/index.js';
import type { ResourceRef } from '../../../../../src/engine/index.js';

/** Each finding as `message` (resources are checked separately where they matter). */
export function messages<S extends CheckSubject>(
  check: AnalysisCheck<S>,
  facts: FactsBySubject[S],
): string[] {
  return check.run(facts).map((f) => f.message);
}

export function resourcesOf<S extends CheckSubject>(
  check: AnalysisCheck<S>,
  facts: FactsBySubject[S],
): (readonly ResourceRef[])[] {
  return check.run(facts).map((f) => f.resources);
}

export const SERVICE: ResourceRef = { kind: 'Service', name: 'web', namespace: 'shop', cluster: 'c1' };
export const RULE: ResourceRef = { kind: 'DestinationRule', name: 'web', namespace: 'shop', cluster: 'c1' };
export const RULE_SUMMARY = { ref: RULE, namespace: 'shop', name: 'web' } as const;
export const HOST = 'web.shop.svc.cluster.local';
