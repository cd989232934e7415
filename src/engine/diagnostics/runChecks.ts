/**
 * Runs the registry's checks for one subject in one scope, in registry order, and turns their findings
 * into `Diagnostic`s with the check's code, severity and equivalent.
 */
import type { Diagnostic } from '../model/answer.js';
import type { AnalysisCheck, Check, CheckSubject, Finding } from './check.js';
import { SPECIFIED_CHECKS } from './checks/index.js';
import type { FactsBySubject } from './facts.js';

/** Builds the answer's diagnostic for a finding of `check`. */
export function toDiagnostic(
  check: Pick<Check, 'code' | 'severity' | 'equivalent'>,
  finding: Finding,
): Diagnostic {
  return {
    // Every check reaching here comes from SPECIFIED_CHECKS, whose codes are exactly DiagnosticCode.
    code: check.code as Diagnostic['code'],
    severity: check.severity,
    message: finding.message,
    resources: finding.resources,
    ...(check.equivalent !== undefined ? { equivalent: check.equivalent } : {}),
  };
}

const CHECKS: readonly Check[] = SPECIFIED_CHECKS;
const bySubjectAndScope = new Map<string, readonly AnalysisCheck<CheckSubject>[]>();
for (const check of CHECKS) {
  if (!('subject' in check)) continue;
  for (const scope of check.scopes) {
    const key = `${scope}/${check.subject}`;
    // The subject in the key guarantees the facts type `run` expects.
    bySubjectAndScope.set(key, [...(bySubjectAndScope.get(key) ?? []), check as AnalysisCheck<CheckSubject>]);
  }
}

/**
 * @example runChecks('hop', 'destination', { host: 'web.shop.svc.cluster.local', readyEndpoints: 0, … })
 * // → [{ code: 'SPW0013', severity: 'ERROR', … }]
 */
export function runChecks<S extends CheckSubject>(
  scope: 'hop' | 'mesh',
  subject: S,
  facts: FactsBySubject[S],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const check of bySubjectAndScope.get(`${scope}/${subject}`) ?? []) {
    const run = check.run as (facts: FactsBySubject[S]) => readonly Finding[];
    for (const finding of run(facts)) out.push(toDiagnostic(check, finding));
  }
  return out;
}
