/**
 * The GraphQL response cache through the real app: a repeated question is answered without reaching the
 * service layer, and never with a stale or foreign answer — uploads, deletes, another process's writes,
 * errors, content negotiation and auth all keep their meaning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { buildTestApp, graphql, uploadExample } from '../../helpers/buildTestApp.js';

const ENV = { SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0' };
const POLICY = `query Policy($snapshot: String!, $client: String!, $backend: String!) {
  effectivePolicy(snapshot: $snapshot, client: $client, backend: $backend) {
    profile hops { to endpoints { name sharePercent } }
  }
}`;
const LATEST = `{ snapshot(ref: "latest") { id name } }`;
const QUESTION = { client: 'httpbin/client-in-ambient', backend: 'in-ambient.httpbin' };

async function cacheEvents(app: FastifyInstance): Promise<{ hit: number; miss: number }> {
  const metric = await app.spillway.metrics.graphqlResponseCache.get();
  const count = (event: string): number => metric.values.find((v) => v.labels['event'] === event)?.value ?? 0;
  return { hit: count('hit'), miss: count('miss') };
}

/** Counts what reaches the service layer, the part a cached answer skips. */
function spyOnPolicy(app: FastifyInstance): ReturnType<typeof vi.spyOn> {
  return vi.spyOn(app.spillway.services.policy, 'effectivePolicy');
}

