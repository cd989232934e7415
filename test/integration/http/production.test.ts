/**
 * NODE_ENV=production: no bundled examples in a new database, and the start-up banner's request works with
 * the tokens in force (the request the banner prints is sent here with a real token substituted).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { BANNER_TOKEN_VARIABLE, exampleRequest, startupBanner } from '../../../src/startupBanner.js';
import { buildTestApp } from '../../helpers/buildTestApp.js';

const READER = 'reader-token-abcdefghij';
const TOKENS = `reader:${READER},writer:writer-token-abcdefghij`;

describe('NODE_ENV=production', () => {
  it.each([
    { env: { NODE_ENV: 'production' }, imports: false },
    { env: { NODE_ENV: 'production', SPILLWAY_IMPORT_EXAMPLES: 'true' }, imports: true },
    { env: { NODE_ENV: 'development' }, imports: true },
    { env: { NODE_ENV: 'development', SPILLWAY_IMPORT_EXAMPLES: 'false' }, imports: false },
  ])('$env imports the examples into an empty database: $imports', async ({ env, imports }) => {
    const app = await buildTestApp({ ...env, SPILLWAY_IMPORT_EXAMPLES: env.SPILLWAY_IMPORT_EXAMPLES ?? '' });
    expect((await app.spillway.snapshots.count()) > 0).toBe(imports);
  });
});

describe('the start-up banner', () => {
  it.each([
    { name: 'open, with the examples', env: { NODE_ENV: 'development', SPILLWAY_IMPORT_EXAMPLES: 'true' } },
    { name: 'open, production (no examples)', env: { NODE_ENV: 'production' } },
    {
      name: 'with tokens, with the examples',
      env: { NODE_ENV: 'development', SPILLWAY_IMPORT_EXAMPLES: 'true', SPILLWAY_API_TOKENS: TOKENS },
    },
    { name: 'with tokens, production', env: { NODE_ENV: 'production', SPILLWAY_API_TOKENS: TOKENS } },
  ])('its request works as configured: $name', async ({ env }) => {
    const app = await buildTestApp({
      SPILLWAY_IMPORT_EXAMPLES: '',
      ...env,
      SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    const config = loadConfig({ SPILLWAY_IMPORT_EXAMPLES: '', ...env });
    const hasExample = (await app.spillway.snapshots.get('httpbin-after')) !== undefined;
    const request = exampleRequest(config, hasExample, READER);
    const response = await app.inject({
      method: request.method,
      url: request.path,
      headers: request.headers,
      ...(request.body === undefined ? {} : { payload: request.body }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ errors?: unknown }>().errors).toBeUndefined();
    const banner = startupBanner(config, 'http://localhost:8080', hasExample);
    expect(banner.includes(`Bearer $${BANNER_TOKEN_VARIABLE}`)).toBe(config.auth.tokens.length > 0);
    expect(banner).not.toContain(READER);
  });
});
