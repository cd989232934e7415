/**
 * One GraphQL error envelope: failures of the shared vocabulary carry `extensions.code` from
 * `ERROR_SPECS` plus their details (close matches, candidates); GraphQL's and Apollo's own errors
 * (validation, parsing, variable coercion) keep their codes; anything else is masked.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { EngineError } from '../engine/index.js';
import { AppError } from '../errors/appError.js';
import { ERROR_SPECS } from '../errors/errorCodes.js';
import { toAppError } from '../errors/toAppError.js';
import { isGraphQLError } from './apolloGraphQLError.js';

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';
const INTERNAL_GRAPHQL_CODE = ERROR_SPECS.INTERNAL.graphqlCode;
/** Apollo's code for a request it refuses as malformed. */
const BAD_REQUEST_CODE = 'BAD_REQUEST';

/**
 * The code of one of GraphQL's or Apollo's own errors. A few of Apollo's refusals of a client's request
 * carry only an HTTP status (a persisted query whose hash does not match its text: 400); they are the
 * client's mistake, so they get Apollo's client code rather than its default INTERNAL_SERVER_ERROR.
 */
function ownCodeOf(error: GraphQLError): string {
  const code = error.extensions['code'];
  if (typeof code === 'string') return code;
  const http = error.extensions['http'];
  const status =
    typeof http === 'object' && http !== null ? (http as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500
    ? BAD_REQUEST_CODE
    : INTERNAL_GRAPHQL_CODE;
}

type Classified =
  | { readonly kind: 'app'; readonly error: AppError }
  | { readonly kind: 'graphql'; readonly error: GraphQLError }
  | { readonly kind: 'unknown' };

function classify(error: unknown): Classified {
  const original = unwrapResolverError(error);
  if (original instanceof AppError || original instanceof EngineError) {
    const app = toAppError(original);
    return app.code === 'INTERNAL' ? { kind: 'unknown' } : { kind: 'app', error: app };
  }
  if (isGraphQLError(original)) {
    // GraphQL's and Apollo's own errors wrap nothing or another GraphQLError; a wrapped foreign error
    // (e.g. "Unexpected error processing request: …") could carry an internal message.
    const cause = original.originalError;
    if (cause === undefined || cause === null || isGraphQLError(cause))
      return { kind: 'graphql', error: original };
    return cause instanceof AppError || cause instanceof EngineError ? classify(cause) : { kind: 'unknown' };
  }
  return { kind: 'unknown' };
}

/** The `extensions.code` a client sees for this error; also what the request log records. */
export function graphqlCodeOf(error: unknown): string {
  const classified = classify(error);
  switch (classified.kind) {
    case 'app':
      return ERROR_SPECS[classified.error.code].graphqlCode;
    case 'graphql':
      return ownCodeOf(classified.error);
    case 'unknown':
      return INTERNAL_GRAPHQL_CODE;
  }
}

/** A refusal before Apollo runs (authentication): its HTTP status and GraphQL's error shape. */
export function contextErrorBody(error: unknown): {
  readonly status: number;
  readonly body: { readonly errors: readonly GraphQLFormattedError[] };
} {
  const app = toAppError(error);
  const spec = ERROR_SPECS[app.code];
  const message = app.code === 'INTERNAL' ? INTERNAL_ERROR_MESSAGE : app.message;
  return { status: spec.status, body: { errors: [{ message, extensions: { code: spec.graphqlCode } }] } };
}

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** `exposeStack` keeps Apollo's `extensions.stacktrace` (development only); otherwise none is sent. */
export function createFormatError(options: { readonly exposeStack: boolean }): FormatError {
  return (formatted, error) => {
    const classified = classify(error);
    const stack =
      options.exposeStack && formatted.extensions?.['stacktrace'] !== undefined
        ? { stacktrace: formatted.extensions['stacktrace'] }
        : {};
    const where = {
      ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
      ...(formatted.path === undefined ? {} : { path: formatted.path }),
    };
    switch (classified.kind) {
      case 'app':
        return {
          message: classified.error.message,
          ...where,
          extensions: {
            ...classified.error.details,
            code: ERROR_SPECS[classified.error.code].graphqlCode,
            ...stack,
          },
        };
      case 'graphql': {
        const extensions = Object.entries(formatted.extensions ?? {}).filter(([key]) => key !== 'stacktrace');
        return {
          ...formatted,
          extensions: { ...Object.fromEntries(extensions), code: ownCodeOf(classified.error), ...stack },
        };
      }
      case 'unknown':
        return {
          message: INTERNAL_ERROR_MESSAGE,
          ...where,
          extensions: { code: INTERNAL_GRAPHQL_CODE, ...stack },
        };
    }
  };
}
