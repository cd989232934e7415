import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/types.js';

/** What every resolver receives: the one service layer, plus the request's id and logger for tracing. */
export interface GraphQLContext {
  readonly services: Services;
  readonly requestId: string;
  readonly log: FastifyBaseLogger;
}
