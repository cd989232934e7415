import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors/appError.js';
import { ref } from '../openapiDocument.js';

export const healthRoutes: FastifyPluginAsync<{ isReady: () => boolean }> = async (app, { isReady }) => {
  app.get('/healthz', { schema: { response: { 200: ref('Health') } } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { response: { 200: ref('Health') } } }, () => {
    if (!isReady()) throw new AppError('OVERLOADED', 'The database is not reachable.');
    return { status: 'ready' };
  });
};
