/**
 * The project's one error vocabulary. Every failure a client can see has one code here, mapped once to an
 * HTTP status (problem+json) and once to a GraphQL `extensions.code`. Engine codes come from
 * `EngineError`; the rest belong to the service and transport layers.
 */
import type { EngineErrorCode } from '../engine/errors.js';

export type AppErrorCode =
  | EngineErrorCode
  | 'SNAPSHOT_NOT_FOUND'
  | 'INVALID_UPLOAD'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'OVERLOADED'
  | 'INTERNAL';

interface ErrorSpec {
  readonly status: number;
  readonly title: string;
  /** GraphQL `extensions.code`; the same name as the code, kept explicit so a rename is a visible change. */
  readonly graphqlCode: string;
}

/** Exhaustive by construction: adding a code without a mapping fails to compile. */
export const ERROR_SPECS: { readonly [C in AppErrorCode]: ErrorSpec } = {
  UNKNOWN_SNAPSHOT: { status: 404, title: 'Unknown snapshot', graphqlCode: 'UNKNOWN_SNAPSHOT' },
  SNAPSHOT_NOT_FOUND: { status: 404, title: 'Snapshot not found', graphqlCode: 'UNKNOWN_SNAPSHOT' },
  UNKNOWN_CLIENT: { status: 404, title: 'Unknown client', graphqlCode: 'UNKNOWN_CLIENT' },
  UNKNOWN_BACKEND: { status: 404, title: 'Unknown backend', graphqlCode: 'UNKNOWN_BACKEND' },
  AMBIGUOUS_REFERENCE: { status: 409, title: 'Ambiguous reference', graphqlCode: 'AMBIGUOUS_REFERENCE' },
  INVALID_REFERENCE: { status: 400, title: 'Invalid reference', graphqlCode: 'INVALID_REFERENCE' },
  INVALID_SCENARIO: { status: 400, title: 'Invalid scenario', graphqlCode: 'INVALID_SCENARIO' },
  INVALID_PROFILE: { status: 400, title: 'Invalid profile', graphqlCode: 'INVALID_PROFILE' },
  INVALID_UPLOAD: { status: 422, title: 'Invalid snapshot upload', graphqlCode: 'INVALID_UPLOAD' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large', graphqlCode: 'PAYLOAD_TOO_LARGE' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    graphqlCode: 'UNSUPPORTED_MEDIA_TYPE',
  },
  INVALID_REQUEST: { status: 400, title: 'Invalid request', graphqlCode: 'BAD_USER_INPUT' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required', graphqlCode: 'UNAUTHENTICATED' },
  FORBIDDEN: { status: 403, title: 'Forbidden', graphqlCode: 'FORBIDDEN' },
  NOT_FOUND: { status: 404, title: 'Not found', graphqlCode: 'NOT_FOUND' },
  RATE_LIMITED: { status: 429, title: 'Too many requests', graphqlCode: 'RATE_LIMITED' },
  OVERLOADED: { status: 503, title: 'Service overloaded', graphqlCode: 'OVERLOADED' },
  INTERNAL: { status: 500, title: 'Internal error', graphqlCode: 'INTERNAL_SERVER_ERROR' },
};

/** Base of the `type` URI of every problem; each code has its own page. */
export const PROBLEM_TYPE_BASE = 'https://spillway.dev/problems/';

export function problemType(code: AppErrorCode): string {
  return `${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`;
}
