import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config.js';
import { graphqlPlugin } from '../../../src/graphql/plugin.js';
import { createAuthorizer } from '../../../src/http/auth.js';
import { createFakeServices, policy, summary, whatIfAnswer } from './fakeServices.js';
import { buildGraphqlHarness } from './harness.js';
import {
  ANALYZE_QUERY,
  EFFECTIVE_POLICY_QUERY,
  SNAPSHOT_QUERY,
  SNAPSHOTS_QUERY,
  SWEEP_QUERY,
  WHAT_IF_QUERY,
} from './queries.js';

const ok = { snapshot: 's1', client: 'httpbin/client', backend: 'in-ambient' };

/** JSON round trip: what a client sees of an answer object when it selects every field. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
/** GraphQL answers an absent optional field with null; dropping nulls makes an answer comparable to its source. */
const withoutNulls = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v === null ? undefined : v)));

describe('queries over the service layer', () => {
  it('effectivePolicy returns every field of the answer', async (t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql(EFFECTIVE_POLICY_QUERY, { ...ok, profile: 'ISTIO_1_31' });
    expect(res.status).toBe(200);
    const got = res.body.data?.['effectivePolicy'] as typeof policy;
    expect(got.profile).toBe('ISTIO_1_31');
    expect(withoutNulls(got.hops[0])).toEqual(asJson(policy.hops[0]));
    expect(got.hops[0]?.endpoints[1]).toMatchObject({
      address: null,
      node: null,
      priorityReason: null,
      localityWeight: null,
    });
    expect(withoutNulls(got.diagnostics)).toEqual(asJson(policy.diagnostics));
    expect(h.services.calls).toEqual([
      { method: 'effectivePolicy', query: { ...ok, profile: 'ISTIO_1_31' } },
    ]);
  });

  it('whatIf returns baseline, scenario, ejections and figures, passing the scenario without nulls', async (t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql(WHAT_IF_QUERY, {
      ...ok,
      scenario: { ejectEndpoints: ['in-ambient-abc12'], loadFactor: null },
    });
    expect(res.status).toBe(200);
    const got = res.body.data?.['whatIf'] as typeof whatIfAnswer;
    expect(got.ejections).toEqual(asJson(whatIfAnswer.ejections));
    expect(withoutNulls(got.baseline.hops)).toEqual(asJson(whatIfAnswer.baseline.hops));
    expect(withoutNulls(got.scenario)).toEqual(asJson(whatIfAnswer.scenario));
    expect([got.errorPercent, got.overflowPercent, got.notes]).toEqual([1.5, 0, whatIfAnswer.notes]);
    expect(h.services.calls[0]).toEqual({
      method: 'whatIf',
      query: { ...ok, scenario: { ejectEndpoints: ['in-ambient-abc12'] } },
    });
  });

  it.for([
    [{}, [1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3]],
    [{ from: 1, to: 2, step: 0.5 }, [1, 1.5, 2]],
  ] as const)('whatIf.sweep %j asks the service for the load factors', async ([bounds, factors], t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql(SWEEP_QUERY, { ...ok, scenario: { loadFactor: 1.5 }, ...bounds });
    expect(res.status).toBe(200);
    const sweep = (res.body.data?.['whatIf'] as { sweep: { loadFactor: number }[] }).sweep;
    expect(sweep.map((p) => p.loadFactor)).toEqual(factors);
    expect(h.services.calls[1]).toEqual({
      method: 'sweep',
      query: { ...ok, scenario: { loadFactor: 1.5 }, loadFactors: factors },
    });
  });

  it('analyze lists diagnostics', async (t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql(ANALYZE_QUERY, { snapshot: 's1', profile: 'SOLO' });
    expect(res.body.data?.['analyze']).toEqual([asJson(policy.diagnostics[0])]);
    expect(h.services.calls).toEqual([{ method: 'analyze', query: { snapshot: 's1', profile: 'SOLO' } }]);
  });

  it('snapshot returns the summary with counts and ignored kinds as lists, or null', async (t) => {
    const h = await buildGraphqlHarness(t);
    const found = await h.gql(SNAPSHOT_QUERY, { ref: 'snapshot-2' });
    expect(found.body.data?.['snapshot']).toMatchObject({
      id: 'snap-2',
      createdAt: summary(2).createdAt,
      clusters: [{ name: 'cluster1', network: 'net1' }],
      counts: [
        { cluster: 'cluster1', kind: 'Service', count: 2 },
        { cluster: 'cluster1', kind: 'Pod', count: 4 },
      ],
      ignored: [{ kind: 'ConfigMap', count: 3 }],
    });
    const missing = await h.gql(SNAPSHOT_QUERY, { ref: 'nope' });
    expect(missing.body).toEqual({ data: { snapshot: null } });
  });

  it.for([1, 2, 3, 7] as const)(
    'snapshots pages through all of them %i at a time, resuming from any edge',
    async (first, t) => {
      const h = await buildGraphqlHarness(t, {}, createFakeServices(7));
      type Page = {
        edges: { cursor: string; node: { id: string } }[];
        nodes: { id: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      const page = async (after?: string): Promise<Page> =>
        (await h.gql(SNAPSHOTS_QUERY, { first, ...(after === undefined ? {} : { after }) })).body.data?.[
          'snapshots'
        ] as Page;
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const p = await page(after);
        expect(p.nodes.map((n) => n.id)).toEqual(p.edges.map((e) => e.node.id));
        seen.push(...p.nodes.map((n) => n.id));
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor ?? undefined;
      }
      expect(seen).toEqual(['snap-0', 'snap-1', 'snap-2', 'snap-3', 'snap-4', 'snap-5', 'snap-6']);
      // Resuming after the first edge of the first page continues with the second snapshot.
      const firstPage = await page();
      const resumed = await page(firstPage.edges[0]?.cursor);
      expect(resumed.nodes[0]?.id).toBe('snap-1');
    },
  );

  it.for([
    [{ first: 0 }, 'BAD_USER_INPUT'],
    [{ first: 101 }, 'BAD_USER_INPUT'],
    [{ after: 'garbage' }, 'BAD_USER_INPUT'],
  ] as const)('snapshots refuses %j', async ([variables, code], t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql(SNAPSHOTS_QUERY, variables);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe(code);
  });
});

describe('errors', () => {
  it.for([
    ['unknown snapshot', { ...ok, snapshot: 'nope' }, 'UNKNOWN_SNAPSHOT', { snapshot: 'nope' }],
    [
      'unknown client',
      { ...ok, client: 'httpbin/clinet' },
      'UNKNOWN_CLIENT',
      { closest: ['httpbin/client'] },
    ],
    ['unknown backend', { ...ok, backend: 'in-ambent' }, 'UNKNOWN_BACKEND', { closest: ['in-ambient'] }],
    [
      'ambiguous client',
      { ...ok, client: 'client' },
      'AMBIGUOUS_REFERENCE',
      { candidates: ['cluster1/httpbin/client', 'cluster2/httpbin/client'] },
    ],
  ] as const)('%s → %s with details', async ([_name, variables, code, details], t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql(EFFECTIVE_POLICY_QUERY, variables);
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: ['effectivePolicy'], extensions: { ...details, code } }),
    ]);
  });

  it('invalid scenario → INVALID_SCENARIO', async (t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql(WHAT_IF_QUERY, { ...ok, scenario: { loadFactor: -1 } });
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'INVALID_SCENARIO', field: 'loadFactor' });
  });

  it('invalid sweep bounds → INVALID_SCENARIO on the sweep field only', async (t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql(SWEEP_QUERY, { ...ok, scenario: {}, from: 3, to: 1 });
    expect(res.body.errors?.[0]).toMatchObject({
      path: ['whatIf', 'sweep'],
      extensions: { code: 'INVALID_SCENARIO' },
    });
  });

  it.for([
    ['a variable', EFFECTIVE_POLICY_QUERY, { ...ok, profile: 'ISTIO_1_29' }, 'BAD_USER_INPUT'],
    [
      'a literal',
      '{ analyze(snapshot: "s1", profile: ISTIO_1_29) { code } }',
      undefined,
      'GRAPHQL_VALIDATION_FAILED',
    ],
  ] as const)('invalid profile as %s → 400 %s', async ([_how, query, variables, code], t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql(query, variables);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(h.services.calls).toEqual([]);
  });

  it.for([
    ['test', false],
    ['production', false],
    ['development', true],
  ] as const)('an unexpected failure is masked in %s (stack trace: %s)', async ([env, stack], t) => {
    const h = await buildGraphqlHarness(t, { NODE_ENV: env });
    const res = await h.gql(EFFECTIVE_POLICY_QUERY, { ...ok, snapshot: 'boom' });
    const error = res.body.errors?.[0];
    expect(error?.message).toBe('Internal server error');
    // Development shows the stack (which quotes the message); nowhere else does the message appear.
    if (!stack) expect(JSON.stringify(res.body)).not.toContain('/var/lib/secret.db');
    expect(error?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.extensions?.['stacktrace'] !== undefined).toBe(stack);
  });

  it('does not suggest field names', async (t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.gql('{ snapshot(ref: "x") { idd } }');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).not.toContain('Did you mean');
  });
});

