/**
 * Builds the Fastify application; never listens. Plugins are registered in a fixed order: cross-cutting
 * concerns first (errors, schemas, load shedding, rate limits), then storage and services, then the
 * adapters (REST, the portal, GraphQL, Slack) over the one service layer.
 */
import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openStore } from './db/openStore.js';
import { AppError } from './errors/appError.js';
import { graphqlPlugin } from './graphql/plugin.js';
import { createAuthorizer } from './http/auth.js';
import { componentSchemas } from './http/openapiDocument.js';
import { createMetrics, registerMetrics, type Metrics } from './http/plugins/metrics.js';
import { createClientErrorHandler } from './http/clientErrors.js';
import {
  createNotFoundHandler,
  errorHandler,
  createFrameworkErrorHandler,
  routeTable,
  sendProblem,
} from './http/problem.js';
import { registerRequestBodies } from './http/requestBody.js';
import { registerSecurityHeaders } from './http/securityHeaders.js';
import { docsRoutes } from './http/routes/docs.js';
import { healthRoutes } from './http/routes/health.js';
import { snapshotRoutes } from './http/routes/snapshots.js';
import { graphqlIde } from './http/web/graphqlIde.js';
import { portalRoutes } from './http/web/portalRoutes.js';
import { loadWebBuild, type WebBuild } from './http/web/webBuild.js';
import { createServices } from './services/createServices.js';
import { importExamples } from './services/importExamples.js';
import type { SnapshotAdminService } from './services/snapshotService.js';
import type { SnapshotStore } from './services/snapshotStore.js';
import { createUploadParser } from './services/uploadParser.js';
import type { Services } from './services/types.js';
import { slackPlugin } from './slack/plugin.js';

/** Request ids from a proxy are kept only when they look like ids, so logs cannot be forged through them. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** Ids and names in paths: up to 253 characters, the longest the contract allows (a DNS name's length). */
const MAX_PATH_PARAMETER_LENGTH = 253;
/** Nesting of JSON request bodies other than uploads (GraphQL variables are a few levels deep). */
const REQUEST_JSON_MAX_DEPTH = 64;
/** How often Node checks connections against the request and headers timeouts (its default is 30 s). */
const CONNECTIONS_CHECK_INTERVAL_MS = 1_000;

declare module 'fastify' {
  interface FastifyInstance {
    readonly spillway: {
      readonly services: Services;
      readonly snapshots: SnapshotAdminService;
      readonly store: SnapshotStore;
      readonly metrics: Metrics;
      /** Every route registered, for the contract test against openapi.yaml. */
      readonly routes: readonly { readonly method: string; readonly url: string }[];
    };
  }
}

export interface AppDeps {
  /** Replaces global fetch for outbound calls (Slack response_url); tests deliver to a local receiver. */
  readonly fetchImpl?: typeof fetch;
  /** The portal's and IDE's built pages; default `dist/web/` as `npm run build` leaves it. */
  readonly webBuild?: WebBuild;
  /** The upload parser's worker module; tests give one that stalls on demand. */
  readonly uploadWorkerEntry?: URL;
}

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  // The store opens once load shedding is in place (below); until then the gauge keeps its last value.
  let snapshotCount = (): Promise<number> => Promise.reject(new Error('The store is not open yet.'));
  const metrics = createMetrics(() => snapshotCount());
  const onClientError = createClientErrorHandler(metrics.protocolErrors, {
    info: (object, message) => app.log.info(object, message),
  });
  const app = Fastify({
    logger: { level: config.server.logLevel },
    trustProxy: config.server.trustProxy,
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.idleTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    http: {
      headersTimeout: config.http.headersTimeoutMs,
      connectionsCheckingInterval: CONNECTIONS_CHECK_INTERVAL_MS,
    },
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    frameworkErrors: createFrameworkErrorHandler((status) =>
      metrics.protocolErrors.inc({ status: String(status) }),
    ),
    clientErrorHandler: onClientError,
    // genReqId reads the header itself, so an unsafe id from a client is replaced rather than trusted.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // 1. One error envelope for everything below, the same headers on every answer, one way to admit bodies.
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(createNotFoundHandler(routeTable(routes)));
  for (const schema of componentSchemas()) app.addSchema(schema);
  registerSecurityHeaders(app);
  registerRequestBodies(app, { jsonMaxDepth: REQUEST_JSON_MAX_DEPTH });

  // 2. Shed load before doing work: better-sqlite3 and the engine are synchronous. Rate limits count in
  //    the database when replicas share one (PostgreSQL).
  await app.register(underPressure, {
    maxEventLoopDelay: config.loadShedding.maxEventLoopDelayMs,
    exposeStatusRoute: false,
    pressureHandler: (_request, reply) => {
      void sendProblem(reply, new AppError('OVERLOADED', 'The service is overloaded; retry shortly.'));
    },
  });
  // The store opens here, before the rate limiter, which counts in it when replicas share a database.
  const { store, rateLimitStore, slackDeliveries } = await openStore(config.db, (error, message) =>
    app.log.warn({ err: error }, message),
  );
  app.addHook('onClose', async () => store.close());
  snapshotCount = () => store.count();
  await app.register(rateLimit, {
    global: false,
    ...(rateLimitStore ? { store: rateLimitStore } : {}),
    errorResponseBuilder: () => new AppError('RATE_LIMITED', 'Too many uploads; retry later.'),
  });

  // 3. Storage and the service layer.
  const parser = createUploadParser(config.upload, deps.uploadWorkerEntry);
  app.addHook('onClose', async () => parser.close());
  const { services, snapshots } = createServices(store, config, parser, {
    onCompiledCache: (event) => metrics.cacheEvents.inc({ event }),
    onAnswerCache: (event) => metrics.answerCacheEvents.inc({ event }),
    onError: (error, message) => app.log.warn({ err: error }, message),
  });
  app.decorate('spillway', { services, snapshots, store, metrics, routes });
  const authorizer = createAuthorizer(config);
  if (authorizer.open)
    app.log.warn('SPILLWAY_API_TOKENS is not set: every client can read and write snapshots.');

  // 4. Adapters.
  registerMetrics(app, metrics, { authorizer, requireToken: config.http.metricsRequireToken });
  await app.register(healthRoutes, {
    isReady: () =>
      store.ping().then(
        () => true,
        () => false,
      ),
  });
  await app.register(docsRoutes, { authorizer, requireToken: config.http.docsRequireToken });
  await app.register(snapshotRoutes, { config, snapshots, policy: services.policy, authorizer });
  const webBuild = deps.webBuild ?? loadWebBuild();
  await app.register(portalRoutes, { build: webBuild });
  // Before the GraphQL plugin: its hook answers browsers at GET /graphql ahead of Apollo.
  if (config.graphql.ide) await app.register(graphqlIde, { build: webBuild });
  await app.register(graphqlPlugin, {
    config,
    services,
    authorizer,
    operationMetrics: metrics.graphqlOperations,
    responseCacheEvents: metrics.graphqlResponseCache,
  });
  if (config.slack.signingSecret !== undefined) {
    await app.register(slackPlugin, {
      config,
      services,
      deliveries: slackDeliveries,
      ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
    });
  }

  // 5. First start: a database with nothing in it gets the bundled examples.
  if (config.examples.importOnEmpty && (await snapshots.count()) === 0) {
    const imported = await importExamples(snapshots);
    app.log.info({ imported }, 'imported the bundled example snapshots');
  }
  return app;
}
