/**
 * Building problems: where (document + JSON pointer) and which object, so each entry of the 422 body
 * points the user at one line of their upload.
 */
import type { UploadProblem, UploadProblemCode, UploadRefusal } from './types.js';

/** Identity of the object a problem is about, as far as it is known. */
export interface ProblemSubject {
  readonly documentIndex?: number;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly cluster?: string;
}

/** Past this many problems the list stops; the last entry says so. Keeps a hostile 422 body small. */
export const MAX_PROBLEMS = 1_000;

/** RFC 6901 escaping of one reference token. */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function joinPointer(base: string, ...tokens: readonly (string | number)[]): string {
  return tokens.reduce<string>((pointer, token) => `${pointer}/${escapePointerToken(token)}`, base);
}

export function makeProblem(
  code: UploadProblemCode,
  message: string,
  pointer: string,
  subject: ProblemSubject = {},
): UploadProblem {
  return {
    code,
    message,
    pointer,
    ...(subject.documentIndex !== undefined ? { documentIndex: subject.documentIndex } : {}),
    ...(subject.kind !== undefined ? { kind: subject.kind } : {}),
    ...(subject.namespace !== undefined ? { namespace: subject.namespace } : {}),
    ...(subject.name !== undefined ? { name: subject.name } : {}),
    ...(subject.cluster !== undefined ? { cluster: subject.cluster } : {}),
  };
}

/** An upload holding more than the limits allow is too large; anything else wrong with it is invalid. */
export function refusalFor(problems: readonly UploadProblem[]): UploadRefusal {
  return problems.some((problem) => problem.code === 'TOO_MANY_DOCUMENTS') ? 'TOO_LARGE' : 'INVALID';
}

export function capProblems(problems: readonly UploadProblem[]): UploadProblem[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  const kept = problems.slice(0, MAX_PROBLEMS - 1);
  kept.push(
    makeProblem(
      'TOO_MANY_PROBLEMS',
      `${problems.length - kept.length} more problem(s) not listed; fix the ones above and upload again.`,
      '',
    ),
  );
  return kept;
}
