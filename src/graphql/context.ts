import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/types.js';

/** What Apollo learnt while answering, for the adapter around it (the response cache, metrics). */
export interface OperationOutcome {
  /** A query answered in one piece without any error: the response may be kept. */
  cacheable: boolean;
  /** The operation's top-level fields (`effectivePolicy`, `whatIf`…), or `invalid`. */
  operation: string;
}

/** What every resolver receives: the one service layer, plus the request's id and logger for tracing. */
export interface GraphQLContext {
  readonly services: Services;
  readonly requestId: string;
  readonly log: FastifyBaseLogger;
  readonly outcome: OperationOutcome;
}
