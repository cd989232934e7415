/**
 * Headers every answer carries: API answers are never stored by a browser or a proxy (they depend on the
 * caller's token and on snapshots that come and go), and no browser guesses a content type other than the
 * one sent. Static documentation assets keep the caching headers their plugin sets.
 */
import type { FastifyInstance } from 'fastify';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    }
  });
}
