import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import type { Authorizer } from '../auth.js';
import { OPENAPI, OPENAPI_TEXT } from '../openapiDocument.js';

/**
 * Serves the contract raw at /openapi.yaml (always open: it is the published contract) and browsable (Swagger
 * UI, assets bundled, no CDN) at /docs, behind a reader token when `requireToken` is set.
 */
export const docsRoutes: FastifyPluginAsync<{ authorizer: Authorizer; requireToken: boolean }> = async (
  app,
  { authorizer, requireToken },
) => {
  app.get('/openapi.yaml', (_request, reply) =>
    reply.type('application/yaml; charset=utf-8').send(OPENAPI_TEXT),
  );
  // A scope of its own, so the token hook covers every page and asset of the UI and nothing else.
  await app.register(async (ui) => {
    if (requireToken) ui.addHook('onRequest', async (request) => authorizer.authorize(request, 'reader'));
    await ui.register(swagger, { mode: 'static', specification: { document: OPENAPI as never } });
    await ui.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  });
};
