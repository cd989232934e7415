/**
 * The Slack adapter on a bare Fastify instance with a fake service layer: signatures, limits, every command,
 * and the deferred path delivering to a real HTTP receiver on 127.0.0.1.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { testConfig } from '../../../src/config.js';
import type { SlackMessage } from '../../../src/slack/blockKit.js';
import { slackPlugin } from '../../../src/slack/plugin.js';
import type { SlackPluginOptions } from '../../../src/slack/plugin.js';
import { openTestStores } from '../../helpers/testDatabase.js';
import { allText, expectWithinSlackLimits } from '../../unit/slack/slackAssertions.js';
import { SIGNING_SECRET, fakeServices, postCommand, slackForm, startReceiver } from './slackHarness.js';
import type { FakeServices } from './slackHarness.js';

interface Setup {
  readonly env?: Record<string, string>;
  readonly services?: FakeServices;
  readonly extra?: Partial<Omit<SlackPluginOptions, 'config' | 'services'>>;
}

async function buildSlackApp(setup: Setup = {}): Promise<{ app: FastifyInstance; services: FakeServices }> {
  const services = setup.services ?? fakeServices();
  const { slackDeliveries } = await openTestStores();
  const app = Fastify({ logger: false });
  await app.register(slackPlugin, {
    config: testConfig({ SLACK_SIGNING_SECRET: SIGNING_SECRET, ...setup.env }),
    services,
    deliveries: slackDeliveries,
    allowResponseUrl: (url) => url.hostname === '127.0.0.1',
    retryBackoffMs: 10,
    ...setup.extra,
  });
  // A sibling route outside the plugin: form bodies must not be parsed there.
  app.post('/elsewhere', () => Promise.resolve({ ok: true }));
  await app.ready();
  onTestFinished(() => app.close());
  return { app, services };
}

const answer = (body: string): SlackMessage => JSON.parse(body) as SlackMessage;

describe('POST /v1/slack/commands: commands', () => {
  it.each([
    { text: 'help', call: undefined, needles: ['/spillway policy CLIENT BACKEND [@SNAPSHOT]'] },
    { text: 'snapshots', call: { kind: 'list', query: 10 }, needles: ['*httpbin-after* `@snap-1`'] },
    {
      text: 'policy httpbin/client-in-ambient in-ambient.httpbin',
      call: {
        kind: 'effectivePolicy',
        query: { snapshot: 'latest', client: 'httpbin/client-in-ambient', backend: 'in-ambient.httpbin' },
      },
      needles: [
        'Policy: httpbin/client-in-ambient → in-ambient.httpbin',
        '`ROUND_ROBIN`',
        '→ WAYPOINT waypoint',
      ],
    },
    {
      text: 'whatif httpbin/client-in-ambient in-ambient.httpbin eject pod-a,10.0.0.2 load 1.5 fail us-east-1/us-east-1a,cluster:cluster2 @snap-1',
      call: {
        kind: 'whatIf',
        query: {
          snapshot: 'snap-1',
          client: 'httpbin/client-in-ambient',
          backend: 'in-ambient.httpbin',
          scenario: {
            ejectEndpoints: ['pod-a', '10.0.0.2'],
            loadFactor: 1.5,
            failLocalities: ['us-east-1/us-east-1a', 'cluster:cluster2'],
          },
        },
      },
      needles: ['*Errors 12.5%* · overflow 30%', '`10.0.0.2` refused by cap'],
    },
  ])('$text', async ({ text, call, needles }) => {
    const { app, services } = await buildSlackApp();
    const response = await postCommand(app, slackForm(text));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const message = answer(response.body);
    expect(message.response_type).toBe('ephemeral');
    expectWithinSlackLimits(message);
    for (const needle of needles) expect(allText(message)).toContain(needle);
    expect(services.calls).toEqual(call === undefined ? [] : [call]);
  });

  it('answers in the channel on request', async () => {
    const { app } = await buildSlackApp();
    const response = await postCommand(
      app,
      slackForm('policy httpbin/client-in-ambient in-ambient.httpbin --public'),
    );
    expect(answer(response.body).response_type).toBe('in_channel');
  });

  it.each([
    {
      text: 'polcy httpbin/client-in-ambient x',
      needles: ['not a Spillway command', 'Did you mean `policy`?'],
      called: false,
    },
    {
      text: 'whatif a b lod 2',
      needles: ['Did you mean `load`?', 'Usage: `/spillway whatif'],
      called: false,
    },
    {
      text: 'policy httpbin/clinet-in-ambient in-ambient.httpbin',
      needles: ['*Unknown client*', 'Did you mean: `httpbin/client-in-ambient`, `httpbin/client-sidecar`?'],
      called: true,
    },
  ])('explains a mistake: $text', async ({ text, needles, called }) => {
    const { app, services } = await buildSlackApp();
    const response = await postCommand(app, slackForm(text));
    expect(response.statusCode).toBe(200);
    const message = answer(response.body);
    expect(message.response_type).toBe('ephemeral');
    for (const needle of needles) expect(allText(message)).toContain(needle);
    expect(services.calls.length > 0).toBe(called);
  });

  it('hides internal errors', async () => {
    const { app } = await buildSlackApp({
      services: fakeServices({ failWith: new Error('disk I/O error at /var/lib/x.db') }),
    });
    const response = await postCommand(app, slackForm('policy httpbin/client-in-ambient in-ambient.httpbin'));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('internal error');
    expect(response.body).not.toContain('/var/lib');
    expect(response.body).not.toContain('disk I/O');
  });

  it("answers Slack's ssl_check with an empty 200", async () => {
    const { app, services } = await buildSlackApp();
    const response = await postCommand(app, 'ssl_check=1&token=x');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expect(services.calls).toEqual([]);
  });
});

describe('POST /v1/slack/commands: rejected requests run nothing', () => {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const body = slackForm('policy httpbin/client-in-ambient in-ambient.httpbin');
  it.each([
    { name: 'unsigned', options: { signature: null }, status: 401 },
    { name: 'forged (wrong secret)', options: { secret: 'not-the-signing-secret' }, status: 401 },
    { name: 'forged (garbage signature)', options: { signature: 'v0=deadbeef' }, status: 401 },
    { name: 'replayed (10 minutes old)', options: { timestamp: nowSeconds - 600 }, status: 401 },
    { name: 'from the future (10 minutes ahead)', options: { timestamp: nowSeconds + 600 }, status: 401 },
    {
      name: 'tampered body',
      options: { rawBody: body.replace('in-ambient.httpbin', 'other.httpbin') },
      status: 401,
    },
    {
      name: 'JSON instead of a form',
      options: { contentType: 'application/json', rawBody: JSON.stringify({ text: 'help' }) },
      status: 415,
    },
    { name: 'oversized (17 KiB)', options: { rawBody: `${body}&pad=${'x'.repeat(17 * 1024)}` }, status: 413 },
  ])('$name → $status', async ({ options, status }) => {
    const { app, services } = await buildSlackApp();
    const response = await postCommand(app, body, options);
    expect(response.statusCode).toBe(status);
    expect(services.calls).toEqual([]);
  });

  it('uses the injected clock for the replay window', async () => {
    const fixedMs = 1_600_000_000_000;
    const { app } = await buildSlackApp({ extra: { now: () => fixedMs } });
    expect((await postCommand(app, slackForm('help'), { timestamp: fixedMs / 1000 })).statusCode).toBe(200);
    expect((await postCommand(app, slackForm('help'))).statusCode).toBe(401);
  });

  it('keeps the form parser inside the plugin', async () => {
    const { app } = await buildSlackApp();
    const response = await app.inject({
      method: 'POST',
      url: '/elsewhere',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    });
    expect(response.statusCode).toBe(415);
  });

  it('does not exist without a signing secret', async () => {
    const app = Fastify({ logger: false });
    const { slackDeliveries } = await openTestStores();
    await app.register(slackPlugin, {
      config: testConfig(),
      services: fakeServices(),
      deliveries: slackDeliveries,
    });
    onTestFinished(() => app.close());
    expect((await postCommand(app, slackForm('help'))).statusCode).toBe(404);
  });
});

describe('POST /v1/slack/commands: links to the portal', () => {
  const PUBLIC_URL = 'https://spillway.example.com';
  it.each([
    ['help', `<${PUBLIC_URL}/|Open this view in Spillway>`],
    ['snapshots', `<${PUBLIC_URL}/|Open this view in Spillway>`],
    [
      'policy httpbin/client-in-ambient in-ambient.httpbin @snap-1',
      `<${PUBLIC_URL}/?snapshot=snap-1&amp;client=httpbin/client-in-ambient&amp;backend=in-ambient.httpbin|Open this view in Spillway>`,
    ],
    [
      'whatif httpbin/client-in-ambient in-ambient.httpbin eject pod-a load 1.5 @snap-1',
      `<${PUBLIC_URL}/?snapshot=snap-1&amp;client=httpbin/client-in-ambient&amp;backend=in-ambient.httpbin&amp;eject=pod-a&amp;load=1.5|Open this view in Spillway>`,
    ],
    [
      'policy httpbin/nope in-ambient.httpbin @snap-1',
      `<${PUBLIC_URL}/?snapshot=snap-1&amp;client=httpbin/nope&amp;backend=in-ambient.httpbin|Open this view in Spillway>`,
    ],
    ['polcy x y', `<${PUBLIC_URL}/|Open this view in Spillway>`],
  ])('/spillway %s ends with the link to the same view', async (text, link) => {
    const { app } = await buildSlackApp({ env: { SPILLWAY_PUBLIC_URL: PUBLIC_URL } });
    const message = answer((await postCommand(app, slackForm(text))).body);
    const blocks = message.blocks ?? [];
    const last = blocks.at(-1);
    expect(last?.type).toBe('context');
    expect(allText({ ...message, blocks: last === undefined ? [] : [last] })).toContain(link);
  });

  it('without SPILLWAY_PUBLIC_URL an answer has no link and points to GraphQL instead', async () => {
    const { app } = await buildSlackApp();
    const text = allText(
      answer((await postCommand(app, slackForm('policy httpbin/client-in-ambient in-ambient.httpbin'))).body),
    );
    expect(text).not.toContain('Open this view');
    expect(text).toContain('full answer: GraphQL `effectivePolicy`');
  });
});

describe('POST /v1/slack/commands: the 3-second rule', () => {
  it('acknowledges a slow answer at once and delivers it to response_url, retrying after a 500', async () => {
    const receiver = await startReceiver([500, 200]);
    const { app } = await buildSlackApp({
      env: { SPILLWAY_SLACK_INLINE_BUDGET_MS: '20' },
      services: fakeServices({ delayMs: 200 }),
    });
    const text = 'whatif httpbin/client-in-ambient in-ambient.httpbin load 1.5 --public';
    const response = await postCommand(app, slackForm(text, receiver.url));
    expect(response.statusCode).toBe(200);
    const ack = answer(response.body);
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain('Working on /spillway whatif');

    const posts = await receiver.waitFor(2);
    expect(posts).toHaveLength(2);
    expect(posts[0]?.body).toBe(posts[1]?.body);
    expect(posts[1]?.contentType).toMatch(/^application\/json/);
    const delivered = answer(posts[1]?.body ?? '{}');
    expect(delivered.response_type).toBe('in_channel');
    expectWithinSlackLimits(delivered);
    expect(allText(delivered)).toContain('_load ×1.5_');
  });

  it('delivers a deferred error as a friendly message', async () => {
    const receiver = await startReceiver([200]);
    const { app } = await buildSlackApp({ env: { SPILLWAY_SLACK_INLINE_BUDGET_MS: '0' } });
    await postCommand(app, slackForm('policy httpbin/nope in-ambient.httpbin', receiver.url));
    const [post] = await receiver.waitFor(1);
    expect(allText(answer(post?.body ?? '{}'))).toContain('*Unknown client*');
  });

  it('gives up after the configured retries', async () => {
    const receiver = await startReceiver([500, 502, 503, 500, 500]);
    const { app } = await buildSlackApp({
      env: { SPILLWAY_SLACK_INLINE_BUDGET_MS: '0', SPILLWAY_SLACK_RESPONSE_RETRIES: '2' },
    });
    await postCommand(app, slackForm('help', receiver.url));
    await receiver.waitFor(3);
    // Closing the app waits for pending deliveries, so no further attempt can arrive afterwards.
    await app.close();
    expect(receiver.received).toHaveLength(3);
  });

  it('only posts to an allowed response_url; otherwise answers inline', async () => {
    const calls: string[] = [];
    const fetchImpl = ((input: string | URL | Request) => {
      calls.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(new Response('ok'));
    }) as typeof fetch;
    const { app } = await buildSlackApp({
      env: { SPILLWAY_SLACK_INLINE_BUDGET_MS: '0' },
      extra: {
        fetchImpl,
        allowResponseUrl: (url) => url.hostname === 'hooks.slack.com' && url.protocol === 'https:',
      },
    });
    const response = await postCommand(
      app,
      slackForm('policy httpbin/client-in-ambient in-ambient.httpbin', 'http://169.254.169.254/latest'),
    );
    expect(allText(answer(response.body))).toContain('Policy: httpbin/client-in-ambient');
    await app.close();
    expect(calls).toEqual([]);
  });

  it('answers inline when the answer is ready within the budget', async () => {
    const receiver = await startReceiver([200]);
    const { app } = await buildSlackApp({ env: { SPILLWAY_SLACK_INLINE_BUDGET_MS: '2000' } });
    const response = await postCommand(
      app,
      slackForm('policy httpbin/client-in-ambient in-ambient.httpbin', receiver.url),
    );
    expect(allText(answer(response.body))).toContain('Policy: httpbin/client-in-ambient');
    await app.close();
    expect(receiver.received).toEqual([]);
  });
});
