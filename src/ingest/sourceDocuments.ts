/**
 * What the readers of an upload body produce: the parsed documents with their index in the stream, or the
 * problems that refuse the body. Shared by the YAML and JSON readers so both refuse alike.
 */
import { inspectValue } from './inspectValue.js';
import type { UploadProblem } from './types.js';
import { makeProblem } from './uploadProblem.js';

export interface SourceDocument {
  /** YAML document index, or element index of a top-level JSON array. */
  readonly index: number;
  readonly value: unknown;
}

export interface ReadDocumentsResult {
  readonly documents: readonly SourceDocument[];
  readonly problems: readonly UploadProblem[];
}

export function tooManyDocuments(limit: number): UploadProblem {
  return makeProblem(
    'TOO_MANY_DOCUMENTS',
    `The upload holds more than ${limit} objects, the configured limit.`,
    '',
  );
}

export function tooDeep(maxDepth: number, pointer: string, where = ''): UploadProblem {
  return makeProblem(
    'TOO_DEEP',
    `Nesting goes deeper than ${maxDepth} levels, the configured limit${where}.`,
    pointer,
  );
}

/** Nesting past the limit and non-finite numbers in one parsed document, each with its pointer. */
export function valueProblems(value: unknown, documentIndex: number, maxDepth: number): UploadProblem[] {
  const findings = inspectValue(value, maxDepth);
  const problems: UploadProblem[] = [];
  if (findings.tooDeepAt !== undefined) {
    problems.push({ ...tooDeep(maxDepth, findings.tooDeepAt), documentIndex });
  }
  for (const pointer of findings.nonFinite) {
    problems.push(
      makeProblem('INVALID_NUMBER', 'The number is not finite (infinite, NaN or out of range).', pointer, {
        documentIndex,
      }),
    );
  }
  return problems;
}
