/**
 * Every refusal at the edge of the service is a problem (RFC 9457), never a 5xx and never a hang or a reset:
 * what Node's HTTP parser refuses, what Fastify's router refuses, bodies of the wrong type, encoding, size or
 * speed, and callers without a token. Exchanges Node handles before Fastify run over a real socket.
 */
import { describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem, graphql } from '../../helpers/buildTestApp.js';
import { lastBody, lastHeader, listenForTest, rawExchange } from '../../helpers/rawHttp.js';

const READER = 'reader-token-abcdefghij';
const WRITER = 'writer-token-abcdefghij';
const TOKENS = { SPILLWAY_API_TOKENS: `reader:${READER},writer:${WRITER}` };
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

function problemOf(received: string): Record<string, unknown> {
  expect(lastHeader(received, 'content-type')).toMatch(/^application\/problem\+json/);
  return JSON.parse(lastBody(received)) as Record<string, unknown>;
}

describe('refusals of the HTTP parser, over a socket', () => {
  it.each([
    {
      name: 'headers past the size limit',
      head: `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      status: 431,
      code: 'HEADERS_TOO_LARGE',
    },
    {
      name: 'malformed chunked encoding',
      head: 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n',
      status: 400,
      code: 'INVALID_REQUEST',
    },
    {
      name: 'a method HTTP does not define',
      head: 'FOO /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
      status: 400,
      code: 'INVALID_REQUEST',
    },
  ])('$name → $status $code, counted in metrics', async ({ head, status, code }) => {
    const app = await buildTestApp();
    const port = await listenForTest(app);
    const exchange = await rawExchange(port, { head });
    expect(exchange.statuses).toEqual([status]);
    expect(problemOf(exchange.received)).toMatchObject({ status, code });
    expect(lastHeader(exchange.received, 'cache-control')).toBe('no-store');
    expect(lastHeader(exchange.received, 'x-content-type-options')).toBe('nosniff');
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain(`spillway_http_protocol_errors_total{status="${status}"} 1`);
  });

  it('cuts off a body that trickles in with 408 once the request timeout passes', async () => {
    const app = await buildTestApp({
      SPILLWAY_HTTP_REQUEST_TIMEOUT_MS: '1000',
      SPILLWAY_HTTP_HEADERS_TIMEOUT_MS: '1000',
    });
    const port = await listenForTest(app);
    // One byte every 100 ms of a 10 KiB body: it would take seventeen minutes to arrive.
    const exchange = await rawExchange(port, {
      head: 'POST /v1/snapshots HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: 10240\r\n\r\n',
      chunks: Array.from({ length: 10_240 }, () => 'a'),
      intervalMs: 100,
      stopWhenAnswered: true,
    });
    expect(exchange.timedOut).toBe(false);
    expect(exchange.statuses).toEqual([408]);
    expect(problemOf(exchange.received)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
    expect(await app.spillway.snapshots.count()).toBe(0);
  });
});

describe('bodies larger than the limit', () => {
  const LIMIT = 64 * 1024;
  const oversized = `POST /v1/snapshots HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: ${16 * LIMIT}\r\n`;
  // A client that sends `Expect: 100-continue` waits with the connection open for 100 Continue or a final
  // status, as curl does; so do these. Half-closing instead would end the request short of its announced
  // length, and Node's parser answers that with 400 (HPE_INVALID_EOF_STATE) unless the route has answered
  // first. It had on SQLite only because every step before the size check finished in microtasks; on
  // PostgreSQL the upload rate limit counts in the database, so the client's FIN was read first.
  const expectingContinue = { head: `${oversized}Expect: 100-continue\r\n\r\n`, keepOpen: true };

  it('with Expect: 100-continue → 413 and no 100 Continue (the body is never sent)', async () => {
    const app = await buildTestApp({ SPILLWAY_UPLOAD_MAX_BYTES: String(LIMIT) });
    const port = await listenForTest(app);
    const exchange = await rawExchange(port, expectingContinue);
    expect(exchange.statuses).toEqual([413]);
    expect(problemOf(exchange.received)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // The server will not read the announced body, so it says it closes (RFC 9110 §10.1.1), and does.
    expect(lastHeader(exchange.received, 'connection')).toBe('close');
    expect(exchange.timedOut).toBe(false);
    expect(exchange.reset).toBe(false);
  });

  it('with Expect: 100-continue within the limit → 100 Continue, then the answer', async () => {
    const app = await buildTestApp();
    const port = await listenForTest(app);
    const exchange = await rawExchange(port, {
      head: `POST /v1/snapshots?name=c HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: ${NAMESPACE.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
      chunks: [NAMESPACE],
      keepOpen: true,
    });
    expect(exchange.statuses).toEqual([100, 201]);
  });

  it('with Expect: 100-continue and no token → 401, no 100 Continue', async () => {
    const app = await buildTestApp(TOKENS);
    const port = await listenForTest(app);
    const exchange = await rawExchange(port, expectingContinue);
    expect(exchange.statuses).toEqual([401]);
    expect(lastHeader(exchange.received, 'connection')).toBe('close');
    expect(exchange.timedOut).toBe(false);
  });

  it('sent without asking → 413 read in full by the client, not a reset connection', async () => {
    const app = await buildTestApp({ SPILLWAY_UPLOAD_MAX_BYTES: String(LIMIT) });
    const port = await listenForTest(app);
    const exchange = await rawExchange(port, {
      head: `${oversized}\r\n`,
      chunks: Array.from({ length: 16 }, () => Buffer.alloc(LIMIT, 'a')),
    });
    expect(exchange.statuses).toEqual([413]);
    expect(problemOf(exchange.received)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // The body is on its way: the connection stays open to discard it, and closes once the client is done.
    expect(lastHeader(exchange.received, 'connection')).toBeUndefined();
    expect(exchange.timedOut).toBe(false);
    expect(exchange.reset).toBe(false);
  });
});

describe('refusals of the router and of bodies, through inject', () => {
  it.each([
    {
      name: '253 characters (the longest id) reaches the route',
      length: 253,
      status: 404,
      code: 'UNKNOWN_SNAPSHOT',
    },
    { name: '254 characters → 414', length: 254, status: 414, code: 'URI_TOO_LONG' },
  ])('an id of $name', async ({ length, status, code }) => {
    const app = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: `/v1/snapshots/${'a'.repeat(length)}` });
    expectProblem(response, status, code);
  });

  it("the router's refusals (414, a bad URL) are counted in metrics", async () => {
    const app = await buildTestApp();
    expectProblem(
      await app.inject({ method: 'GET', url: `/v1/snapshots/${'a'.repeat(300)}` }),
      414,
      'URI_TOO_LONG',
    );
    expectProblem(await app.inject({ method: 'GET', url: '/v1/snapshots/%E0%A4%A' }), 400, 'INVALID_REQUEST');
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('spillway_http_protocol_errors_total{status="414"} 1');
    expect(metrics).toContain('spillway_http_protocol_errors_total{status="400"} 1');
  });

  it('a method the path does not accept → 405 with Allow', async () => {
    const app = await buildTestApp();
    const response = await app.inject({ method: 'PATCH', url: '/v1/snapshots' });
    const body = expectProblem(response, 405, 'METHOD_NOT_ALLOWED');
    expect(response.headers['allow']).toBe('POST, GET, HEAD');
    expect(body['allow']).toEqual(['POST', 'GET', 'HEAD']);
  });

  it.each([
    { url: '/v1/snapshots', contentType: 'text/plain' },
    { url: '/graphql', contentType: 'text/plain' },
    { url: '/v1/snapshots', contentType: 'application/xml' },
  ])('$contentType to $url → 415', async ({ url, contentType }) => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': contentType },
      payload: '{}',
    });
    expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(['gzip', 'br', 'identity, deflate'])('Content-Encoding %s → 415', async (encoding) => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      headers: { 'content-type': 'application/yaml', 'content-encoding': encoding },
      payload: NAMESPACE,
    });
    const body = expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(String(body['detail'])).toContain('Content-Encoding');
  });

  it('Content-Encoding identity is accepted', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      headers: { 'content-type': 'application/yaml', 'content-encoding': 'identity' },
      payload: NAMESPACE,
    });
    expect(response.statusCode).toBe(201);
  });
});

