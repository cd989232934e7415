import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors/appError.js';
import { ref } from '../openapiDocument.js';

export const healthRoutes: FastifyPluginAsync<{ isReady: () => Promise<boolean> }> = async (
  app,
  { isReady },
) => {
  app.get('/healthz', { schema: { response: { 200: ref('Health') } } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { response: { 200: ref('Health') } } }, async () => {
    if (!(await isReady())) throw new AppError('UNAVAILABLE', 'The database is not reachable.');
    return { status: 'ready' };
  });
};
