/**
 * The lean path answers exactly as Apollo does. Each case is sent through Apollo first (a fresh app, the
 * document not yet accepted), then, once a clean request with the same document has been accepted, again:
 * a clean question is then answered without Apollo, and anything else is handed back to it. Status, every
 * header but the date, and the body must be the same bytes either way.
 */
import { ApolloServer } from '@apollo/server';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { buildTestApp, uploadExample } from '../../helpers/buildTestApp.js';
import {
  ANALYZE_QUERY,
  EFFECTIVE_POLICY_QUERY,
  SWEEP_QUERY,
  WHAT_IF_QUERY,
} from '../../unit/graphql/queries.js';

const READER = 'Bearer reader-token-abcdefghij';
const WRITER = 'Bearer writer-token-abcdefghij';
/** A small evaluation budget, so a sweep can go over it with a handful of points. */
const MAX_EVALUATIONS = 12;
const ENV = {
  SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
  SPILLWAY_API_TOKENS: 'reader:reader-token-abcdefghij,writer:writer-token-abcdefghij',
  SPILLWAY_GRAPHQL_MAX_EVALUATIONS: String(MAX_EVALUATIONS),
};
const QUESTION = { client: 'httpbin/client-in-ambient', backend: 'in-ambient.httpbin' };
const SNAPSHOT = '$snapshot';
const JSON_TYPE = { 'content-type': 'application/json' };

interface Case {
  readonly name: string;
  readonly query: string;
  /** `$snapshot` stands for the uploaded snapshot's id. */
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body as sent, when it is not `{ query, operationName, variables }`. */
  readonly body?: (id: string) => unknown;
  readonly method?: 'GET';
  /** Variables of a clean request that gets the document accepted first; none when the case is clean. */
  readonly accept?: Readonly<Record<string, unknown>>;
  /** Who answers the second time: the lean path, Apollo, or the auth hook before either. */
  readonly path: 'lean' | 'apollo' | 'refused';
  readonly status: number;
}

const POLICY_VARIABLES = { snapshot: SNAPSHOT, ...QUESTION };
const SWEEP_VARIABLES = { ...POLICY_VARIABLES, scenario: { loadFactor: 1.5 }, from: 1, to: 2, step: 0.5 };
// The sweep costs its points plus the whatIf's two evaluations; 1 → 2 by 0.5 is 3 points (5 in all), and
// 1 → 3 by 0.1 is 21 points (23 in all): over MAX_EVALUATIONS only through its variables.
const OVER_BUDGET_SWEEP = { ...SWEEP_VARIABLES, to: 3, step: 0.1 };
const TWO_OPERATIONS = `query Latest { snapshot(ref: "latest") { id name } }
query Count { snapshots(first: 1) { nodes { id } } }`;

const CASES: readonly Case[] = [
  {
    name: 'effectivePolicy',
    query: EFFECTIVE_POLICY_QUERY,
    variables: POLICY_VARIABLES,
    path: 'lean',
    status: 200,
  },
  {
    name: 'effectivePolicy under a profile',
    query: EFFECTIVE_POLICY_QUERY,
    variables: { ...POLICY_VARIABLES, profile: 'ISTIO_1_31' },
    path: 'lean',
    status: 200,
  },
  {
    name: 'whatIf',
    query: WHAT_IF_QUERY,
    variables: { ...POLICY_VARIABLES, scenario: { loadFactor: 1.5 } },
    path: 'lean',
    status: 200,
  },
  { name: 'sweep', query: SWEEP_QUERY, variables: SWEEP_VARIABLES, path: 'lean', status: 200 },
  { name: 'analyze', query: ANALYZE_QUERY, variables: { snapshot: SNAPSHOT }, path: 'lean', status: 200 },
  { name: '{ __typename }', query: '{ __typename }', path: 'lean', status: 200 },
  {
    name: 'one of two named operations',
    query: TWO_OPERATIONS,
    operationName: 'Count',
    path: 'lean',
    status: 200,
  },
  {
    name: 'Accept: application/graphql-response+json',
    query: EFFECTIVE_POLICY_QUERY,
    variables: POLICY_VARIABLES,
    headers: { accept: 'application/graphql-response+json' },
    path: 'lean',
    status: 200,
  },
  {
    name: 'a variable of the wrong type',
    query: EFFECTIVE_POLICY_QUERY,
    variables: { ...POLICY_VARIABLES, client: 42 },
    accept: POLICY_VARIABLES,
    path: 'apollo',
    status: 400,
  },
  {
    name: 'a missing variable',
    query: EFFECTIVE_POLICY_QUERY,
    variables: { snapshot: SNAPSHOT, client: QUESTION.client },
    accept: POLICY_VARIABLES,
    path: 'apollo',
    status: 400,
  },
  {
    name: 'an unknown snapshot',
    query: EFFECTIVE_POLICY_QUERY,
    variables: { ...POLICY_VARIABLES, snapshot: 'no-such-snapshot' },
    accept: POLICY_VARIABLES,
    path: 'apollo',
    status: 200,
  },
  {
    name: 'an unknown backend',
    query: EFFECTIVE_POLICY_QUERY,
    variables: { ...POLICY_VARIABLES, backend: 'nope.nowhere' },
    accept: POLICY_VARIABLES,
    path: 'apollo',
    status: 200,
  },
  {
    name: 'a sweep over the evaluation budget',
    query: SWEEP_QUERY,
    variables: OVER_BUDGET_SWEEP,
    accept: SWEEP_VARIABLES,
    path: 'apollo',
    status: 400,
  },
  {
    name: 'no token',
    query: EFFECTIVE_POLICY_QUERY,
    variables: POLICY_VARIABLES,
    headers: { authorization: '' },
    accept: POLICY_VARIABLES,
    path: 'refused',
    status: 401,
  },
  {
    name: 'a mutation',
    query: 'mutation { effectivePolicy }',
    path: 'apollo',
    status: 400,
  },
  {
    name: 'a GET',
    query: EFFECTIVE_POLICY_QUERY,
    variables: POLICY_VARIABLES,
    method: 'GET',
    headers: { 'apollo-require-preflight': 'true' },
    accept: POLICY_VARIABLES,
    path: 'apollo',
    status: 200,
  },
  {
    name: 'a persisted-query extension',
    query: EFFECTIVE_POLICY_QUERY,
    body: (id) => ({
      query: EFFECTIVE_POLICY_QUERY,
      variables: { ...POLICY_VARIABLES, snapshot: id },
      extensions: { persistedQuery: { version: 1, sha256Hash: 'not-the-hash' } },
    }),
    accept: POLICY_VARIABLES,
    path: 'apollo',
    status: 400,
  },
  {
    name: 'variables as a JSON string',
    query: EFFECTIVE_POLICY_QUERY,
    body: (id) => ({
      query: EFFECTIVE_POLICY_QUERY,
      variables: JSON.stringify({ ...POLICY_VARIABLES, snapshot: id }),
    }),
    accept: POLICY_VARIABLES,
    path: 'apollo',
    status: 400,
  },
  {
    name: 'a batch',
    query: EFFECTIVE_POLICY_QUERY,
    body: (id) => [{ query: EFFECTIVE_POLICY_QUERY, variables: { ...POLICY_VARIABLES, snapshot: id } }],
    accept: POLICY_VARIABLES,
    path: 'apollo',
    status: 400,
  },
  {
    name: 'an Accept without JSON',
    query: EFFECTIVE_POLICY_QUERY,
    variables: POLICY_VARIABLES,
    headers: { accept: 'text/csv' },
    accept: POLICY_VARIABLES,
    path: 'apollo',
    status: 406,
  },
];

