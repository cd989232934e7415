/**
 * The GraphQL API through the real app (`buildApp` + inject on /graphql) over the bundled examples: every
 * query, every error code, the limits and the auth.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import type { Diagnostic, EffectivePolicy, SweepPoint, WhatIf } from '../../../src/engine/index.js';
import type { SnapshotConnection } from '../../../src/graphql/resolvers/Query/snapshots.js';
import type { KindCount } from '../../../src/graphql/resolvers/Snapshot.js';
import type { SnapshotSummary } from '../../../src/services/types.js';
import { buildTestApp, graphql, uploadExample } from '../../helpers/buildTestApp.js';
import {
  ANALYZE_QUERY,
  EFFECTIVE_POLICY_QUERY,
  SNAPSHOT_QUERY,
  SNAPSHOTS_QUERY,
  SWEEP_QUERY,
  WHAT_IF_QUERY,
} from '../../unit/graphql/queries.js';

/** The event-loop guard would shed the first queries after importing every example in one go. */
const ENV = { SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0' };

/** What the queries select, read through the answer types (absent fields come back as null). */
interface Data {
  readonly effectivePolicy: EffectivePolicy;
  readonly whatIf: WhatIf & { readonly sweep: readonly SweepPoint[] };
  readonly analyze: readonly Diagnostic[];
  readonly snapshot: (Omit<SnapshotSummary, 'counts'> & { readonly counts: readonly KindCount[] }) | null;
  readonly snapshots: SnapshotConnection;
}
interface Answer {
  status: number;
  data: Data | null | undefined;
  errors: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[] | undefined;
}
async function ask(
  app: FastifyInstance,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await graphql(app, query, variables, headers);
  const body = res.json<{ data?: Data | null; errors?: Answer['errors'] }>();
  return { status: res.statusCode, data: body.data, errors: body.errors };
}

const PATHS = [
  ['httpbin-before', 'httpbin/client-in-ambient', 'in-ambient.httpbin', ['ZTUNNEL', 'WAYPOINT']],
  ['httpbin-after', 'httpbin/client-in-ambient', 'in-ambient', ['ZTUNNEL', 'WAYPOINT']],
  [
    'httpbin-after',
    'httpbin/client-in-ambient-6b5c96c4f8-x2j9k',
    'in-ambient.httpbin.svc.cluster.local',
    ['ZTUNNEL', 'WAYPOINT'],
  ],
  [
    'bookinfo-multicluster',
    'cluster1/bookinfo/ratings',
    'productpage.bookinfo.mesh.internal',
    ['ZTUNNEL', 'WAYPOINT'],
  ],
  ['sidecar-client', 'client/sleep', 'helloworld.backend', ['SIDECAR']],
] as const;

describe('queries on the bundled examples', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(testConfig({ ...ENV, SPILLWAY_IMPORT_EXAMPLES: 'true' }));
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(PATHS)('effectivePolicy %s: %s → %s', async (snapshot, client, backend, proxies) => {
    const { status, data, errors } = await ask(app, EFFECTIVE_POLICY_QUERY, { snapshot, client, backend });
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    const policy = data!.effectivePolicy;
    expect(policy.profile).toBe('SOLO');
    expect(policy.hops.map((h) => h.from.kind)).toEqual(proxies);
    for (const hop of policy.hops) {
      const shares = hop.endpoints.reduce((total, e) => total + e.sharePercent, 0);
      expect(shares + hop.droppedPercent).toBeCloseTo(100, 3);
      expect(hop.priorities.reduce((total, p) => total + p.loadPercent, 0)).toBeCloseTo(
        100 - hop.droppedPercent,
        3,
      );
    }
    // End to end: one entry per backend endpoint (the last hop's), never more than the client's requests.
    const last = policy.hops.at(-1);
    expect(policy.backendShares.map((e) => e.name)).toEqual(last?.endpoints.map((e) => e.name));
    const endToEnd = policy.backendShares.reduce((total, e) => total + e.sharePercent, 0);
    expect(endToEnd).toBeLessThanOrEqual(100 + 1e-6);
    expect(endToEnd).toBeGreaterThan(0);
  });

  it.each(PATHS)('profile override on %s is stated in the answer', async (snapshot, client, backend) => {
    const { data } = await ask(app, EFFECTIVE_POLICY_QUERY, {
      snapshot,
      client,
      backend,
      profile: 'ISTIO_1_31',
    });
    expect(data?.effectivePolicy.profile).toBe('ISTIO_1_31');
  });

  it.each(PATHS)('whatIf and its sweep on %s: %s → %s', async (snapshot, client, backend) => {
    const baseline = await ask(app, WHAT_IF_QUERY, { snapshot, client, backend, scenario: {} });
    expect(baseline.errors).toBeUndefined();
    const w = baseline.data!.whatIf;
    expect(w.scenario.hops).toEqual(w.baseline.hops);
    expect(w.errorPercent).toBe(0);

    const sweep = await ask(app, SWEEP_QUERY, {
      snapshot,
      client,
      backend,
      scenario: {},
      from: 1,
      to: 3,
      step: 1,
    });
    expect(sweep.errors).toBeUndefined();
    const points = sweep.data!.whatIf.sweep;
    expect(points.map((p) => p.loadFactor)).toEqual([1, 2, 3]);
    // More load never means less overflow.
    const overflow = points.map((p) => Math.max(...p.hops.map((h) => h.overflowPercent)));
    expect([...overflow].sort((a, b) => a - b)).toEqual(overflow);
  });

  it('whatIf: one failing pod behind a waypoint with outlier detection is ejected', async () => {
    const { data } = await ask(app, WHAT_IF_QUERY, {
      snapshot: 'httpbin-after',
      client: 'httpbin/client-in-ambient',
      backend: 'in-ambient',
      scenario: { ejectEndpoints: ['in-ambient-7d8f9b6c54-abc12'] },
    });
    expect(data?.whatIf.ejections).toEqual([
      expect.objectContaining({
        endpoint: 'in-ambient-7d8f9b6c54-abc12',
        hop: 1,
        outcome: 'EJECTED',
        ejectionSeconds: 30,
      }),
    ]);
  });

  it('whatIf: the same failure before the DestinationRule is not ejected (no outlier detection)', async () => {
    const { data } = await ask(app, WHAT_IF_QUERY, {
      snapshot: 'httpbin-before',
      client: 'httpbin/client-in-ambient',
      backend: 'in-ambient.httpbin',
      scenario: { ejectEndpoints: ['in-ambient-7d8f9b6c54-abc12'] },
    });
    expect(data?.whatIf.ejections[0]?.outcome).toBe('NO_OUTLIER_DETECTION');
    expect(data?.whatIf.errorPercent).toBeGreaterThan(0);
  });

  it.each([
    // httpbin-before: the waypoint balances in-ambient's three pods evenly, no outlier detection.
    // HTTP_5XX: a 503 is not retried → abc12's third fails: 33.333333 %.
    // CONNECT_FAILURE: DefaultPolicy retries twice, 6 draws each: ⅓ · (⅓)^6 · (⅓)^6 = 3^−13 → 0.000063 %;
    // each request makes 1 + ⅓ + ⅓ · (⅓)^6 = 1.333791 attempts on average.
    // NOT_READY: abc12 leaves EDS (sent UNHEALTHY), the other two take half each: 0 %.
    { failure: 'HTTP_5XX', error: 33.333333, retried: false, attempts: 1 },
    { failure: 'CONNECT_FAILURE', error: 0.000063, retried: true, attempts: 1.333791 },
    { failure: 'NOT_READY', error: 0, retried: undefined, attempts: undefined },
  ])('whatIf with failure $failure', async ({ failure, error, retried, attempts }) => {
    const res = await graphql(
      app,
      `
        query ($scenario: ScenarioInput!) {
          whatIf(
            snapshot: "httpbin-before"
            client: "httpbin/client-in-ambient"
            backend: "in-ambient.httpbin"
            scenario: $scenario
          ) {
            errorPercent
            ejections {
              outcome
            }
            scenario {
              hops {
                retries {
                  retried
                  attemptsPerRequest
                }
                endpoints {
                  name
                  healthy
                  failing
                  attemptsPercent
                }
              }
            }
          }
        }
      `,
      { scenario: { ejectEndpoints: ['in-ambient-7d8f9b6c54-abc12'], failure } },
    );
    const body = res.json<{
      data?: {
        whatIf: {
          errorPercent: number;
          scenario: { hops: { retries: { retried: boolean; attemptsPerRequest: number } | null }[] };
        };
      };
      errors?: unknown;
    }>();
    expect(body.errors).toBeUndefined();
    expect(body.data?.whatIf.errorPercent).toBe(error);
    const retries = body.data?.whatIf.scenario.hops[1]?.retries;
    expect(retries?.retried).toBe(retried);
    expect(retries?.attemptsPerRequest).toBe(attempts);
  });

  it('whatIf rejects an unknown failure kind as a validation error', async () => {
    const res = await graphql(
      app,
      `
        {
          whatIf(
            snapshot: "httpbin-before"
            client: "httpbin/client-in-ambient"
            backend: "in-ambient.httpbin"
            scenario: { failure: TIMEOUT }
          ) {
            errorPercent
          }
        }
      `,
    );
    const body = res.json<{ errors?: { extensions?: { code?: string } }[] }>();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it.each(['httpbin-before', 'httpbin-after', 'bookinfo-multicluster', 'sidecar-client'])(
    'analyze and snapshot(ref) on %s',
    async (snapshot) => {
      const analyzed = await ask(app, ANALYZE_QUERY, { snapshot });
      expect(analyzed.errors).toBeUndefined();
      for (const d of analyzed.data!.analyze) expect(['ERROR', 'WARNING', 'INFO']).toContain(d.severity);
      const found = await ask(app, SNAPSHOT_QUERY, { ref: snapshot });
      const s = found.data!.snapshot!;
      expect(s.name).toBe(snapshot);
      expect(s.profile).toBe('SOLO');
      expect(s.counts.length).toBeGreaterThan(0);
      const byId = await ask(app, SNAPSHOT_QUERY, { ref: s.id });
      expect(byId.data?.snapshot?.name).toBe(snapshot);
    },
  );

  const REFERENCES_QUERY = `query R($ref: String!, $contains: String, $first: Int) {
    snapshot(ref: $ref) { clients(contains: $contains, first: $first) backends(contains: $contains, first: $first) }
  }`;
  interface References {
    readonly snapshot: { readonly clients: string[]; readonly backends: string[] };
  }
  const references = async (variables: Record<string, unknown>): Promise<References['snapshot']> => {
    const res = await graphql(app, REFERENCES_QUERY, variables);
    const body = res.json<{ data: References; errors?: unknown }>();
    expect(body.errors).toBeUndefined();
    return body.data.snapshot;
  };

  it.each(PATHS)(
    'clients and backends of %s name the client %s and the backend %s resolves to',
    async (snapshot, client, backend) => {
      const { clients, backends } = await references({ ref: snapshot });
      expect(clients).toEqual([...clients].sort());
      expect(clients).toContain(client.split('/').slice(-2).join('/'));
      const policy = await ask(app, EFFECTIVE_POLICY_QUERY, { snapshot, client, backend });
      expect(backends).toContain(policy.data!.effectivePolicy.backend);
    },
  );

  it.each(['httpbin-after', 'bookinfo-multicluster', 'sidecar-client'])(
    'every client %s lists resolves as a client reference',
    async (snapshot) => {
      const { clients, backends } = await references({ ref: snapshot });
      for (const client of clients) {
        const answer = await ask(app, EFFECTIVE_POLICY_QUERY, { snapshot, client, backend: backends[0] });
        // A name in several clusters is ambiguous without its cluster, never unknown.
        const code = answer.errors?.[0]?.extensions['code'];
        expect(['UNKNOWN_CLIENT', 'INVALID_REFERENCE'], client).not.toContain(code);
      }
    },
  );

  it('clients and backends filter by `contains` and bound the list by `first`', async () => {
    const all = await references({ ref: 'httpbin-after' });
    const some = await references({ ref: 'httpbin-after', contains: 'IN-AMBIENT', first: 2 });
    expect(some.clients.length).toBeLessThanOrEqual(2);
    expect(some.clients.length).toBeGreaterThan(0);
    for (const name of [...some.clients, ...some.backends]) expect(name).toContain('in-ambient');
    expect(some.clients).toEqual(all.clients.filter((c) => c.includes('in-ambient')).slice(0, 2));
    const refused = await graphql(app, REFERENCES_QUERY, { ref: 'httpbin-after', first: 0 });
    expect(refused.json<{ errors: { extensions: { code: string } }[] }>().errors[0]?.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('snapshot(ref) is null for an unknown reference; latest is the newest', async () => {
    expect((await ask(app, SNAPSHOT_QUERY, { ref: 'no-such-snapshot' })).data).toEqual({ snapshot: null });
    expect((await ask(app, SNAPSHOT_QUERY, { ref: 'latest' })).data?.snapshot).not.toBeNull();
  });

  it('snapshots pages through every snapshot', async () => {
    const names: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard += 1) {
      const { data } = await ask(app, SNAPSHOTS_QUERY, {
        first: 3,
        ...(after === undefined ? {} : { after }),
      });
      const page = data!.snapshots;
      names.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    expect(names.sort()).toEqual([
      'bookinfo-multicluster',
      'httpbin-after',
      'httpbin-before',
      'sidecar-client',
    ]);
  });

  const ok = { snapshot: 'httpbin-after', client: 'httpbin/client-in-ambient', backend: 'in-ambient' };
  it.each([
    ['unknown snapshot', EFFECTIVE_POLICY_QUERY, { ...ok, snapshot: 'nope' }, 'UNKNOWN_SNAPSHOT'],
    [
      'unknown client',
      EFFECTIVE_POLICY_QUERY,
      { ...ok, client: 'httpbin/client-in-ambiant' },
      'UNKNOWN_CLIENT',
    ],
    ['unknown backend', EFFECTIVE_POLICY_QUERY, { ...ok, backend: 'in-ambiant.httpbin' }, 'UNKNOWN_BACKEND'],
    [
      'ambiguous reference',
      EFFECTIVE_POLICY_QUERY,
      {
        snapshot: 'bookinfo-multicluster',
        client: 'bookinfo/productpage-v1',
        backend: 'productpage.bookinfo.mesh.internal',
      },
      'AMBIGUOUS_REFERENCE',
    ],
    ['invalid reference', EFFECTIVE_POLICY_QUERY, { ...ok, client: 'a/b/c/d' }, 'INVALID_REFERENCE'],
    ['invalid scenario', WHAT_IF_QUERY, { ...ok, scenario: { loadFactor: -1 } }, 'INVALID_SCENARIO'],
    [
      'invalid sweep',
      SWEEP_QUERY,
      { ...ok, scenario: {}, from: 1, to: 1000, step: 0.001 },
      'INVALID_SCENARIO',
    ],
    ['unknown snapshot in analyze', ANALYZE_QUERY, { snapshot: 'nope' }, 'UNKNOWN_SNAPSHOT'],
  ])('%s → %s', async (_name, query, variables, code) => {
    const { status, errors } = await ask(app, query, variables);
    expect(status).toBe(200);
    expect(errors?.[0]?.extensions['code']).toBe(code);
    expect(errors?.[0]?.extensions['stacktrace']).toBeUndefined();
  });

  it.each([
    ['client', { ...ok, client: 'httpbin/client-in-ambiant' }, 'httpbin/client-in-ambient'],
    ['backend', { ...ok, backend: 'in-ambiant.httpbin' }, 'in-ambient'],
  ])('an unknown %s lists the close matches in extensions', async (_what, variables, expected) => {
    const { errors } = await ask(app, EFFECTIVE_POLICY_QUERY, variables);
    const closest = JSON.stringify(errors?.[0]?.extensions['closest'] ?? errors?.[0]?.extensions);
    expect(closest).toContain(expected);
  });

  it('an ambiguous client lists the candidates in each cluster', async () => {
    const { errors } = await ask(app, EFFECTIVE_POLICY_QUERY, {
      snapshot: 'bookinfo-multicluster',
      client: 'bookinfo/productpage-v1',
      backend: 'productpage.bookinfo.mesh.internal',
    });
    const candidates = JSON.stringify(errors?.[0]?.extensions['candidates']);
    expect(candidates).toContain('cluster1');
    expect(candidates).toContain('cluster2');
  });

  it.each([
    ['a variable', EFFECTIVE_POLICY_QUERY, { ...ok, profile: 'ISTIO_1_29' }, 'BAD_USER_INPUT'],
    [
      'a literal',
      '{ analyze(snapshot: "httpbin-after", profile: ISTIO_1_29) { code } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
    ],
  ])('an invalid profile as %s → 400 %s', async (_how, query, variables, code) => {
    const { status, errors } = await ask(app, query, variables);
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions['code']).toBe(code);
  });
});

describe('snapshot lifecycle', () => {
  it('a deleted snapshot is no longer answered (its compiled mesh is evicted)', async () => {
    const app = await buildTestApp(ENV);
    const { id } = await uploadExample(app, 'httpbin-after.yaml');
    const variables = { snapshot: id, client: 'httpbin/client-in-ambient', backend: 'in-ambient' };
    expect((await ask(app, EFFECTIVE_POLICY_QUERY, variables)).errors).toBeUndefined();
    const deleted = await app.inject({ method: 'DELETE', url: `/v1/snapshots/${id}` });
    expect(deleted.statusCode).toBeLessThan(300);
    expect((await ask(app, EFFECTIVE_POLICY_QUERY, variables)).errors?.[0]?.extensions['code']).toBe(
      'UNKNOWN_SNAPSHOT',
    );
  });
});

const deep = `{ whatIf(snapshot: "httpbin-after", client: "httpbin/client-in-ambient", backend: "in-ambient", scenario: {}) {
  scenario { hops { localityLb { resource { kind } } } } } }`;
const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: snapshot(ref: "latest") { id }`).join(' ')} }`;
const costly = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: whatIf(snapshot: "x", client: "c", backend: "b", scenario: {}) { baseline { hops { endpoints { name address cluster network locality node priority healthy ejected sharePercent } } } scenario { hops { endpoints { name address cluster network locality node priority healthy ejected sharePercent } } } }`).join(' ')} }`;

describe('limits against abusive queries', () => {
  it.each([
    ['too deep', { SPILLWAY_GRAPHQL_MAX_DEPTH: '4' }, deep, 'GRAPHQL_VALIDATION_FAILED', 'MAX_DEPTH'],
    ['too costly', { SPILLWAY_GRAPHQL_MAX_COST: '1000' }, costly, 'GRAPHQL_VALIDATION_FAILED', 'MAX_COST'],
    ['too many aliases', {}, aliases(16), 'GRAPHQL_VALIDATION_FAILED', 'MAX_ALIASES'],
    [
      'too many tokens',
      { SPILLWAY_GRAPHQL_MAX_TOKENS: '100' },
      aliases(15),
      'GRAPHQL_PARSE_FAILED',
      undefined,
    ],
  ])('%s → 400 %s', async (_name, env, query, code, limit) => {
    const app = await buildTestApp({ ...ENV, ...env });
    const { status, errors } = await ask(app, query);
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions['code']).toBe(code);
    expect(errors?.[0]?.extensions['limit']).toBe(limit);
  });

  it('a batched array body → 400', async () => {
    const app = await buildTestApp(ENV);
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify([
        { query: '{ snapshots { nodes { id } } }' },
        { query: '{ snapshots { nodes { id } } }' },
      ]),
    });
    expect(res.statusCode).toBe(400);
  });

  it.each([
    [
      'GET without a preflight header',
      { method: 'GET' as const, url: '/graphql?query=%7Bsnapshots%7Bnodes%7Bid%7D%7D%7D' },
    ],
    [
      'POST text/plain',
      {
        method: 'POST' as const,
        url: '/graphql',
        headers: { 'content-type': 'text/plain' },
        payload: '{"query":"{ snapshots { nodes { id } } }"}',
      },
    ],
    [
      'POST form-urlencoded',
      {
        method: 'POST' as const,
        url: '/graphql',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'query=%7Bsnapshots%7Bnodes%7Bid%7D%7D%7D',
      },
    ],
  ])('CSRF-style %s is refused', async (_name, request) => {
    const app = await buildTestApp(ENV);
    const res = await app.inject(request);
    // Apollo refuses simple requests without a preflight header (400); Fastify has no form parser (415).
    expect([400, 415]).toContain(res.statusCode);
    expect(res.body).not.toContain('"data"');
  });

  it('introspection is refused with the production configuration', async () => {
    const app = await buildTestApp({ ...ENV, NODE_ENV: 'production' });
    const { status, errors } = await ask(app, '{ __schema { types { name } } }');
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('auth', () => {
  const TOKENS = { SPILLWAY_API_TOKENS: 'reader:reader-token-abcdefghij,writer:writer-token-abcdefghij' };
  it.each([
    ['no token', {}, 401],
    ['an unknown token', { authorization: 'Bearer not-a-token-abcdefghij' }, 401],
    ['a reader token', { authorization: 'Bearer reader-token-abcdefghij' }, 200],
  ])('with tokens configured, %s → %i', async (_name, headers, status) => {
    const app = await buildTestApp({ ...ENV, ...TOKENS });
    const res = await ask(app, SNAPSHOTS_QUERY, {}, headers);
    expect(res.status).toBe(status);
    if (status === 401) expect(res.errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    else expect(res.data?.snapshots.nodes).toEqual([]);
  });
});
