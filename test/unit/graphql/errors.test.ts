import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/engine/index.js';
import { AppError } from '../../../src/errors/appError.js';
import { ERROR_SPECS, type AppErrorCode } from '../../../src/errors/errorCodes.js';
import { ApolloGraphQLError } from '../../../src/graphql/apolloGraphQLError.js';
import {
  createFormatError,
  graphqlCodeOf,
  INTERNAL_ERROR_MESSAGE,
  contextErrorBody,
} from '../../../src/graphql/errors.js';

/** What Apollo hands formatError for an error thrown by a resolver at `path`. */
function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['effectivePolicy'], originalError: original });
}
const formattedOf = (error: GraphQLError): GraphQLFormattedError => ({
  ...error.toJSON(),
  extensions: { ...error.extensions, stacktrace: ['Error: at secret.ts:1'] },
});

const production = createFormatError({ exposeStack: false });
const development = createFormatError({ exposeStack: true });

const codes = Object.keys(ERROR_SPECS).filter((code) => code !== 'INTERNAL') as AppErrorCode[];

describe('formatError', () => {
  it.each(codes)('maps AppError %s to its graphqlCode with details', (code) => {
    const error = resolverError(new AppError(code, `failure ${code}`, { closest: ['a', 'b'] }));
    const out = production(formattedOf(error), error);
    expect(out).toEqual({
      message: `failure ${code}`,
      path: ['effectivePolicy'],
      extensions: { code: ERROR_SPECS[code].graphqlCode, closest: ['a', 'b'] },
    });
  });

  it.each([
    ['UNKNOWN_CLIENT', { closest: ['httpbin/client'] }],
    ['AMBIGUOUS_REFERENCE', { candidates: ['c1/ns/a', 'c2/ns/a'] }],
    ['INVALID_SCENARIO', { field: 'loadFactor' }],
  ] as const)('maps EngineError %s with its details', (code, details) => {
    const error = resolverError(new EngineError(code, 'engine says no', details));
    expect(production(formattedOf(error), error).extensions).toEqual({
      ...details,
      code: ERROR_SPECS[code].graphqlCode,
    });
  });

  it('does not let details override the code', () => {
    const error = resolverError(new AppError('UNKNOWN_BACKEND', 'x', { code: 'SPOOFED' }));
    expect(production(formattedOf(error), error).extensions?.['code']).toBe('UNKNOWN_BACKEND');
  });

  it.each([
    ['a plain Error', new Error('ENOENT /var/lib/spillway/secret.db')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'hops')")],
    ['an INTERNAL AppError', new AppError('INTERNAL', 'pool exhausted at db.ts:42')],
  ])('masks %s', (_name, original) => {
    const error = resolverError(original);
    const out = production(formattedOf(error), error);
    expect(out).toEqual({
      message: INTERNAL_ERROR_MESSAGE,
      path: ['effectivePolicy'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('masks a foreign error that Apollo wrapped without a path', () => {
    const error = new ApolloGraphQLError('Context creation failed: connect ECONNREFUSED 10.0.0.5', {
      originalError: new Error('ECONNREFUSED'),
    });
    expect(production(formattedOf(error), error).message).toBe(INTERNAL_ERROR_MESSAGE);
  });

  it.each([
    [
      'GRAPHQL_VALIDATION_FAILED',
      new GraphQLError('Cannot query field "x" on type "Query".', {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ],
    [
      'BAD_USER_INPUT',
      new ApolloGraphQLError('Variable "$p" got invalid value "X".', {
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ],
  ])("keeps GraphQL's own %s errors, without a stack in production", (code, error) => {
    const out = production(formattedOf(error), error);
    expect(out.message).toBe(error.message);
    expect(out.extensions).toEqual({ code });
  });

  it('keeps the stack trace in development only', () => {
    const error = resolverError(new Error('boom'));
    expect(development(formattedOf(error), error).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      stacktrace: ['Error: at secret.ts:1'],
    });
    expect(production(formattedOf(error), error).extensions).not.toHaveProperty('stacktrace');
  });
});

describe('graphqlCodeOf / contextErrorBody', () => {
  it.each([
    [resolverError(new AppError('UNKNOWN_SNAPSHOT', 'x')), 'UNKNOWN_SNAPSHOT'],
    [resolverError(new AppError('UNAVAILABLE', 'x')), 'UNAVAILABLE'],
    [resolverError(new AppError('INVALID_REQUEST', 'x')), 'BAD_USER_INPUT'],
    [resolverError(new Error('x')), 'INTERNAL_SERVER_ERROR'],
    [new GraphQLError('x', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }), 'GRAPHQL_PARSE_FAILED'],
    [new GraphQLError('x'), 'INTERNAL_SERVER_ERROR'],
    // Apollo's refusal of a persisted query whose hash does not match: a status, no code.
    [
      new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } }),
      'BAD_REQUEST',
    ],
  ])('%#: code %s', (error, code) => {
    expect(graphqlCodeOf(error)).toBe(code);
  });

  it.each([
    [
      new AppError('UNAUTHENTICATED', 'A bearer token is required.'),
      'UNAUTHENTICATED',
      401,
      'A bearer token is required.',
    ],
    [new AppError('FORBIDDEN', 'no'), 'FORBIDDEN', 403, 'no'],
    [new Error('secret'), 'INTERNAL_SERVER_ERROR', 500, INTERNAL_ERROR_MESSAGE],
  ])('refusal before Apollo %#', (thrown, code, status, message) => {
    expect(contextErrorBody(thrown)).toEqual({
      status,
      body: { errors: [{ message, extensions: { code } }] },
    });
  });
});
