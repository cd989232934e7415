/**
 * `/spillway` through the real app: the route exists only with a signing secret, errors use the app's
 * problem envelope, and each command's blocks match the service layer's real answers for the bundled examples.
 */
import { describe, expect, it } from 'vitest';
import type { Hop } from '../../../src/engine/index.js';
import type { SlackMessage } from '../../../src/slack/blockKit.js';
import { formatPercent, formatProxy } from '../../../src/slack/textFormat.js';
import { COMMAND_NAMES, EXAMPLES } from '../../../src/slack/usage.js';
import { EXAMPLE_FILES, buildTestApp, expectProblem, uploadExample } from '../../helpers/buildTestApp.js';
import { allText, expectWithinSlackLimits } from '../../unit/slack/slackAssertions.js';
import { SIGNING_SECRET, postCommand, slackForm, startReceiver } from './slackHarness.js';

// Load shedding off: a cold first upload can block the loop long enough to shed the next request.
const SLACK_ENV = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0' };
const CLIENT = 'httpbin/client-in-ambient';
const BACKEND = 'in-ambient.httpbin';
const answer = (body: string): SlackMessage => JSON.parse(body) as SlackMessage;

/** What the answer states about the hop to the backend, taken from the service's own answer. */
function expectLastHopExplained(text: string, hop: Hop): void {
  expect(text).toContain(formatProxy(hop.from));
  expect(text).toContain(`\`${hop.to}\``);
  expect(text).toContain(`\`${hop.trafficDistribution.mode}\``);
  expect(text).toContain(`from ${hop.trafficDistribution.source}`);
  expect(text).toContain(`\`${hop.loadBalancer}\``);
  if (hop.destinationRule !== undefined) expect(text).toContain(hop.destinationRule.name);
}

const PUBLIC_URL = 'https://spillway.example.com';

