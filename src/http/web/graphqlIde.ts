/**
 * `GET /graphql` from a browser: the GraphiQL IDE bundled at build time, so it works on a network with no
 * internet access (Apollo's landing pages load from a CDN and are disabled). Operations, including
 * `GET /graphql?query=…`, still reach Apollo: only a GET without a `query` parameter whose Accept header
 * prefers HTML over every GraphQL response type gets the page, as Apollo decides for its own landing page.
 *
 * Registered without encapsulation (a hook on the app, before the GraphQL plugin), so the GraphQL plugin
 * itself knows nothing of it.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Negotiator from 'negotiator';
import { GRAPHQL_PATH } from '../../graphql/plugin.js';
import type { WebBuild } from './webBuild.js';
import { notBuiltPage } from './webBuild.js';
import { HTML_CACHE_CONTROL, IDE_CSP, setBrowserSecurityHeaders } from './webSecurity.js';

const SERVICE_UNAVAILABLE = 503;
const HTML = 'text/html';
/** The media types Apollo answers an operation with, in its own order of preference. */
const GRAPHQL_RESPONSE_TYPES = ['application/json', 'application/graphql-response+json', 'multipart/mixed'];

export interface GraphqlIdeOptions {
  readonly build: WebBuild;
}

export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined || accept === '') return false;
  return new Negotiator({ headers: { accept } }).mediaType([...GRAPHQL_RESPONSE_TYPES, HTML]) === HTML;
}

function asksForIde(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const url = request.routeOptions.url;
  if (url !== GRAPHQL_PATH && url !== `${GRAPHQL_PATH}/`) return false;
  const query = request.query as Record<string, unknown> | undefined;
  return query?.['query'] === undefined && prefersHtml(request.headers.accept);
}

const graphqlIdePlugin: FastifyPluginAsync<GraphqlIdeOptions> = async (app, { build }) => {
  const { ideHtml } = build;
  app.addHook('onRequest', async (request, reply) => {
    if (!asksForIde(request)) return;
    setBrowserSecurityHeaders(reply, IDE_CSP)
      .header('cache-control', HTML_CACHE_CONTROL)
      .type('text/html; charset=utf-8');
    if (ideHtml === undefined) return reply.code(SERVICE_UNAVAILABLE).send(notBuiltPage('GraphQL IDE'));
    return reply.send(ideHtml);
  });
};

export const graphqlIde = fp(graphqlIdePlugin, { name: 'spillway-graphql-ide', fastify: '5.x' });