/** A GraphQL request whose variables nest `depth` objects deep, as raw JSON text. */
function deepVariables(depth: number): string {
  return `{"query":"{ snapshots { edges { cursor } } }","variables":{"a":${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}}}`;
}

describe('JSON bodies', () => {
  it('6,000-deep variables without a token → 401, the body never read', async () => {
    const app = await buildTestApp(TOKENS);
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: deepVariables(6_000),
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="spillway"');
    expect(response.json<{ errors: { extensions: { code: string } }[] }>().errors[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('6,000-deep variables with a token → 422, refused before anything walks the tree', async () => {
    const app = await buildTestApp(TOKENS);
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${READER}` },
      payload: deepVariables(6_000),
    });
    const body = expectProblem(response, 422, 'INVALID_BODY');
    expect(String(body['detail'])).toContain('deeper than 64 levels');
  });

  it('a GraphQL body with a repeated key → 422', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: '{"query":"{ snapshots { edges { cursor } } }","query":"{ __typename }"}',
    });
    const body = expectProblem(response, 422, 'INVALID_BODY');
    expect(String(body['detail'])).toContain('Duplicate key "query"');
  });

  it('a JSON upload with a repeated key → 422 naming the object, as YAML is refused', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/snapshots',
      headers: { 'content-type': 'application/json' },
      payload: '[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a","name":"b"}}]',
    });
    const body = expectProblem(response, 422, 'INVALID_UPLOAD');
    expect(body['problems']).toEqual([
      expect.objectContaining({ code: 'JSON_SYNTAX', documentIndex: 0, pointer: '/metadata' }),
    ]);
    expect(await app.spillway.snapshots.count()).toBe(0);
  });

  it('a __proto__ key → 400, as Fastify refuses it', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: '{"query":"{ __typename }","variables":{"__proto__":{"x":1}}}',
    });
    expectProblem(response, 400, 'INVALID_REQUEST');
  });

  it('a 200,000-element array beside a "constructor" key is searched for prototype keys, not a 500', async () => {
    // 400 KB, under the 1 MiB limit. `push(...array)` in the search threw RangeError (call stack).
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: `{"query":"{ __typename }","variables":{"constructor":"x","big":[${'0,'.repeat(199_999)}0]}}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('authentication and the headers of every answer', () => {
  it('a REST 401 names the Bearer scheme', async () => {
    const app = await buildTestApp(TOKENS);
    const response = await app.inject({ method: 'GET', url: '/v1/snapshots' });
    expectProblem(response, 401, 'UNAUTHENTICATED');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="spillway"');
  });

  it('a GraphQL 401 names the Bearer scheme', async () => {
    const app = await buildTestApp(TOKENS);
    const response = await graphql(app, '{ snapshots { edges { cursor } } }');
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="spillway"');
  });

  it.each([
    { name: 'a REST answer', request: { method: 'GET' as const, url: '/v1/snapshots' } },
    { name: 'a problem', request: { method: 'GET' as const, url: '/v1/snapshots/nope' } },
    { name: 'liveness', request: { method: 'GET' as const, url: '/healthz' } },
    {
      name: 'a GraphQL answer',
      request: {
        method: 'POST' as const,
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        payload: { query: '{ snapshots { edges { cursor } } }' },
      },
    },
  ])('$name is not stored and not sniffed', async ({ request }) => {
    const app = await buildTestApp();
    const response = await app.inject(request);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    { env: {}, url: '/metrics', status: 200 },
    { env: { ...TOKENS, SPILLWAY_METRICS_REQUIRE_TOKEN: 'true' }, url: '/metrics', status: 401 },
    { env: { ...TOKENS }, url: '/docs/static/swagger-ui.css', status: 200 },
    {
      env: { ...TOKENS, SPILLWAY_DOCS_REQUIRE_TOKEN: 'true' },
      url: '/docs/static/swagger-ui.css',
      status: 401,
    },
    { env: { ...TOKENS, SPILLWAY_DOCS_REQUIRE_TOKEN: 'true' }, url: '/openapi.yaml', status: 200 },
  ])('$url with $env → $status without a token', async ({ env, url, status }) => {
    const app = await buildTestApp(env);
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(status);
    if (status === 401) {
      const allowed = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${READER}` },
      });
      expect(allowed.statusCode).toBe(200);
    }
  });
});
