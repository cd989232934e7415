import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors/appError.js';
import { ref } from '../openapiDocument.js';

/** Under-pressure's per-route handler: returning nothing lets the request through. */
const NEVER_SHED = { pressureHandler: () => undefined };

export const healthRoutes: FastifyPluginAsync<{ isReady: () => Promise<boolean> }> = async (
  app,
  { isReady },
) => {
  // Liveness is never shed: a slow event loop is not a dead process, and an orchestrator restarting a busy
  // replica would only move its load elsewhere. Readiness is shed, so a busy replica leaves the rotation.
  app.get('/healthz', { schema: { response: { 200: ref('Health') } }, config: NEVER_SHED }, () => ({
    status: 'ok',
  }));
  app.get('/readyz', { schema: { response: { 200: ref('Health') } } }, async () => {
    if (!(await isReady())) throw new AppError('UNAVAILABLE', 'The database is not reachable.');
    return { status: 'ready' };
  });
};