const deepQuery = `{ whatIf(snapshot: "s1", client: "httpbin/client", backend: "in-ambient", scenario: {}) {
  scenario { hops { localityLb { resource { kind } } } } } }`;
const aliased = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: snapshot(ref: "x") { id }`).join(' ')} }`;
const directives = (n: number) => `{ snapshot(ref: "x") { id ${'@include(if: true) '.repeat(n)} } }`;

describe('limits', () => {
  it.for([
    ['too deep', { SPILLWAY_GRAPHQL_MAX_DEPTH: '4' }, deepQuery, 'MAX_DEPTH'],
    ['too costly', { SPILLWAY_GRAPHQL_MAX_COST: '100' }, EFFECTIVE_POLICY_QUERY, 'MAX_COST'],
    ['too many aliases', {}, aliased(16), 'MAX_ALIASES'],
    ['too many directives', {}, directives(21), 'MAX_DIRECTIVES'],
  ] as const)('%s → 400 GRAPHQL_VALIDATION_FAILED (%s)', async ([_name, env, query, limit], t) => {
    const h = await buildGraphqlHarness(t, env);
    const res = await h.gql(query, ok);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit });
    expect(h.services.calls).toEqual([]);
  });

  it.for([
    ['depth', { SPILLWAY_GRAPHQL_MAX_DEPTH: '6' }, deepQuery],
    ['aliases', {}, aliased(15)],
  ] as const)('a query at the %s limit passes', async ([_name, env, query], t) => {
    const h = await buildGraphqlHarness(t, env);
    const res = await h.gql(query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('too many tokens → 400 GRAPHQL_PARSE_FAILED before validation', async (t) => {
    const h = await buildGraphqlHarness(t, { SPILLWAY_GRAPHQL_MAX_TOKENS: '100' });
    const res = await h.gql(`{ ${'snapshot(ref: "x") { id } '.repeat(1)}${' __typename'.repeat(120)} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('the documented full queries fit the default limits', async (t) => {
    const h = await buildGraphqlHarness(t);
    for (const [query, variables] of [
      [EFFECTIVE_POLICY_QUERY, ok],
      [WHAT_IF_QUERY, { ...ok, scenario: {} }],
      [SWEEP_QUERY, { ...ok, scenario: {} }],
    ] as const) {
      const res = await h.gql(query, variables);
      expect(res.body.errors).toBeUndefined();
    }
  });

  it('a batched (array) body → 400', async (t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify([
        { query: '{ snapshot(ref: "x") { id } }' },
        { query: '{ snapshot(ref: "y") { id } }' },
      ]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('batching');
    expect(h.services.calls).toEqual([]);
  });

  it.for([
    [
      'GET without a preflight header',
      { method: 'GET' as const, url: '/graphql?query=%7B__typename%7D', headers: {} },
      400,
    ],
    [
      'POST text/plain',
      {
        method: 'POST' as const,
        url: '/graphql',
        headers: { 'content-type': 'text/plain' },
        payload: '{"query":"{__typename}"}',
      },
      400,
    ],
    [
      'GET with apollo-require-preflight',
      {
        method: 'GET' as const,
        url: '/graphql?query=%7B__typename%7D',
        headers: { 'apollo-require-preflight': 'true' },
      },
      200,
    ],
  ] as const)('CSRF prevention: %s → %i', async ([_name, request, status], t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.app.inject(request);
    expect(res.statusCode).toBe(status);
    if (status === 400) expect(res.body).toContain('CSRF');
  });

  it.for([
    ['production', 400],
    ['development', 200],
  ] as const)('introspection in %s → %i', async ([env, status], t) => {
    const h = await buildGraphqlHarness(t, { NODE_ENV: env });
    const res = await h.gql('{ __schema { queryType { name } } }');
    expect(res.status).toBe(status);
    if (status === 400) expect(res.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    else expect(res.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  // Apollo's landing pages load from a CDN; browsers get the bundled IDE from the app (graphqlIde.ts).
  it.for(['development', 'production'] as const)('no Apollo landing page in %s', async (env, t) => {
    const h = await buildGraphqlHarness(t, { NODE_ENV: env });
    const res = await h.app.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } });
    expect(String(res.headers['content-type'])).not.toContain('text/html');
    expect(res.body).not.toContain('<!DOCTYPE');
    expect(res.body).not.toContain('landing-page');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => ({
    method: 'OPTIONS' as const,
    url: '/graphql',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,authorization',
    },
  });

  it.for([
    ['an allowed origin', 'https://portal.example.com', 'https://portal.example.com'],
    ['another origin', 'https://evil.example.net', undefined],
  ] as const)('preflight from %s', async ([_name, origin, allowed], t) => {
    const h = await buildGraphqlHarness(t, {
      SPILLWAY_CORS_ORIGINS: 'https://portal.example.com,https://ops.example.com',
    });
    const res = await h.app.inject(preflight(origin));
    expect(res.headers['access-control-allow-origin']).toBe(allowed);
    const post = await h.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { origin, 'content-type': 'application/json' },
      payload: '{"query":"{__typename}"}',
    });
    expect(post.statusCode).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBe(allowed);
  });

  it('sends no CORS headers when no origin is configured', async (t) => {
    const h = await buildGraphqlHarness(t);
    const res = await h.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { origin: 'https://portal.example.com', 'content-type': 'application/json' },
      payload: '{"query":"{__typename}"}',
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('applies to /graphql only', async (t) => {
    const config = testConfig({ SPILLWAY_CORS_ORIGINS: 'https://portal.example.com' });
    const app = Fastify();
    t.onTestFinished(() => app.close());
    app.get('/healthz', () => ({ status: 'ok' }));
    await app.register(graphqlPlugin, {
      config,
      services: createFakeServices(),
      authorizer: createAuthorizer(config),
    });
    const res = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://portal.example.com' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const options = await app.inject({
      method: 'OPTIONS',
      url: '/healthz',
      headers: { origin: 'https://portal.example.com', 'access-control-request-method': 'GET' },
    });
    expect(options.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('auth', () => {
  const tokens = { SPILLWAY_API_TOKENS: 'reader:reader-token-0123456789,writer:writer-token-0123456789' };
  it.for([
    ['no token', {}, 401],
    ['a wrong token', { authorization: 'Bearer wrong-token-0123456789' }, 401],
    ['a reader token', { authorization: 'Bearer reader-token-0123456789' }, 200],
    ['a writer token', { authorization: 'Bearer writer-token-0123456789' }, 200],
  ] as const)('with tokens configured, %s → %i', async ([_name, headers, status], t) => {
    const h = await buildGraphqlHarness(t, tokens);
    const res = await h.gql(ANALYZE_QUERY, { snapshot: 's1' }, headers);
    expect(res.status).toBe(status);
    if (status === 401) {
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      expect(h.services.calls).toEqual([]);
    } else {
      expect(res.body.data?.['analyze']).toHaveLength(1);
    }
  });
});

describe('request logging', () => {
  it('logs operation name, duration and error codes with the request id', async (t) => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const config = testConfig();
    const app = Fastify({ logger: { level: 'info', stream }, genReqId: () => 'req-42' });
    t.onTestFinished(() => app.close());
    await app.register(graphqlPlugin, {
      config,
      services: createFakeServices(),
      authorizer: createAuthorizer(config),
    });
    await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: EFFECTIVE_POLICY_QUERY, variables: { ...ok, client: 'nobody' } }),
    });
    const line = lines.find((l) => l['msg'] === 'graphql operation');
    expect(line).toMatchObject({
      reqId: 'req-42',
      requestId: 'req-42',
      operationName: 'Policy',
      errorCodes: ['UNKNOWN_CLIENT'],
    });
    expect(typeof line?.['durationMs']).toBe('number');
  });
});

/** Log lines of a GraphQL-only app, with the lines at error level (what an operator is paged on). */
async function loggedApp(t: Parameters<typeof buildGraphqlHarness>[0]) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const config = testConfig();
  const app = Fastify({ logger: { level: 'info', stream } });
  t.onTestFinished(() => app.close());
  await app.register(graphqlPlugin, {
    config,
    services: createFakeServices(),
    authorizer: createAuthorizer(config),
  });
  const post = (body: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
  /** Pino's error level. */
  const ERROR_LEVEL = 50;
  return { post, errorLines: () => lines.filter((line) => Number(line['level']) >= ERROR_LEVEL) };
}

describe("a client's mistakes carry a client code and are not logged as internal errors", () => {
  it.for([
    ['a mutation', { query: 'mutation { snapshot }' }, 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['a subscription', { query: 'subscription { snapshot }' }, 400, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'a persisted query whose hash does not match its text',
      {
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
      },
      400,
      'BAD_REQUEST',
    ],
    [
      'a persisted query the server does not know',
      { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
      200,
      'PERSISTED_QUERY_NOT_FOUND',
    ],
  ] as const)('%s → %i %s', async ([_name, body, status, code], t) => {
    const { post, errorLines } = await loggedApp(t);
    const response = await post(body);
    expect(response.statusCode).toBe(status);
    const errors = response.json<{ errors: { extensions: { code: string } }[] }>().errors;
    expect(errors.map((error) => error.extensions.code)).toEqual([code]);
    expect(errorLines()).toEqual([]);
  });
});

describe('the evaluation budget (SPILLWAY_GRAPHQL_MAX_EVALUATIONS)', () => {
  const policies = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `p${i}: effectivePolicy(snapshot: "s1", client: "c", backend: "b") { profile }`).join(' ')} }`;
  const sweeps = (points: number, aliases: number) =>
    `query($s: ScenarioInput!) { whatIf(snapshot: "s1", client: "c", backend: "b", scenario: $s) { ${Array.from(
      { length: aliases },
      (_, i) => `s${i}: sweep(from: 1, to: ${1 + (points - 1) * 0.5}, step: 0.5) { loadFactor }`,
    ).join(' ')} } }`;
  const fragmentTwice =
    'query { ...A ...A } fragment A on Query { effectivePolicy(snapshot: "s1", client: "c", backend: "b") { profile } e2: effectivePolicy(snapshot: "s1", client: "c", backend: "b") { profile } }';

  // Each effectivePolicy is one evaluation, a whatIf two (baseline and scenario), a sweep one per point.
  it.for([
    [
      '10 aliased answers within a budget of 10',
      { SPILLWAY_GRAPHQL_MAX_EVALUATIONS: '10' },
      policies(10),
      200,
    ],
    ['11 aliased answers past a budget of 10', { SPILLWAY_GRAPHQL_MAX_EVALUATIONS: '10' }, policies(11), 400],
    // 2 + 3 sweeps × 30 points = 92.
    [
      'three aliased 30-point sweeps (92) past a budget of 91',
      { SPILLWAY_GRAPHQL_MAX_EVALUATIONS: '91' },
      sweeps(30, 3),
      400,
    ],
    ['the same within a budget of 92', { SPILLWAY_GRAPHQL_MAX_EVALUATIONS: '92' }, sweeps(30, 3), 200],
    // The fragment's two answers, spread twice: 4.
    [
      'a fragment spread twice counts twice (4 > 3)',
      { SPILLWAY_GRAPHQL_MAX_EVALUATIONS: '3' },
      fragmentTwice,
      400,
    ],
  ] as const)('%s', async ([_name, env, query, status], t) => {
    const h = await buildGraphqlHarness(t, env);
    const res = await h.gql(query, { s: {} });
    expect(res.status).toBe(status);
    if (status === 400) {
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'GRAPHQL_VALIDATION_FAILED',
        limit: 'MAX_EVALUATIONS',
      });
      expect(h.services.calls).toEqual([]);
    }
  });

  it('counts sweep points given as variables', async (t) => {
    const h = await buildGraphqlHarness(t, { SPILLWAY_GRAPHQL_MAX_EVALUATIONS: '50' });
    const query =
      'query($s: ScenarioInput!, $to: Float) { whatIf(snapshot: "s1", client: "c", backend: "b", scenario: $s) { sweep(from: 1, to: $to, step: 1) { loadFactor } } }';
    // 2 + 49 points = 51.
    const res = await h.gql(query, { s: {}, to: 49 });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ limit: 'MAX_EVALUATIONS', evaluations: 51 });
  });
});
