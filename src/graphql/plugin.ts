/**
 * GraphQL for portals at `/graphql`: Apollo Server over the shared service layer, with query limits,
 * CSRF prevention, no batching, a CORS allow-list, reader auth and one log line per operation.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Counter, Histogram } from 'prom-client';
import type { Config } from '../config.js';
import type { Authorizer } from '../http/auth.js';
import type { Services } from '../services/types.js';
import { createArmor } from './armor.js';
import type { GraphQLContext, OperationOutcome } from './context.js';
import { createFormatError, toContextError } from './errors.js';
import { recordCachedOperation, requestLoggingPlugin } from './requestLogging.js';
import {
  cacheabilityPlugin,
  createResponseCache,
  newOperationOutcome,
  responseCacheKey,
} from './responseCache.js';
import { resolvers } from './resolvers/index.js';
import { buildValidSchema, loadTypeDefs } from './schema.js';

export interface GraphqlPluginOptions {
  readonly config: Config;
  readonly services: Services;
  readonly authorizer: Authorizer;
  /** Operation latency by top-level fields and outcome (Prometheus). */
  readonly operationMetrics?: Histogram<'operation' | 'outcome'>;
  /** Response-cache hits and misses (Prometheus). */
  readonly responseCacheEvents?: Counter<'event'>;
}

export const GRAPHQL_PATH = '/graphql';
/** How long a browser may reuse a preflight answer. */
const CORS_PREFLIGHT_MAX_AGE_SECONDS = 600;
const OK = 200;

/**
 * Stopping Apollo drains Fastify (fastifyApolloDrainPlugin closes it). When Fastify's own close is what stops
 * Apollo, that drain would wait on the close in progress, forever; it is skipped then.
 */
function drainUnlessFastifyCloses(
  app: FastifyInstance,
  fastifyClosing: () => boolean,
): ApolloServerPlugin<GraphQLContext> {
  const drain = fastifyApolloDrainPlugin<GraphQLContext>(app);
  return {
    async serverWillStart(service) {
      const listener = await drain.serverWillStart?.(service);
      return {
        async drainServer() {
          if (!fastifyClosing()) await listener?.drainServer?.();
        },
      };
    },
  };
}

export const graphqlPlugin: FastifyPluginAsync<GraphqlPluginOptions> = async (
  app,
  { config, services, authorizer, operationMetrics, responseCacheEvents },
) => {
  let fastifyClosing = false;
  const typeDefs = loadTypeDefs();
  buildValidSchema(typeDefs);
  const armor = createArmor(config.graphql);
  // Apollo's landing pages load from a CDN; the bundled, offline IDE answers browsers instead (graphqlIde.ts).
  const landingPage: ApolloServerPlugin = ApolloServerPluginLandingPageDisabled();
  const drain = drainUnlessFastifyCloses(app, () => fastifyClosing);
  // graphql-armor is typed against Apollo's CommonJS declarations and this module against its ESM ones: the
  // same interface declared twice, which TypeScript cannot unify.
  const armorPlugins = armor.plugins as unknown as ApolloServerPlugin[];
  const logging: ApolloServerPlugin<GraphQLContext> = requestLoggingPlugin(operationMetrics);
  // No HTTP caching of answers (snapshots are immutable, but auth and profile vary): the cache-control plugin
  // Apollo installs by default would only wrap every field resolver for nothing.
  const cacheControl: ApolloServerPlugin = ApolloServerPluginCacheControlDisabled();
  // Armor's plugins are merged with Apollo's own, never replaced by them (or the other way round).
  const plugins: ApolloServerPlugin<GraphQLContext>[] = [
    ...armorPlugins,
    drain,
    landingPage,
    cacheControl,
    logging,
    cacheabilityPlugin(),
  ];
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs,
    resolvers,
    plugins,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: config.graphql.maxTokens },
    formatError: createFormatError({ exposeStack: config.env === 'development' }),
    includeStacktraceInErrorResponses: config.env === 'development',
    introspection: config.graphql.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Shutdown belongs to the process entry (server.ts), which closes Fastify and with it Apollo.
    stopOnTerminationSignals: false,
    logger: app.log,
    // Compact JSON: Apollo's default indents every answer, a third more bytes to build and send.
    stringifyResult: (value) => JSON.stringify(value),
  });
  await apollo.start();
  app.addHook('onClose', async () => {
    fastifyClosing = true;
    await apollo.stop();
  });

  const outcomes = new WeakMap<FastifyRequest, OperationOutcome>();
  const context = (request: FastifyRequest): Promise<GraphQLContext> => {
    try {
      authorizer.authorize(request, 'reader');
    } catch (error) {
      return Promise.reject(toContextError(error));
    }
    const outcome = newOperationOutcome();
    outcomes.set(request, outcome);
    return Promise.resolve({ services, requestId: request.id, log: request.log, outcome });
  };
  const apolloHandler = fastifyApolloHandler(apollo, { context });
  const responseCache = createResponseCache(config.graphql.responseCacheBytes);
  const mayRead = (request: FastifyRequest): boolean => {
    try {
      authorizer.authorize(request, 'reader');
      return true;
    } catch {
      return false;
    }
  };

  // A repeated question is answered before Apollo when the cache holds it; everything else (and every
  // refused caller, so that Apollo words the refusal) goes through Apollo, and a cacheable answer is kept.
  const handler: typeof apolloHandler = async function (request, reply) {
    const key = responseCache === undefined ? undefined : responseCacheKey(request);
    if (responseCache === undefined || key === undefined) return apolloHandler.call(this, request, reply);
    const startedMs = performance.now();
    const version = services.snapshots.catalogueVersion();
    const hit = mayRead(request) ? responseCache.get(key, version) : undefined;
    responseCacheEvents?.inc({ event: hit ? 'hit' : 'miss' });
    if (hit) {
      const { operationName } = request.body as { operationName?: unknown };
      recordCachedOperation(
        request.log,
        {
          requestId: request.id,
          operationName: typeof operationName === 'string' ? operationName : undefined,
          operation: hit.operation,
          elapsedMs: performance.now() - startedMs,
        },
        operationMetrics,
      );
      void reply.code(OK).header('content-type', hit.contentType);
      return hit.body;
    }
    const body = await apolloHandler.call(this, request, reply);
    const outcome = outcomes.get(request);
    const contentType = reply.getHeader('content-type');
    if (
      outcome?.cacheable &&
      reply.statusCode === OK &&
      typeof body === 'string' &&
      typeof contentType === 'string'
    )
      responseCache.set(key, version, { body, contentType, operation: outcome.operation });
    return body;
  };

  // A scope of its own so CORS (hooks and its OPTIONS route) applies to /graphql only.
  await app.register(
    async (scope) => {
      if (config.cors.origins.length > 0) {
        await scope.register(cors, {
          origin: [...config.cors.origins],
          methods: ['GET', 'POST'],
          maxAge: CORS_PREFLIGHT_MAX_AGE_SECONDS,
        });
        // The CORS hook answers allowed preflights before this handler; the rest are not found.
        scope.options('/', (_request, reply) => {
          reply.callNotFound();
        });
      }
      scope.route({ method: ['GET', 'POST'], url: '/', handler });
    },
    { prefix: GRAPHQL_PATH },
  );
};
