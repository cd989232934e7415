import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, loadConfig } from '../../../src/config.js';

const envExampleKeys = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => /^[A-Z_]+=/.test(line))
  .map((line) => line.split('=')[0]);

describe('config', () => {
  it('.env.example lists exactly the keys of the schema', () => {
    expect([...envExampleKeys].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('.env.example values are themselves a valid configuration', () => {
    const values = Object.fromEntries(
      readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(() => loadConfig(values)).not.toThrow();
  });

  it.each([
    [{}, (c: ReturnType<typeof loadConfig>) => c.server.port === 8080 && c.db.path === './data/spillway.db'],
    [{ PORT: '' }, (c: ReturnType<typeof loadConfig>) => c.server.port === 8080],
    [
      { NODE_ENV: 'production' },
      (c: ReturnType<typeof loadConfig>) => !c.graphql.introspection && !c.graphql.ide,
    ],
    [
      { NODE_ENV: 'production', SPILLWAY_GRAPHQL_INTROSPECTION: 'true' },
      (c: ReturnType<typeof loadConfig>) => c.graphql.introspection,
    ],
    [
      { SPILLWAY_UPLOAD_MAX_BYTES: '2048' },
      (c: ReturnType<typeof loadConfig>) => c.upload.bodyLimitBytes === 2048,
    ],
    [
      { SPILLWAY_API_TOKENS: 'reader:rrrrrrrrrrrrrrrr, writer:wwwwwwwwwwwwwwww' },
      (c: ReturnType<typeof loadConfig>) =>
        c.auth.tokens.length === 2 &&
        c.auth.tokens[0]?.role === 'reader' &&
        c.auth.tokens[1]?.token === 'wwwwwwwwwwwwwwww',
    ],
    [
      { SPILLWAY_CORS_ORIGINS: 'https://a.example, https://b.example' },
      (c: ReturnType<typeof loadConfig>) => c.cors.origins.length === 2,
    ],
    [{}, (c: ReturnType<typeof loadConfig>) => c.graphql.ide && c.publicUrl === undefined],
    [
      { NODE_ENV: 'production', SPILLWAY_GRAPHQL_IDE: 'true' },
      (c: ReturnType<typeof loadConfig>) => c.graphql.ide && !c.graphql.introspection,
    ],
    [
      { SPILLWAY_PUBLIC_URL: 'https://spillway.example.com/portal/' },
      (c: ReturnType<typeof loadConfig>) => c.publicUrl === 'https://spillway.example.com/portal',
    ],
    [{}, (c: ReturnType<typeof loadConfig>) => c.graphql.responseCacheBytes === 64 * 1024 * 1024],
    [
      { SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB: '0' },
      (c: ReturnType<typeof loadConfig>) => c.graphql.responseCacheBytes === 0,
    ],
    [{}, (c: ReturnType<typeof loadConfig>) => c.examples.importOnEmpty],
    [{ NODE_ENV: 'production' }, (c: ReturnType<typeof loadConfig>) => !c.examples.importOnEmpty],
    [
      { NODE_ENV: 'production', SPILLWAY_IMPORT_EXAMPLES: 'true' },
      (c: ReturnType<typeof loadConfig>) => c.examples.importOnEmpty,
    ],
    [
      {},
      (c: ReturnType<typeof loadConfig>) =>
        c.server.shutdownGraceMs === 10_000 &&
        c.http.requestTimeoutMs === 300_000 &&
        c.http.headersTimeoutMs === 30_000 &&
        !c.http.metricsRequireToken &&
        !c.http.docsRequireToken,
    ],
    [
      { SPILLWAY_METRICS_REQUIRE_TOKEN: 'true', SPILLWAY_DOCS_REQUIRE_TOKEN: '1' },
      (c: ReturnType<typeof loadConfig>) => c.http.metricsRequireToken && c.http.docsRequireToken,
    ],
  ])('parses %j', (env, check) => {
    expect(check(loadConfig(env))).toBe(true);
  });

  it('reports every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        SPILLWAY_API_TOKENS: 'admin:short',
        NODE_ENV: 'staging',
        SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB: '-1',
        SPILLWAY_PUBLIC_URL: 'ftp://spillway.example.com',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.join('\n');
    for (const key of [
      'PORT',
      'LOG_LEVEL',
      'SPILLWAY_API_TOKENS',
      'NODE_ENV',
      'SPILLWAY_GRAPHQL_RESPONSE_CACHE_MB',
      'SPILLWAY_PUBLIC_URL',
    ])
      expect(issues).toContain(key);
  });

  it('refuses a headers timeout longer than the request timeout (Node would refuse to start)', () => {
    expect(() =>
      loadConfig({ SPILLWAY_HTTP_REQUEST_TIMEOUT_MS: '5000', SPILLWAY_HTTP_HEADERS_TIMEOUT_MS: '6000' }),
    ).toThrow(/SPILLWAY_HTTP_HEADERS_TIMEOUT_MS: must not exceed SPILLWAY_HTTP_REQUEST_TIMEOUT_MS/u);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