describe('GraphQL response cache', () => {
  it('answers a repeated question with the same bytes without reaching the service layer', async () => {
    const app = await buildTestApp(ENV);
    const { id } = await uploadExample(app, 'httpbin-before.yaml');
    const spy = spyOnPolicy(app);
    const first = await graphql(app, POLICY, { snapshot: id, ...QUESTION });
    const second = await graphql(app, POLICY, { snapshot: id, ...QUESTION });
    expect(first.statusCode).toBe(200);
    expect(first.json<{ errors?: unknown }>().errors).toBeUndefined();
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await cacheEvents(app)).toEqual({ hit: 1, miss: 1 });
  });

  it('still logs and times a cached answer under its operation', async () => {
    const app = await buildTestApp(ENV);
    const { id } = await uploadExample(app, 'httpbin-before.yaml');
    for (let i = 0; i < 3; i++) await graphql(app, POLICY, { snapshot: id, ...QUESTION });
    const histogram = await app.spillway.metrics.graphqlOperations.get();
    const count = histogram.values.find(
      (v) =>
        v.metricName === 'spillway_graphql_operation_seconds_count' &&
        v.labels['operation'] === 'effectivePolicy' &&
        v.labels['outcome'] === 'ok',
    )?.value;
    expect(count).toBe(3);
  });

  it('tells questions apart by their variables', async () => {
    const app = await buildTestApp(ENV);
    const before = await uploadExample(app, 'httpbin-before.yaml');
    const after = await uploadExample(app, 'httpbin-after.yaml');
    const query = 'query Named($ref: String!) { snapshot(ref: $ref) { id name } }';
    const a = await graphql(app, query, { ref: before.id });
    const b = await graphql(app, query, { ref: after.id });
    expect(a.json<{ data: { snapshot: { name: string } } }>().data.snapshot.name).toBe('httpbin-before');
    expect(b.json<{ data: { snapshot: { name: string } } }>().data.snapshot.name).toBe('httpbin-after');
    expect(await cacheEvents(app)).toEqual({ hit: 0, miss: 2 });
  });

  it('follows `latest` to a snapshot uploaded after the answer was cached', async () => {
    const app = await buildTestApp(ENV);
    await uploadExample(app, 'httpbin-before.yaml');
    const ask = async (): Promise<string> =>
      (await graphql(app, LATEST)).json<{ data: { snapshot: { name: string } } }>().data.snapshot.name;
    expect(await ask()).toBe('httpbin-before');
    expect(await ask()).toBe('httpbin-before');
    await uploadExample(app, 'httpbin-after.yaml');
    expect(await ask()).toBe('httpbin-after');
  });

  it('does not answer for a snapshot deleted after the answer was cached', async () => {
    const app = await buildTestApp(ENV);
    const { id } = await uploadExample(app, 'httpbin-before.yaml');
    await graphql(app, POLICY, { snapshot: id, ...QUESTION });
    const deleted = await app.inject({ method: 'DELETE', url: `/v1/snapshots/${id}` });
    expect(deleted.statusCode).toBe(204);
    const again = await graphql(app, POLICY, { snapshot: id, ...QUESTION });
    const errors = again.json<{ errors?: { extensions: { code: string } }[] }>().errors;
    expect(errors?.[0]?.extensions.code).toBe('UNKNOWN_SNAPSHOT');
  });

  it("sees another process's upload to the same database file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spillway-response-cache-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = { ...ENV, SPILLWAY_DB_PATH: join(dir, 'spillway.db') };
    const reader = await buildTestApp(env);
    const writer = await buildTestApp(env);
    await uploadExample(writer, 'httpbin-before.yaml');
    const ask = async (): Promise<string | undefined> =>
      (await graphql(reader, LATEST)).json<{ data: { snapshot: { name: string } | null } }>().data.snapshot
        ?.name;
    expect(await ask()).toBe('httpbin-before');
    expect(await ask()).toBe('httpbin-before');
    await uploadExample(writer, 'httpbin-after.yaml');
    expect(await ask()).toBe('httpbin-after');
  });

  it('keeps no answer that carries an error', async () => {
    const app = await buildTestApp(ENV);
    const { id } = await uploadExample(app, 'httpbin-before.yaml');
    const spy = spyOnPolicy(app);
    for (let i = 0; i < 2; i++) {
      const res = await graphql(app, POLICY, {
        snapshot: id,
        client: QUESTION.client,
        backend: 'nope.nowhere',
      });
      const errors = res.json<{ errors?: { extensions: { code: string } }[] }>().errors;
      expect(errors?.[0]?.extensions.code).toBe('UNKNOWN_BACKEND');
    }
    expect(spy).toHaveBeenCalledTimes(2);
    expect(await cacheEvents(app)).toEqual({ hit: 0, miss: 2 });
  });

  it.each([
    { accept: 'application/json', contentType: 'application/json; charset=utf-8' },
    {
      accept: 'application/graphql-response+json',
      contentType: 'application/graphql-response+json; charset=utf-8',
    },
  ])('answers Accept: $accept with its own media type, cached or not', async ({ accept, contentType }) => {
    const app = await buildTestApp(ENV);
    const { id } = await uploadExample(app, 'httpbin-before.yaml');
    // The other media type first: the cache keeps the result, and Apollo negotiates the media type of each
    // response, so a hit still answers in the media type its request asked for.
    const other = accept === 'application/json' ? 'application/graphql-response+json' : 'application/json';
    await graphql(app, POLICY, { snapshot: id, ...QUESTION }, { accept: other });
    for (let i = 0; i < 2; i++) {
      const res = await graphql(app, POLICY, { snapshot: id, ...QUESTION }, { accept });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(contentType);
    }
    expect(await cacheEvents(app)).toEqual({ hit: 2, miss: 1 });
  });

  it.each([
    { name: 'no token', headers: {}, code: 'UNAUTHENTICATED' },
    {
      name: 'an unknown token',
      headers: { authorization: 'Bearer not-a-token-at-all' },
      code: 'UNAUTHENTICATED',
    },
  ])('refuses a caller with $name even when the answer is cached', async ({ headers, code }) => {
    const reader = { authorization: 'Bearer reader-token-abcdefghij' };
    const app = await buildTestApp({
      ...ENV,
      SPILLWAY_API_TOKENS: 'reader:reader-token-abcdefghij,writer:writer-token-abcdefghij',
    });
    const { id } = await uploadExample(app, 'httpbin-before.yaml', {
      authorization: 'Bearer writer-token-abcdefghij',
    });
    for (let i = 0; i < 2; i++) {
      const res = await graphql(app, POLICY, { snapshot: id, ...QUESTION }, reader);
      expect(res.json<{ errors?: unknown }>().errors).toBeUndefined();
    }
    const refused = await graphql(app, POLICY, { snapshot: id, ...QUESTION }, headers);
    const body = refused.json<{ data?: unknown; errors?: { extensions: { code: string } }[] }>();
    expect(body.errors?.[0]?.extensions.code).toBe(code);
    expect(body.data ?? null).toBeNull();
  });

  it('serves a GET from the cache only after Apollo has checked it against CSRF', async () => {
    const app = await buildTestApp(ENV);
    const { id } = await uploadExample(app, 'httpbin-before.yaml');
    const spy = spyOnPolicy(app);
    const url = `/graphql?${new URLSearchParams({
      query: POLICY,
      variables: JSON.stringify({ snapshot: id, ...QUESTION }),
    }).toString()}`;
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'GET', url, headers: { 'apollo-require-preflight': 'true' } });
      expect(res.statusCode).toBe(200);
    }
    expect(spy).toHaveBeenCalledTimes(1);
    // Without the preflight header a GET is a possible cross-site request: refused, cached answer or not.
    const simple = await app.inject({ method: 'GET', url });
    expect(simple.statusCode).toBe(400);
    expect(simple.body).toContain('CSRF');
  });

  it('is off with SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB=0', async () => {
    const app = await buildTestApp({ ...ENV, SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB: '0' });
    const { id } = await uploadExample(app, 'httpbin-before.yaml');
    const spy = spyOnPolicy(app);
    const first = await graphql(app, POLICY, { snapshot: id, ...QUESTION });
    const second = await graphql(app, POLICY, { snapshot: id, ...QUESTION });
    expect(second.body).toBe(first.body);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(await cacheEvents(app)).toEqual({ hit: 0, miss: 0 });
  });
});
