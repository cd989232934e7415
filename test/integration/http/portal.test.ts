/**
 * The portal's and the IDE's routes through the real app, over a stand-in build (the browser suite in
 * test/browser runs the real one): what is served where, with which headers, and what is not served.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../../src/config.js';
import { loadWebBuild, type WebBuild } from '../../../src/http/web/webBuild.js';

const PORTAL_HTML =
  '<!doctype html><title>portal</title><script type="module" src="/assets/portal-abc123.js"></script>';
const IDE_HTML = '<!doctype html><title>ide</title>';

function fakeBuild(): WebBuild {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-web-test-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'graphiql'));
  writeFileSync(join(dir, 'index.html'), PORTAL_HTML);
  writeFileSync(join(dir, 'graphiql', 'index.html'), IDE_HTML);
  writeFileSync(join(dir, 'assets', 'portal-abc123.js'), 'console.log(1);');
  writeFileSync(join(dir, 'assets', 'portal-abc123.js.gz'), gzipSync('console.log(1);'));
  writeFileSync(join(dir, 'secret.txt'), 'not served');
  return loadWebBuild(dir);
}

async function app(env: Record<string, string> = {}, webBuild: WebBuild = fakeBuild()) {
  const built = await buildApp(testConfig(env), { webBuild });
  onTestFinished(() => built.close());
  return built;
}

const CSP_SELF_ONLY = /default-src 'self'.*script-src 'self'.*connect-src 'self'/;

describe('portal routes', () => {
  it('GET / is the portal page: HTML, revalidated, self-only CSP, no sniffing', async () => {
    const res = await (await app()).inject({ method: 'GET', url: '/?snapshot=s&client=a/b&backend=c' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toBe(PORTAL_HTML);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toMatch(CSP_SELF_ONLY);
    expect(res.headers['content-security-policy']).toContain("style-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('hashed assets are cached for a year as immutable', async () => {
    const res = await (await app()).inject({ method: 'GET', url: '/assets/portal-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe('console.log(1);');
  });

  it("a browser that accepts gzip gets the build's compressed copy, with the same headers", async () => {
    const res = await (
      await app()
    ).inject({
      method: 'GET',
      url: '/assets/portal-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toContain('accept-encoding');
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(res.rawPayload).toString()).toBe('console.log(1);');
  });

  it.each([
    '/assets/missing.js',
    '/assets/../secret.txt',
    '/assets/%2e%2e/secret.txt',
    '/secret.txt',
    '/index.html',
    '/graphiql/index.html',
  ])('GET %s is a problem+json 404 (only / and /assets/ are served)', async (url) => {
    const res = await (await app()).inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('without a build, / says how to build (503) and the APIs still work', async () => {
    const built = await app({}, {});
    const res = await built.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    expect((await built.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('GET /graphql from a browser', () => {
  const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  it.each([
    [{}, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', SPILLWAY_GRAPHQL_IDE: 'true' }, true],
    [{ SPILLWAY_GRAPHQL_IDE: 'false' }, false],
  ])('with %j the IDE is served: %s', async (env, served) => {
    const res = await (await app(env)).inject({ method: 'GET', url: '/graphql', headers: html });
    expect(res.body === IDE_HTML).toBe(served);
    if (served) {
      expect(res.headers['content-security-policy']).toMatch(CSP_SELF_ONLY);
      expect(res.headers['cache-control']).toBe('no-cache');
    } else {
      expect(String(res.headers['content-type'])).not.toContain('text/html');
    }
  });

  it.each([
    ['an operation in the query string', '/graphql?query=%7B__typename%7D', html],
    ['a client that prefers JSON', '/graphql', { accept: 'application/json, text/html;q=0.5' }],
    ['no Accept header', '/graphql', {}],
  ])('%s still reaches Apollo', async (_what, url, headers) => {
    const res = await (
      await app()
    ).inject({
      method: 'GET',
      url,
      headers: { ...headers, 'apollo-require-preflight': 'true' },
    });
    expect(res.body).not.toBe(IDE_HTML);
    expect(String(res.headers['content-type'])).toContain('json');
  });

  it('POST /graphql is untouched', async () => {
    const res = await (
      await app()
    ).inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...html },
      payload: { query: '{ __typename }' },
    });
    expect(res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('without a build the IDE route says how to build', async () => {
    const res = await (await app({}, {})).inject({ method: 'GET', url: '/graphql', headers: html });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
  });
});
