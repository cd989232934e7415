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

/** What one answered operation leaves behind, however it was answered. */
export interface OperationRecord {
  /** The histogram label (`operationLabel`). */
  readonly label: string;
  readonly operationName: string | null | undefined;
  readonly elapsedMs: number;
  readonly errorCodes: readonly string[];
  /** Answered by the response cache. */
  readonly cached: boolean;
  /** Answered by the lean path (leanExecution.ts) rather than through Apollo's pipeline. */
  readonly lean?: boolean;
}

/** One latency sample and one log line for an operation (Apollo's or the lean path's). */
export function recordOperation(
  operations: Histogram<'operation' | 'outcome'> | undefined,
  context: Pick<GraphQLContext, 'log' | 'requestId'>,
  record: OperationRecord,
): void {
  operations?.observe(
    { operation: record.label, outcome: record.errorCodes.length === 0 ? 'ok' : 'error' },
    record.elapsedMs / MILLISECONDS_PER_SECOND,
  );
  context.log.info(
    {
      requestId: context.requestId,
      operationName: record.operationName,
      durationMs: roundedMs(record.elapsedMs),
      errorCodes: record.errorCodes,
      ...(record.cached ? { cached: true } : {}),
      ...(record.lean === true ? { lean: true } : {}),
    },
    'graphql operation',
  );
}

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
          recordOperation(operations, contextValue, {
            label: operationLabel(operation),
            operationName,
            elapsedMs: performance.now() - startedMs,
            errorCodes,
            cached: contextValue.cached,
          });
          return Promise.resolve();
        },
      });
    },
  };
}
