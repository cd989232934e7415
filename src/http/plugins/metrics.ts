/**
 * Prometheus metrics at /metrics. Each app has its own registry, so several apps in one process (tests)
 * never collide on metric names.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Authorizer } from '../auth.js';

const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Metrics {
  readonly registry: Registry;
  readonly uploads: Counter<'outcome'>;
  readonly cacheEvents: Counter<'event'>;
  readonly answerCacheEvents: Counter<'event'>;
  readonly graphqlOperations: Histogram<'operation' | 'outcome'>;
  readonly graphqlResponseCache: Counter<'event'>;
  /** Requests refused before reaching a route: by the HTTP parser or by the router. */
  readonly protocolErrors: Counter<'status'>;
}

export function createMetrics(snapshotCount: () => Promise<number>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'spillway_snapshots',
    help: 'Snapshots stored',
    registers: [registry],
    async collect() {
      // While the database is unreachable the gauge keeps its last value; /readyz reports the outage.
      await snapshotCount().then(
        (count) => this.set(count),
        () => undefined,
      );
    },
  });
  return {
    registry,
    uploads: new Counter({
      name: 'spillway_uploads_total',
      help: 'Snapshot uploads by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    cacheEvents: new Counter({
      name: 'spillway_compiled_cache_total',
      help: 'Compiled-snapshot cache hits and misses',
      labelNames: ['event'],
      registers: [registry],
    }),
    answerCacheEvents: new Counter({
      name: 'spillway_answer_cache_total',
      help: 'Answer cache (by snapshot id and question) hits and misses',
      labelNames: ['event'],
      registers: [registry],
    }),
    graphqlOperations: new Histogram({
      name: 'spillway_graphql_operation_seconds',
      help: 'GraphQL operation latency by operation name and outcome',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers: [registry],
    }),
    graphqlResponseCache: new Counter({
      name: 'spillway_graphql_response_cache_total',
      help: 'GraphQL response-cache hits and misses',
      labelNames: ['event'],
      registers: [registry],
    }),
    protocolErrors: new Counter({
      name: 'spillway_http_protocol_errors_total',
      help: 'Requests refused before reaching a route, by status: by the HTTP parser (400 malformed, 408 too slow, 431 headers too large) or the router (400 bad URL, 414 id too long)',
      labelNames: ['status'],
      registers: [registry],
    }),
  };
}

const UPLOAD_ROUTE = '/v1/snapshots';

/** A bounded label for an upload's outcome, from its status (the body is not re-read). */
export function uploadOutcome(status: number): string {
  if (status === 201) return 'created';
  if (status === 200) return 'duplicate';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'overloaded';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status >= 400 && status < 500) return 'rejected';
  if (status >= 500) return 'error';
  return 'other';
}

/**
 * Instruments every route of `app` (the root instance, so the hook sees all routes, and the refusals of
 * Fastify's router and the not-found handler under route `unmatched`) and serves /metrics, behind a reader
 * token when `requireToken` is set.
 */
export function registerMetrics(
  app: FastifyInstance,
  metrics: Metrics,
  access: { readonly authorizer: Authorizer; readonly requireToken: boolean },
): void {
  const requests = new Histogram({
    name: 'spillway_http_request_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (request.method === 'POST' && route === UPLOAD_ROUTE)
      metrics.uploads.inc({ outcome: uploadOutcome(reply.statusCode) });
  });
  app.get(
    '/metrics',
    access.requireToken
      ? { onRequest: async (request) => access.authorizer.authorize(request, 'reader') }
      : {},
    async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