describe('Slack through the real app', () => {
  it('has no route without SLACK_SIGNING_SECRET', async () => {
    const app = await buildTestApp();
    expectProblem(await postCommand(app, slackForm('help')), 404, 'NOT_FOUND');
  });

  it.each([
    { name: 'unsigned', options: { signature: null }, status: 401, code: 'UNAUTHENTICATED' },
    {
      name: 'replayed',
      options: { timestamp: Math.floor(Date.now() / 1000) - 3600 },
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    { name: 'forged', options: { secret: 'someone-elses-secret' }, status: 401, code: 'UNAUTHENTICATED' },
    {
      name: 'oversized',
      options: { rawBody: `text=help&pad=${'x'.repeat(20_000)}` },
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'JSON',
      options: { contentType: 'application/json', rawBody: '{"text":"help"}' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
  ])('rejects a $name request with a problem', async ({ options, status, code }) => {
    const app = await buildTestApp(SLACK_ENV);
    expectProblem(await postCommand(app, slackForm('help'), options), status, code);
  });

  it('is authenticated by the Slack signature, not by API tokens', async () => {
    const app = await buildTestApp({
      ...SLACK_ENV,
      SPILLWAY_API_TOKENS: 'reader:reader-token-0123456789abcdef',
    });
    const response = await postCommand(app, slackForm('help'));
    expect(response.statusCode).toBe(200);
  });

  it('keeps GraphQL free of form bodies', async () => {
    const app = await buildTestApp(SLACK_ENV);
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'apollo-require-preflight': 'true' },
      payload: 'query=%7B__typename%7D',
    });
    expect(response.statusCode).toBe(415);
  });

  it('lists the uploaded snapshots', async () => {
    const app = await buildTestApp(SLACK_ENV);
    const uploaded = await uploadExample(app, 'httpbin-after.yaml');
    const response = await postCommand(app, slackForm('snapshots'));
    expect(response.statusCode).toBe(200);
    expect(allText(answer(response.body))).toContain(`*${uploaded.name}* \`@${uploaded.id}\``);
  });

  it('policy: the path, the three lines and the link, from the real answer', async () => {
    const app = await buildTestApp({ ...SLACK_ENV, SPILLWAY_PUBLIC_URL: PUBLIC_URL });
    const uploaded = await uploadExample(app, 'httpbin-after.yaml');
    const response = await postCommand(app, slackForm(`policy ${CLIENT} ${BACKEND} @httpbin-after`));
    expect(response.statusCode).toBe(200);
    const message = answer(response.body);
    expectWithinSlackLimits(message);
    const text = allText(message);
    const policy = await app.spillway.services.policy.effectivePolicy({
      snapshot: 'httpbin-after',
      client: CLIENT,
      backend: BACKEND,
    });
    expect(policy.hops.some((h) => h.from.kind === 'WAYPOINT')).toBe(true);
    expect(text).toMatch(/ZTUNNEL .*\(L4\) → WAYPOINT .*\(L7\) → 3 endpoints of/);
    expect(text).toContain('`ROUND_ROBIN`');
    expectLastHopExplained(text, policy.hops.at(-1)!);
    expect(text).toContain(`profile ${policy.profile}`);
    // header, headline, three lines, footer with the link: what once took 17 to 20 blocks.
    expect(message.blocks).toHaveLength(4);
    expect(text).toContain(
      `<${PUBLIC_URL}/?snapshot=${uploaded.id}&amp;client=${CLIENT}&amp;backend=${BACKEND}|Open this view in Spillway>`,
    );
    expect(message.text.split('\n').at(-1)).toBe(
      `${PUBLIC_URL}/?snapshot=${uploaded.id}&client=${CLIENT}&backend=${BACKEND}`,
    );
  });

  it('whatif shows the real ejection outcomes and rates', async () => {
    const app = await buildTestApp(SLACK_ENV);
    await uploadExample(app, 'httpbin-after.yaml');
    const baseline = await app.spillway.services.policy.effectivePolicy({
      snapshot: 'httpbin-after',
      client: CLIENT,
      backend: BACKEND,
    });
    const target = baseline.hops.at(-1)?.endpoints[0]?.name;
    expect(target).toBeDefined();
    const scenario = { ejectEndpoints: [target ?? ''], loadFactor: 1.5 };
    const response = await postCommand(
      app,
      slackForm(`whatif ${CLIENT} ${BACKEND} eject ${target ?? ''} load 1.5 @httpbin-after --public`),
    );
    const message = answer(response.body);
    expect(message.response_type).toBe('in_channel');
    expectWithinSlackLimits(message);
    const text = allText(message);
    const whatIf = await app.spillway.services.policy.whatIf({
      snapshot: 'httpbin-after',
      client: CLIENT,
      backend: BACKEND,
      scenario,
    });
    expect(text).toContain(
      `*Errors ${formatPercent(whatIf.errorPercent)}* · overflow ${formatPercent(whatIf.overflowPercent)}`,
    );
    for (const ejection of whatIf.ejections) {
      expect(text).toContain(
        `\`${ejection.endpoint}\` ${ejection.outcome.replaceAll('_', ' ').toLowerCase()}`,
      );
    }
    expect(message.blocks).toHaveLength(4);
    // The load model's notes stay in the portal and GraphQL; the answer names overflow in one line.
    for (const note of whatIf.notes.slice(1)) expect(text).not.toContain(note);
  });

  it('whatif with util and overload runs the overload cascade, as GraphQL does', async () => {
    const app = await buildTestApp(SLACK_ENV);
    await uploadExample(app, 'httpbin-after.yaml');
    const response = await postCommand(
      app,
      slackForm(`whatif ${CLIENT} ${BACKEND} load 2 util 60 overload 100 @httpbin-after`),
    );
    const text = allText(answer(response.body));
    // The same scenario as GraphQL's ScenarioInput { loadFactor: 2, utilizationPercent: 60,
    // overload: { failsAbovePercent: 100, as: HTTP_5XX } }: 60 % at ×1 is 120 % at ×2, past the threshold.
    const whatIf = await app.spillway.services.policy.whatIf({
      snapshot: 'httpbin-after',
      client: CLIENT,
      backend: BACKEND,
      scenario: {
        loadFactor: 2,
        utilizationPercent: 60,
        overload: { failsAbovePercent: 100, as: 'HTTP_5XX' },
      },
    });
    const cascade = whatIf.cascade;
    expect(cascade?.outcome).toBeDefined();
    expect(cascade?.outcome).not.toBe('CAPACITY_UNKNOWN');
    expect(text).toContain(
      `Overload cascade: ${(cascade?.outcome ?? '').toLowerCase().replaceAll('_', ' ')}, errors ${formatPercent(cascade?.errorPercent ?? Number.NaN)}`,
    );
    expect(text).toContain(`saturation ${formatPercent(whatIf.saturatedPercent ?? Number.NaN)}`);
  });

  it('answers a mistyped client with the closest names', async () => {
    const app = await buildTestApp(SLACK_ENV);
    await uploadExample(app, 'httpbin-after.yaml');
    const text = allText(
      answer((await postCommand(app, slackForm(`policy httpbin/clinet-in-ambient ${BACKEND}`))).body),
    );
    expect(text).toContain('*Unknown client*');
    expect(text).toContain(CLIENT.split('/')[1]);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('delivers a deferred answer to response_url with a retry', async () => {
    const receiver = await startReceiver([500, 200]);
    // Slack's hook URL is routed to the local receiver, so the production allow-check stays in force.
    const fetchImpl = ((input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      expect(url.hostname).toBe('hooks.slack.com');
      return fetch(receiver.url, init);
    }) as typeof fetch;
    const app = await buildTestApp({ ...SLACK_ENV, SPILLWAY_SLACK_INLINE_BUDGET_MS: '0' }, { fetchImpl });
    await uploadExample(app, 'httpbin-after.yaml');
    const ack = answer(
      (await postCommand(app, slackForm(`policy ${CLIENT} ${BACKEND} @httpbin-after`))).body,
    );
    expect(ack.text).toContain('Working on');
    const posts = await receiver.waitFor(2);
    const delivered = answer(posts[1]?.body ?? '{}');
    expect(allText(delivered)).toContain(`Policy: ${CLIENT} → ${BACKEND}`);
    expect(allText(delivered)).toContain('`ROUND_ROBIN`');
  });

  it('answers every example in /spillway help without an error', async () => {
    const app = await buildTestApp(SLACK_ENV);
    for (const file of EXAMPLE_FILES) await uploadExample(app, file);
    const examples = COMMAND_NAMES.flatMap((name) => EXAMPLES[name]);
    for (const example of examples) {
      const response = await postCommand(app, slackForm(example));
      expect(response.statusCode).toBe(200);
      const message = answer(response.body);
      expectWithinSlackLimits(message);
      // Error replies start with the question-mark emoji; answers never do.
      expect(allText(message), example).not.toContain(':grey_question:');
      expect(allText(message), example).not.toContain('internal error');
    }
  });
});
