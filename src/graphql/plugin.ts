/**
 * GraphQL for portals at `/graphql`: Apollo Server over the shared service layer, with query limits (shape,
 * tokens, evaluations), queries only, CSRF prevention, no batching, a CORS allow-list, and reader auth before
 * the body is read. Everything after auth happens inside Apollo's request path, once for every operation:
 * one log line and one latency sample each, whether the response cache answered it or the engine.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Counter, Histogram } from 'prom-client';
import type { Config } from '../config.js';
import type { Authorizer } from '../http/auth.js';
import type { Services } from '../services/types.js';
import { createArmor } from './armor.js';
import { createCompiledExecution } from './compiledExecution.js';
import type { GraphQLContext } from './context.js';
import { contextErrorBody, createFormatError } from './errors.js';
import { evaluationBudgetPlugin } from './evaluationBudget.js';
import { createLeanExecution } from './leanExecution.js';
import { queriesOnly } from './queriesOnly.js';
import { requestLoggingPlugin } from './requestLogging.js';
import { createResponseCache, responseCachePlugin, type CatalogueVersionSource } from './responseCache.js';
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
  /** What the response cache checks its entries against; by default the local catalogue's version. */
  readonly catalogue?: CatalogueVersionSource;
}

export const GRAPHQL_PATH = '/graphql';
/** How long a browser may reuse a preflight answer. */
const CORS_PREFLIGHT_MAX_AGE_SECONDS = 600;
/** A refused caller gets GraphQL's error shape (and the scheme to authenticate with on a 401). */
function refuse(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = contextErrorBody(error);
  if (status === 401) void reply.header('www-authenticate', 'Bearer realm="spillway"');
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

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
  { config, services, authorizer, operationMetrics, responseCacheEvents, catalogue },
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
  const responseCache = createResponseCache(config.graphql.responseCacheBytes);
  const versions: CatalogueVersionSource = catalogue ?? {
    current: () => services.snapshots.catalogueVersion(),
  };
  const execution = createCompiledExecution(typeDefs, resolvers);
  const context = (request: FastifyRequest): GraphQLContext => {
    const precomputed = lean.handedOver(request);
    return {
      services,
      requestId: request.id,
      log: request.log,
      cached: false,
      ...(precomputed === undefined ? {} : { precomputed }),
    };
  };
  const lean = createLeanExecution({
    execution,
    maxEvaluations: config.graphql.maxEvaluations,
    context,
    ...(operationMetrics === undefined ? {} : { operationMetrics }),
    ...(responseCache === undefined
      ? {}
      : {
          responseCache: {
            cache: responseCache,
            catalogue: versions,
            ...(responseCacheEvents === undefined ? {} : { events: responseCacheEvents }),
          },
        }),
  });
  // Armor's plugins are merged with Apollo's own, never replaced by them (or the other way round).
  const plugins: ApolloServerPlugin<GraphQLContext>[] = [
    lean.plugin,
    ...armorPlugins,
    drain,
    landingPage,
    cacheControl,
    logging,
    evaluationBudgetPlugin(config.graphql.maxEvaluations),
    ...(responseCache === undefined
      ? []
      : [
          responseCachePlugin({
            cache: responseCache,
            catalogue: versions,
            ...(responseCacheEvents === undefined ? {} : { events: responseCacheEvents }),
          }),
        ]),
  ];
  const apollo = new ApolloServer<GraphQLContext>({
    gateway: execution.gateway,
    plugins,
    validationRules: [...armor.validationRules, queriesOnly],
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

  const apolloHandler = fastifyApolloHandler(apollo, {
    context: (request: FastifyRequest) => Promise.resolve(context(request)),
  });
  // A document Apollo has accepted is answered by the lean path; whatever it does not answer, Apollo does.
  type ApolloHandler = typeof apolloHandler;
  const handler = async (
    request: Parameters<ApolloHandler>[0],
    reply: Parameters<ApolloHandler>[1],
  ): Promise<string | void> => {
    const body = await lean.answer(request, reply);
    if (body !== undefined) return body;
    const answered = await apolloHandler.call(app, request, reply);
    lean.learn(request, reply);
    return answered;
  };
  // The caller is known before a byte of the body is read, so an unauthenticated body is never parsed.
  const authenticate = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      authorizer.authorize(request, 'reader');
    } catch (error) {
      await refuse(reply, error);
    }
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
      scope.route({ method: ['GET', 'POST'], url: '/', onRequest: authenticate, handler });
    },
    { prefix: GRAPHQL_PATH },
  );
};
