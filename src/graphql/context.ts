import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/types.js';

/** What every resolver receives: the one service layer, plus the request's id and logger for tracing. */
export interface GraphQLContext {
  readonly services: Services;
  readonly requestId: string;
  readonly log: FastifyBaseLogger;
  /** Set when the response cache answered, so the operation's log line says so. */
  cached: boolean;
}
