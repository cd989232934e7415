import type { FastifyBaseLogger } from 'fastify';
import type { ExecutionResult } from 'graphql';
import type { Services } from '../services/types.js';

/** What every resolver receives: the one service layer, plus the request's id and logger for tracing. */
export interface GraphQLContext {
  readonly services: Services;
  readonly requestId: string;
  readonly log: FastifyBaseLogger;
  /** Set when the response cache answered, so the operation's log line says so. */
  cached: boolean;
  /**
   * The result the lean path (leanExecution.ts) computed for this request before handing it to Apollo, which
   * then answers with it instead of executing the operation again. Only results with errors are handed over.
   */
  readonly precomputed?: ExecutionResult;
}
