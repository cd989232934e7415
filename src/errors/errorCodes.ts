/**
 * The project's one error vocabulary. Every failure a client can see has one code here, mapped once to an
 * HTTP status (problem+json), a GraphQL `extensions.code` and a command-line exit code. Engine codes come
 * from `EngineError`; the rest belong to the service and transport layers.
 */
import type { EngineErrorCode } from '../engine/index.js';

export type AppErrorCode =
  | EngineErrorCode
  | 'INVALID_UPLOAD'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_REQUEST'
  | 'INVALID_BODY'
  | 'URI_TOO_LONG'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'METHOD_NOT_ALLOWED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'OVERLOADED'
  | 'UNAVAILABLE'
  | 'INPUT_UNREADABLE'
  | 'OUTPUT_UNWRITABLE'
  | 'DEPENDENCY_UNAVAILABLE'
  | 'INTERNAL';

/**
 * Exit codes of the command line (`docs/cli.md`). Failures use the BSD `sysexits.h` values, as istioctl
 * does (`istioctl/cmd/exitcodes.go`: 64 usage, 65 data, 79 analysis findings), so a pipeline can tell
 * "fix the command" from "fix the files" from "Spillway is broken". 1 is left to `diff --fail-on-change`.
 */
export const EXIT_CODES = {
  /** Nothing reached the failure threshold. */
  OK: 0,
  /** `diff --fail-on-change`: the snapshots behave differently (as `diff(1)` exits 1 on a difference). */
  CHANGED: 1,
  /** The command line is wrong: unknown option, bad value, a name the input does not hold (EX_USAGE). */
  USAGE: 64,
  /** The input files are wrong: not YAML/JSON, schema violations, a broken bundle (EX_DATAERR). */
  DATA: 65,
  /** An input file or folder cannot be opened or read (EX_NOINPUT). */
  NO_INPUT: 66,
  /** A tool or service Spillway needs failed: kubectl, the upload target (EX_UNAVAILABLE). */
  UNAVAILABLE: 69,
  /** A bug in Spillway (EX_SOFTWARE). */
  SOFTWARE: 70,
  /** An output file cannot be created or written (EX_CANTCREAT). */
  CANNOT_CREATE: 73,
  /** The service asked to try again later: rate limited or overloaded (EX_TEMPFAIL). */
  TEMPORARY: 75,
  /** The upload target refused the token (EX_NOPERM). */
  NO_PERMISSION: 77,
  /** `analyze`: a finding reached `--failure-threshold` (istioctl's `ExitAnalyzerFoundIssues`). */
  FINDINGS: 79,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

interface ErrorSpec {
  readonly status: number;
  readonly title: string;
  /** GraphQL `extensions.code`; the same name as the code, kept explicit so a rename is a visible change. */
  readonly graphqlCode: string;
  /** Exit code of the command line when this error ends it. */
  readonly exitCode: ExitCode;
}

/** Exhaustive by construction: adding a code without a mapping fails to compile. */
export const ERROR_SPECS: { readonly [C in AppErrorCode]: ErrorSpec } = {
  UNKNOWN_SNAPSHOT: {
    status: 404,
    title: 'Unknown snapshot',
    graphqlCode: 'UNKNOWN_SNAPSHOT',
    exitCode: EXIT_CODES.USAGE,
  },
  UNKNOWN_CLIENT: {
    status: 404,
    title: 'Unknown client',
    graphqlCode: 'UNKNOWN_CLIENT',
    exitCode: EXIT_CODES.USAGE,
  },
  UNKNOWN_BACKEND: {
    status: 404,
    title: 'Unknown backend',
    graphqlCode: 'UNKNOWN_BACKEND',
    exitCode: EXIT_CODES.USAGE,
  },
  AMBIGUOUS_REFERENCE: {
    status: 409,
    title: 'Ambiguous reference',
    graphqlCode: 'AMBIGUOUS_REFERENCE',
    exitCode: EXIT_CODES.USAGE,
  },
  INVALID_REFERENCE: {
    status: 400,
    title: 'Invalid reference',
    graphqlCode: 'INVALID_REFERENCE',
    exitCode: EXIT_CODES.USAGE,
  },
  INVALID_SCENARIO: {
    status: 400,
    title: 'Invalid scenario',
    graphqlCode: 'INVALID_SCENARIO',
    exitCode: EXIT_CODES.USAGE,
  },
  INVALID_PROFILE: {
    status: 400,
    title: 'Invalid profile',
    graphqlCode: 'INVALID_PROFILE',
    exitCode: EXIT_CODES.USAGE,
  },
  INVALID_UPLOAD: {
    status: 422,
    title: 'Invalid snapshot upload',
    graphqlCode: 'INVALID_UPLOAD',
    exitCode: EXIT_CODES.DATA,
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'Payload too large',
    graphqlCode: 'PAYLOAD_TOO_LARGE',
    exitCode: EXIT_CODES.DATA,
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    graphqlCode: 'UNSUPPORTED_MEDIA_TYPE',
    exitCode: EXIT_CODES.DATA,
  },
  INVALID_REQUEST: {
    status: 400,
    title: 'Invalid request',
    graphqlCode: 'BAD_USER_INPUT',
    exitCode: EXIT_CODES.USAGE,
  },
  UNAUTHENTICATED: {
    status: 401,
    title: 'Authentication required',
    graphqlCode: 'UNAUTHENTICATED',
    exitCode: EXIT_CODES.NO_PERMISSION,
  },
  FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    graphqlCode: 'FORBIDDEN',
    exitCode: EXIT_CODES.NO_PERMISSION,
  },
  NOT_FOUND: { status: 404, title: 'Not found', graphqlCode: 'NOT_FOUND', exitCode: EXIT_CODES.USAGE },
  RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    graphqlCode: 'RATE_LIMITED',
    exitCode: EXIT_CODES.TEMPORARY,
  },
  OVERLOADED: {
    status: 503,
    title: 'Service overloaded',
    graphqlCode: 'OVERLOADED',
    exitCode: EXIT_CODES.TEMPORARY,
  },
  /** The database cannot be reached (restarting, failing over, too slow); the client may retry. */
  UNAVAILABLE: {
    status: 503,
    title: 'Service unavailable',
    graphqlCode: 'UNAVAILABLE',
    exitCode: EXIT_CODES.TEMPORARY,
  },
  INPUT_UNREADABLE: {
    status: 400,
    title: 'Input unreadable',
    graphqlCode: 'INPUT_UNREADABLE',
    exitCode: EXIT_CODES.NO_INPUT,
  },
  OUTPUT_UNWRITABLE: {
    status: 500,
    title: 'Output unwritable',
    graphqlCode: 'OUTPUT_UNWRITABLE',
    exitCode: EXIT_CODES.CANNOT_CREATE,
  },
  DEPENDENCY_UNAVAILABLE: {
    status: 502,
    title: 'Dependency unavailable',
    graphqlCode: 'DEPENDENCY_UNAVAILABLE',
    exitCode: EXIT_CODES.UNAVAILABLE,
  },
  INTERNAL: {
    status: 500,
    title: 'Internal error',
    graphqlCode: 'INTERNAL_SERVER_ERROR',
    exitCode: EXIT_CODES.SOFTWARE,
  },
  /** Well-formed but refused: a JSON body with a repeated key or nested past the limit. */
  INVALID_BODY: {
    status: 422,
    title: 'Invalid request body',
    graphqlCode: 'BAD_REQUEST',
    exitCode: EXIT_CODES.DATA,
  },
  URI_TOO_LONG: {
    status: 414,
    title: 'URI too long',
    graphqlCode: 'BAD_REQUEST',
    exitCode: EXIT_CODES.USAGE,
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    title: 'Request header fields too large',
    graphqlCode: 'BAD_REQUEST',
    exitCode: EXIT_CODES.USAGE,
  },
  REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request timeout',
    graphqlCode: 'BAD_REQUEST',
    exitCode: EXIT_CODES.TEMPORARY,
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Method not allowed',
    graphqlCode: 'BAD_REQUEST',
    exitCode: EXIT_CODES.USAGE,
  },
};

/** Base of the `type` URI of every problem; each code has its own page. */
export const PROBLEM_TYPE_BASE = 'https://spillway.dev/problems/';

export function problemType(code: AppErrorCode): string {
  return `${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`;
}
