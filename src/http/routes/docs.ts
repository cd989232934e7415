import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { OPENAPI, OPENAPI_TEXT } from '../openapiDocument.js';

/** Serves the contract raw at /openapi.yaml and browsable (Swagger UI, assets bundled, no CDN) at /docs. */
export const docsRoutes: FastifyPluginAsync = async (app) => {
  await app.register(swagger, { mode: 'static', specification: { document: OPENAPI as never } });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.yaml', (_request, reply) =>
    reply.type('application/yaml; charset=utf-8').send(OPENAPI_TEXT),
  );
};
