import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import type { TestContext } from 'vitest';
import { testConfig } from '../../../src/config.js';
import { graphqlPlugin } from '../../../src/graphql/plugin.js';
import { createAuthorizer } from '../../../src/http/auth.js';
import { createFakeServices, type FakeServices } from './fakeServices.js';

export interface Harness {
  readonly app: FastifyInstance;
  readonly services: FakeServices;
  /** POSTs a JSON GraphQL request and returns the parsed body with the status. */
  gql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResult>;
}

export interface GqlResult {
  readonly status: number;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  };
  readonly response: LightMyRequestResponse;
}

/** A bare Fastify with only the GraphQL plugin over fake services; closed when the test ends. */
export async function buildGraphqlHarness(
  t: Pick<TestContext, 'onTestFinished'>,
  env: Readonly<Record<string, string>> = {},
  services: FakeServices = createFakeServices(),
): Promise<Harness> {
  const config = testConfig(env);
  const app = Fastify({ logger: false });
  await app.register(graphqlPlugin, { config, services, authorizer: createAuthorizer(config) });
  await app.ready();
  t.onTestFinished(() => app.close());
  return {
    app,
    services,
    async gql(query, variables, headers = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...headers },
        payload: JSON.stringify({ query, ...(variables === undefined ? {} : { variables }) }),
      });
      return { status: response.statusCode, body: response.json(), response };
    },
  };
}
