import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { generateMesh } from '../../../bench/generateMesh.js';
import { uploadOutcome } from '../../../src/http/plugins/metrics.js';
import { buildTestApp, graphql } from '../../helpers/buildTestApp.js';

/** The value of one sample in Prometheus text format, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = new Map(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => present.get(k) === v)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(String(response.headers['content-type'])).toMatch(/^text\/plain/);
  return response.body;
}

/** Functional checks here must not be shed by a slow CI machine; shedding has its own test. */
const NO_SHEDDING = { SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0' };

const NAMESPACE =
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio.io/dataplane-mode: ambient\n';

describe('GET /metrics', () => {
  it('counts uploads by outcome and exposes the snapshot count', async () => {
    const app = await buildTestApp(NO_SHEDDING);
    const post = (payload: string, type = 'application/yaml') =>
      app.inject({ method: 'POST', url: '/v1/snapshots?name=m', headers: { 'content-type': type }, payload });
    expect((await post(NAMESPACE)).statusCode).toBe(201);
    expect((await post(NAMESPACE)).statusCode).toBe(200);
    expect((await post('kind: [')).statusCode).toBe(422);
    expect((await post('a,b', 'text/csv')).statusCode).toBe(415);
    const text = await scrape(app);
    expect(sample(text, 'spillway_uploads_total', { outcome: 'created' })).toBe(1);
    expect(sample(text, 'spillway_uploads_total', { outcome: 'duplicate' })).toBe(1);
    expect(sample(text, 'spillway_uploads_total', { outcome: 'rejected' })).toBe(2);
    expect(sample(text, 'spillway_snapshots')).toBe(1);
    await app.spillway.snapshots.delete((await app.spillway.snapshots.list({ first: 1 })).items[0]?.id ?? '');
    expect(sample(await scrape(app), 'spillway_snapshots')).toBe(0);
  });

  it('records request counts and latencies by method, route pattern and status', async () => {
    const app = await buildTestApp(NO_SHEDDING);
    for (let i = 0; i < 3; i += 1) await app.inject({ method: 'GET', url: `/v1/snapshots/snp_missing${i}` });
    await app.inject({ method: 'GET', url: '/no/such/route' });
    const text = await scrape(app);
    // Ids never become label values: the route pattern does.
    expect(
      sample(text, 'spillway_http_request_seconds_count', {
        method: 'GET',
        route: '/v1/snapshots/:id',
        status: '404',
      }),
    ).toBe(3);
    expect(sample(text, 'spillway_http_request_seconds_count', { route: 'unmatched', status: '404' })).toBe(
      1,
    );
    expect(text).not.toContain('snp_missing');
    expect(
      sample(text, 'spillway_http_request_seconds_bucket', { route: '/v1/snapshots/:id', le: '+Inf' }),
    ).toBe(3);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts compiled-snapshot and answer cache misses and hits', async () => {
    // The response cache would answer the repeats before they reach the compiled-snapshot cache.
    const app = await buildTestApp({ ...NO_SHEDDING, SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB: '0' });
    const mesh = generateMesh({ services: 4, replicas: 2, seed: 3 });
    const upload = await app.inject({
      method: 'POST',
      url: `/v1/snapshots?${mesh.query}`,
      headers: { 'content-type': 'application/yaml' },
      payload: mesh.text,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const query = 'query($s: String!) { analyze(snapshot: $s) { code } }';
    for (let i = 0; i < 3; i += 1) {
      const response = await graphql(app, query, { s: 'latest' });
      expect(response.statusCode, response.body).toBe(200);
    }
    let text = await scrape(app);
    // The upload's answer carries the analysis, so the upload compiles the snapshot and answers the
    // analysis under its own profile (the one miss of each cache); the three questions are answered from
    // the answer cache.
    expect(sample(text, 'spillway_answer_cache_total', { event: 'miss' })).toBe(1);
    expect(sample(text, 'spillway_answer_cache_total', { event: 'hit' })).toBe(3);
    expect(sample(text, 'spillway_compiled_cache_total', { event: 'miss' })).toBe(1);
    expect(sample(text, 'spillway_compiled_cache_total', { event: 'hit' })).toBeUndefined();
    // Another question of the same snapshot finds it compiled.
    const other = await graphql(
      app,
      'query($s: String!) { analyze(snapshot: $s, profile: ISTIO_1_30) { code } }',
      {
        s: 'latest',
      },
    );
    expect(other.statusCode, other.body).toBe(200);
    text = await scrape(app);
    expect(sample(text, 'spillway_answer_cache_total', { event: 'miss' })).toBe(2);
    expect(sample(text, 'spillway_compiled_cache_total', { event: 'hit' })).toBe(1);
  });

  it('counts GraphQL response-cache misses and hits', async () => {
    const app = await buildTestApp(NO_SHEDDING);
    const mesh = generateMesh({ services: 4, replicas: 2, seed: 3 });
    await app.inject({
      method: 'POST',
      url: `/v1/snapshots?${mesh.query}`,
      headers: { 'content-type': 'application/yaml' },
      payload: mesh.text,
    });
    const query = 'query($s: String!) { analyze(snapshot: $s) { code } }';
    for (let i = 0; i < 3; i += 1) await graphql(app, query, { s: 'latest' });
    const text = await scrape(app);
    expect(sample(text, 'spillway_graphql_response_cache_total', { event: 'miss' })).toBe(1);
    expect(sample(text, 'spillway_graphql_response_cache_total', { event: 'hit' })).toBe(2);
    // The upload compiles the snapshot and answers its analysis (each cache's one miss); only the first
    // query, which the response cache misses, reaches the policy service, whose answer cache holds it.
    expect(sample(text, 'spillway_compiled_cache_total', { event: 'miss' })).toBe(1);
    expect(sample(text, 'spillway_compiled_cache_total', { event: 'hit' })).toBeUndefined();
    expect(sample(text, 'spillway_answer_cache_total', { event: 'hit' })).toBe(1);
  });

  it('records GraphQL operation latency by top-level field and outcome, not by client-chosen name', async () => {
    const app = await buildTestApp(NO_SHEDDING);
    const mesh = generateMesh({ services: 2, replicas: 2, seed: 5 });
    await app.inject({
      method: 'POST',
      url: `/v1/snapshots?${mesh.query}`,
      headers: { 'content-type': 'application/yaml' },
      payload: mesh.text,
    });
    await graphql(app, 'query AnyNameAtAll($s: String!) { analyze(snapshot: $s) { code } }', { s: 'latest' });
    await graphql(app, 'query($s: String!) { analyze(snapshot: $s) { code } }', { s: 'no-such-snapshot' });
    const text = await scrape(app);
    expect(
      sample(text, 'spillway_graphql_operation_seconds_count', { operation: 'analyze', outcome: 'ok' }),
    ).toBe(1);
    expect(
      sample(text, 'spillway_graphql_operation_seconds_count', { operation: 'analyze', outcome: 'error' }),
    ).toBe(1);
    expect(text).not.toContain('AnyNameAtAll');
  });

  it.each([
    [201, 'created'],
    [200, 'duplicate'],
    [400, 'rejected'],
    [415, 'rejected'],
    [422, 'rejected'],
    [413, 'too_large'],
    [429, 'rate_limited'],
    [503, 'overloaded'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [500, 'error'],
    [204, 'other'],
  ])('upload status %i is counted as %s', (status, outcome) => {
    expect(uploadOutcome(status)).toBe(outcome);
  });
});

describe('request ids', () => {
  it.each([
    ['a well-formed id is echoed', 'req-123.abc:9', true],
    ['an id with spaces is replaced', 'bad id', false],
    ['an over-long id is replaced', 'x'.repeat(200), false],
  ])('%s', async (_label, given, kept) => {
    const app = await buildTestApp(NO_SHEDDING);
    const response = await app.inject({
      method: 'GET',
      url: '/v1/snapshots/nope',
      headers: { 'x-request-id': given },
    });
    const echoed = String(response.headers['x-request-id']);
    expect(echoed === given).toBe(kept);
    expect(response.json().instance).toBe(`urn:spillway:request:${echoed}`);
  });
});