const withSnapshot = (variables: Readonly<Record<string, unknown>> | undefined, id: string) =>
  variables === undefined
    ? undefined
    : Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v === SNAPSHOT ? id : v]));

function send(
  app: FastifyInstance,
  c: Case,
  id: string,
  variables = c.variables,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {
    authorization: READER,
    'x-request-id': 'same-request',
    ...c.headers,
  };
  // An empty authorization in a case stands for none at all.
  if (headers['authorization'] === '') delete headers['authorization'];
  const vars = withSnapshot(variables, id);
  if (c.method === 'GET') {
    const search = new URLSearchParams({
      query: c.query,
      ...(vars ? { variables: JSON.stringify(vars) } : {}),
    });
    return app.inject({ method: 'GET', url: `/graphql?${search.toString()}`, headers });
  }
  const body =
    c.body?.(id) ??
    ({
      query: c.query,
      ...(c.operationName ? { operationName: c.operationName } : {}),
      variables: vars,
    } as const);
  return app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { ...JSON_TYPE, ...headers },
    payload: JSON.stringify(body),
  });
}

/** What a client can tell apart: the status, every header but the date, and the body (ids of one app's own). */
function seen(response: LightMyRequestResponse, id: string) {
  const headers = { ...response.headers };
  delete headers.date;
  return { status: response.statusCode, headers, body: response.body.replaceAll(id, SNAPSHOT) };
}

async function freshApp(cacheMb: string): Promise<{ app: FastifyInstance; id: string }> {
  const app = await buildTestApp({ ...ENV, SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB: cacheMb });
  const { id } = await uploadExample(app, 'httpbin-before.yaml', { authorization: WRITER });
  return { app, id };
}

describe.each([
  { cache: 'off', cacheMb: '0' },
  { cache: 'on', cacheMb: '64' },
])('the lean path, response cache $cache', ({ cacheMb }) => {
  it.each(CASES)('answers $name as Apollo does', async (c) => {
    // Through Apollo: a fresh app, where no document has been accepted yet.
    const reference = await freshApp(cacheMb);
    const throughApollo = seen(await send(reference.app, c, reference.id), reference.id);
    expect(throughApollo.status).toBe(c.status);

    const { app, id } = await freshApp(cacheMb);
    if (c.accept !== undefined) {
      // The same document, plainly posted with clean variables.
      const plain: Case = {
        name: c.name,
        query: c.query,
        path: c.path,
        status: c.status,
        ...(c.operationName === undefined ? {} : { operationName: c.operationName }),
      };
      const accepted = await send(app, plain, id, c.accept);
      expect(accepted.json<{ errors?: unknown }>().errors).toBeUndefined();
    } else await send(app, c, id);
    const apollo = vi.spyOn(ApolloServer.prototype, 'executeHTTPGraphQLRequest');
    const services = app.spillway.services;
    const engine = [
      vi.spyOn(services.policy, 'effectivePolicy'),
      vi.spyOn(services.policy, 'whatIf'),
      vi.spyOn(services.policy, 'analyze'),
    ];
    try {
      const again = seen(await send(app, c, id), id);
      expect(again).toEqual(throughApollo);
      expect(apollo).toHaveBeenCalledTimes(c.path === 'apollo' ? 1 : 0);
      // A result with errors is handed to Apollo with the request, never computed twice.
      const calls = engine.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
      expect(calls).toBeLessThanOrEqual(1);
    } finally {
      apollo.mockRestore();
    }
  });
});
