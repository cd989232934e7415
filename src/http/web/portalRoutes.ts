/**
 * The portal at `/`: one HTML page whose deep links live in the query string (`/?snapshot=…&client=…`), and
 * its hashed assets under `/assets/`. Nothing else is served from the build directory, so an unknown path
 * still gets the service's problem+json 404.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { WebBuild } from './webBuild.js';
import { notBuiltPage } from './webBuild.js';
import {
  ASSET_CACHE_CONTROL,
  HTML_CACHE_CONTROL,
  PORTAL_CSP,
  setBrowserSecurityHeaders,
} from './webSecurity.js';

export const PORTAL_PATH = '/';
export const ASSETS_PREFIX = '/assets/';
const SERVICE_UNAVAILABLE = 503;

export interface PortalRoutesOptions {
  readonly build: WebBuild;
}

export const portalRoutes: FastifyPluginAsync<PortalRoutesOptions> = async (app, { build }) => {
  const { portalHtml, assetsDir } = build;
  app.get(PORTAL_PATH, (_request, reply) => {
    setBrowserSecurityHeaders(reply, PORTAL_CSP)
      .header('cache-control', HTML_CACHE_CONTROL)
      .type('text/html; charset=utf-8');
    return portalHtml ?? reply.code(SERVICE_UNAVAILABLE).send(notBuiltPage('portal'));
  });
  if (assetsDir === undefined) return;
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: ASSETS_PREFIX,
    // Another static root (Swagger UI's) decorates replies already; this one only serves its prefix.
    decorateReply: false,
    index: false,
    dotfiles: 'deny',
    // The build writes `name.gz` beside each large asset (vite.config.ts); sent to browsers that accept gzip.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply) => {
      setBrowserSecurityHeaders(reply, PORTAL_CSP).header('cache-control', ASSET_CACHE_CONTROL);
    },
  });
};
