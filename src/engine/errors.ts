/**
 * Invalid input caught at the engine's edge. The codes are the project's one error vocabulary: the HTTP
 * adapter maps each to a status and a problem type, the GraphQL adapter to `extensions.code`
 * (`src/http/problem.ts`, `src/graphql/errors.ts`). No statuses here: the engine knows no transport.
 */
export type EngineErrorCode =
  | 'UNKNOWN_SNAPSHOT'
  | 'UNKNOWN_CLIENT'
  | 'UNKNOWN_BACKEND'
  | 'AMBIGUOUS_REFERENCE'
  | 'INVALID_REFERENCE'
  | 'INVALID_SCENARIO'
  | 'INVALID_PROFILE';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** Structured detail for clients: close matches, candidates, the offending value. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
