import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from './context.js';
import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_SPECS } from '../errors/errorCodes.js';
import { graphqlCodeOf } from './errors.js';

const MICROSECONDS_PER_MILLISECOND = 1000;

/**
 * One log line per operation on the request's own logger (which carries the Fastify request id): name,
 * duration and the error codes sent, plus the cause of every masked internal error.
 */
export function requestLoggingPlugin(): ApolloServerPlugin<GraphQLContext> {
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
        willSendResponse({ operationName }) {
          const durationMs =
            Math.round((performance.now() - startedMs) * MICROSECONDS_PER_MILLISECOND) /
            MICROSECONDS_PER_MILLISECOND;
          contextValue.log.info(
            { requestId: contextValue.requestId, operationName, durationMs, errorCodes },
            'graphql operation',
          );
          return Promise.resolve();
        },
      });
    },
  };
}
