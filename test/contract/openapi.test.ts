/**
 * The REST contract: valid OpenAPI by a real linter (Redocly's recommended rules), and checked against the
 * registered routes in both directions.
 */
import { createConfig, lint } from '@redocly/openapi-core';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPENAPI } from '../../src/http/openapiDocument.js';
import { repoPath } from '../../src/repoPath.js';
import { buildTestApp } from '../helpers/buildTestApp.js';

/** Linting takes about a second; far above that on a loaded machine. */
const LINT_TIMEOUT_MS = 60_000;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/**
 * Swagger UI's own asset routes under /docs, the portal's hashed assets under /assets and Fastify's automatic
 * HEAD routes are not part of the API.
 */
const isInfrastructure = (method: string, url: string): boolean =>
  method === 'head' || (url.startsWith('/docs/') && url !== '/docs') || url.startsWith('/assets/');

function specOperations(): Set<string> {
  const ops = new Set<string>();
  for (const [path, item] of Object.entries(OPENAPI.paths)) {
    for (const method of Object.keys(item)) if (HTTP_METHODS.includes(method)) ops.add(`${method} ${path}`);
  }
  return ops;
}

async function routeOperations(env: Record<string, string>): Promise<Set<string>> {
  const app = await buildTestApp(env);
  const ops = new Set<string>();
  for (const route of app.spillway.routes) {
    const method = route.method.toLowerCase();
    const url = route.url.replace(/:(\w+)/g, '{$1}');
    if (!isInfrastructure(method, url) && HTTP_METHODS.includes(method)) ops.add(`${method} ${url}`);
  }
  return ops;
}

describe('openapi.yaml', () => {
  it(
    "passes Redocly's recommended rules",
    async () => {
      const config = await createConfig({
        extends: ['recommended'],
        // A proprietary service's license has a name and no URL to point at.
        rules: { 'info-license-strict': 'off' },
      });
      const problems = await lint({ ref: fileURLToPath(repoPath('openapi.yaml')), config });
      const described = problems.map(
        (problem) =>
          `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer ?? ''}: ${problem.message}`,
      );
      expect(described).toEqual([]);
    },
    LINT_TIMEOUT_MS,
  );

  it('has relative servers, so "Try it out" on /docs calls the host that served it', () => {
    const servers = (OPENAPI as unknown as { servers: { url: string }[] }).servers;
    expect(servers.map((server) => server.url)).toEqual(['/']);
  });
});

describe('openapi.yaml ⇄ routes', () => {
  it('every registered route is in the spec, and every spec operation is registered', async () => {
    const spec = specOperations();
    const routes = await routeOperations({ SLACK_SIGNING_SECRET: 'test-signing-secret' });
    expect([...routes].filter((op) => !spec.has(op)).sort()).toEqual([]);
    expect([...spec].filter((op) => !routes.has(op)).sort()).toEqual([]);
  });

  it('every operation documents its error responses with the shared problem component', () => {
    for (const [path, item] of Object.entries(OPENAPI.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!HTTP_METHODS.includes(method)) continue;
        const responses = (op as { responses: Record<string, { $ref?: string }> }).responses;
        for (const [status, response] of Object.entries(responses)) {
          if (Number(status) >= 400 && path.startsWith('/v1/snapshots')) {
            expect(response.$ref, `${method} ${path} ${status}`).toMatch(
              /#\/components\/responses\/(Upload)?Problem$|#\/components\/responses\/Unauthorized$/,
            );
          }
        }
      }
    }
  });

  it('serves the spec and a docs page', async () => {
    const app = await buildTestApp();
    const spec = await app.inject({ method: 'GET', url: '/openapi.yaml' });
    expect(spec.statusCode).toBe(200);
    expect(spec.headers['content-type']).toContain('application/yaml');
    expect(spec.body).toContain('openapi: 3.0.3');
    const docs = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });
});
