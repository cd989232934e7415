import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Histogram } from 'prom-client';
import type { GraphQLContext } from './context.js';
import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_SPECS } from '../errors/errorCodes.js';
import { graphqlCodeOf } from './errors.js';

const MICROSECONDS_PER_MILLISECOND = 1000;
const MILLISECONDS_PER_SECOND = 1000;

/** The histogram label of an operation: its top-level fields, sorted; `invalid` when none was resolved. */
export function operationLabel(operation: OperationDefinitionNode | undefined): string {
  return (
    operation?.selectionSet.selections
      .map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : '…'))
      .sort()
      .join(',') ?? 'invalid'
  );
}

const roundedMs = (elapsedMs: number): number =>
  Math.round(elapsedMs * MICROSECONDS_PER_MILLISECOND) / MICROSECONDS_PER_MILLISECOND;

/**
 * One log line per operation on the request's own logger (which carries the Fastify request id): name,
 * duration and the error codes sent, plus the cause of every masked internal error. The latency histogram
 * is labelled by the operation's top-level fields (`effectivePolicy`, `whatIf`…), never by the client's
 * `operationName`, which a client may set to anything and so would grow the series without bound.
 */
export function requestLoggingPlugin(
  operations?: Histogram<'operation' | 'outcome'>,
): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart({ contextValue }) {
      const startedMs = performance.now();
      const errorCodes: string[] = [];
      return Promise.resolve({
        didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = graphqlCodeOf(error);
            errorCodes.push(code);
            // The client sees a masked message; the cause stays in the server's log.
            if (code === ERROR_SPECS.INTERNAL.graphqlCode)
              contextValue.log.error({ err: unwrapResolverError(error) }, 'graphql internal error');
          }
          return Promise.resolve();
        },
        willSendResponse({ operationName, operation }) {
          const elapsedMs = performance.now() - startedMs;
          operations?.observe(
            { operation: operationLabel(operation), outcome: errorCodes.length === 0 ? 'ok' : 'error' },
            elapsedMs / MILLISECONDS_PER_SECOND,
          );
          contextValue.log.info(
            {
              requestId: contextValue.requestId,
              operationName,
              durationMs: roundedMs(elapsedMs),
              errorCodes,
              ...(contextValue.cached ? { cached: true } : {}),
            },
            'graphql operation',
          );
          return Promise.resolve();
        },
      });
    },
  };
}
