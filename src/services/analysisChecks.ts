/**
 * The checks `analyze` runs, as the command line lists them (`spillway analyze --list-analyzers`) and as
 * findings link to them. Read through this one function so that the source of the list (today the engine's
 * `CATALOGUE`) can change in one place.
 */
import { CATALOGUE, type Severity } from '../engine/index.js';
import { AppError } from '../errors/appError.js';

export interface AnalysisCheck {
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
  /** The nearest `istioctl analyze` (IST) or Kiali (KIA) check, when one exists. */
  readonly equivalent?: string;
}

/** Base of each code's documentation page (like the problem `type` URIs of `src/errors/errorCodes.ts`). */
export const DIAGNOSTIC_DOCS_BASE = 'https://spillway.dev/diagnostics/';

/** Every check, in code order. */
export function analysisChecks(): readonly AnalysisCheck[] {
  return CATALOGUE.map(({ code, severity, title, equivalent }) => ({
    code,
    severity,
    title,
    ...(equivalent === undefined ? {} : { equivalent }),
  }));
}

/** @example documentationUrl('SPW0010') // → 'https://spillway.dev/diagnostics/spw0010' */
export function documentationUrl(code: string): string {
  return `${DIAGNOSTIC_DOCS_BASE}${code.toLowerCase()}`;
}

/** istioctl's level names (`diag.Level`), worst first. */
export const ANALYSIS_LEVELS = ['Error', 'Warning', 'Info'] as const;
export type AnalysisLevel = (typeof ANALYSIS_LEVELS)[number];

const LEVEL_OF: { readonly [S in Severity]: AnalysisLevel } = {
  ERROR: 'Error',
  WARNING: 'Warning',
  INFO: 'Info',
};

/** @example levelOf('WARNING') // → 'Warning' */
export function levelOf(severity: Severity): AnalysisLevel {
  return LEVEL_OF[severity];
}

/** @example parseLevel('warning') // → 'Warning' */
export function parseLevel(text: string): AnalysisLevel {
  const level = ANALYSIS_LEVELS.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
  if (level === undefined) {
    throw new AppError(
      'INVALID_REQUEST',
      `"${text}" is not a level; use one of ${ANALYSIS_LEVELS.join(', ')}.`,
    );
  }
  return level;
}

/** True when `level` is as bad as `threshold` or worse (istioctl's `IsWorseThanOrEqualTo`). */
export function reaches(level: AnalysisLevel, threshold: AnalysisLevel): boolean {
  return ANALYSIS_LEVELS.indexOf(level) <= ANALYSIS_LEVELS.indexOf(threshold);
}
