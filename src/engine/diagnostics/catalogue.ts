/**
 * The catalogue of every code, read from the registry (`checks/index.ts`): for answers, docs and
 * `spillway analyze --list-analyzers`.
 */
import type { Severity } from '../model/answer.js';
import type { Check, CheckScope } from './check.js';
import {
  SPECIFIED_CHECKS,
  type DiagnosticCode,
  type DiagnosticId,
  type SpecifiedCheck,
} from './checks/index.js';

export interface CatalogueEntry {
  readonly id: DiagnosticId;
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly title: string;
  readonly equivalent?: string;
  readonly upstream: string;
  readonly scopes: readonly CheckScope[];
}

function entry(check: Check & SpecifiedCheck): CatalogueEntry {
  return {
    id: check.id,
    code: check.code,
    severity: check.severity,
    title: check.title,
    ...(check.equivalent !== undefined ? { equivalent: check.equivalent } : {}),
    upstream: check.upstream,
    scopes: check.scopes,
  };
}

/** Every check, in code order. */
export const CATALOGUE: readonly CatalogueEntry[] = SPECIFIED_CHECKS.map(entry).sort((a, b) =>
  a.code < b.code ? -1 : 1,
);

/** The catalogue by readable id. */
export const DIAGNOSTICS = Object.fromEntries(SPECIFIED_CHECKS.map((c) => [c.id, entry(c)])) as {
  readonly [Id in DiagnosticId]: CatalogueEntry & { readonly id: Id };
};

/** First code of the snapshot-intake range. */
export const INTAKE_CODE_FLOOR = 'SPW1000';
