/**
 * Deferred answers across replicas (two Slack plugins over one database of the driver under test, posting
 * to a real HTTP receiver on 127.0.0.1): a repeated request is answered once, a command whose replica
 * stopped is answered by another, and a replica that lost its lease stops posting.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { testConfig } from '../../../src/config.js';
import type { SlackMessage } from '../../../src/slack/blockKit.js';
import { deliveryKey } from '../../../src/slack/deliveryQueue.js';
import type { SlackDeliveryStore } from '../../../src/slack/deliveryStore.js';
import { slackPlugin } from '../../../src/slack/plugin.js';
import { openTestStores, sharedDatabaseEnv, TEST_DRIVER } from '../../helpers/testDatabase.js';
import { allText } from '../../unit/slack/slackAssertions.js';
import { SIGNING_SECRET, fakeServices, postCommand, slackForm, startReceiver } from './slackHarness.js';
import type { FakeServices } from './slackHarness.js';

const POLICY = 'policy httpbin/client-in-ambient in-ambient.httpbin';

interface Replica {
  readonly app: FastifyInstance;
  readonly services: FakeServices;
  readonly deliveries: SlackDeliveryStore;
}

/** One replica: the Slack plugin alone, over the database `env` names. */
async function replica(
  env: Record<string, string>,
  options: { services?: FakeServices; leaseMs?: number; takeoverPollMs?: number } = {},
): Promise<Replica> {
  const services = options.services ?? fakeServices();
  const { slackDeliveries } = await openTestStores(env);
  const app = Fastify({ logger: false });
  await app.register(slackPlugin, {
    // A budget of 0: every command with a response_url is answered through it.
    config: testConfig({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SPILLWAY_SLACK_INLINE_BUDGET_MS: '0' }),
    services,
    deliveries: slackDeliveries,
    allowResponseUrl: (url) => url.hostname === '127.0.0.1',
    retryBackoffMs: 10,
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
    ...(options.takeoverPollMs === undefined ? {} : { takeoverPollMs: options.takeoverPollMs }),
  });
  await app.ready();
  onTestFinished(() => app.close());
  return { app, services, deliveries: slackDeliveries };
}

const message = (body: string): SlackMessage => JSON.parse(body) as SlackMessage;

describe(`Slack answers across replicas (${TEST_DRIVER})`, () => {
  it('a request repeated on another replica (a proxy retry) is answered through response_url once', async () => {
    const env = await sharedDatabaseEnv();
    const [one, two] = [await replica(env), await replica(env)];
    const receiver = await startReceiver([200, 200]);
    const form = slackForm(POLICY, receiver.url);
    const acks = [await postCommand(one.app, form), await postCommand(two.app, form)];
    for (const ack of acks) {
      expect(ack.statusCode).toBe(200);
      expect(message(ack.body).text).toContain('Working on /spillway policy');
    }
    await receiver.waitFor(1);
    // Closing waits for every delivery in progress, so a second post cannot arrive afterwards.
    await one.app.close();
    await two.app.close();
    expect(receiver.received).toHaveLength(1);
    expect(allText(message(receiver.received[0]?.body ?? '{}'))).toContain(
      'Policy: httpbin/client-in-ambient',
    );
    // The repeat did not even compute the answer: only the first request's replica asked the service.
    expect(one.services.calls.length + two.services.calls.length).toBe(1);
  });

  it('a command whose replica stopped before answering is answered by another, once', async () => {
    const env = await sharedDatabaseEnv();
    const receiver = await startReceiver([200]);
    const url = new URL(receiver.url);
    // What a replica killed mid-answer leaves behind: its claim, with a lease that has run out.
    const { slackDeliveries } = await openTestStores(env);
    const claimedAt = Date.now() - 60_000;
    await slackDeliveries.claim({
      key: deliveryKey(url),
      responseUrl: url.href,
      commandText: `${POLICY} --public`,
      owner: 'a-stopped-replica',
      nowMs: claimedAt,
      leaseUntilMs: claimedAt + 30_000,
    });
    const survivor = await replica(env, { takeoverPollMs: 20 });
    const [post] = await receiver.waitFor(1);
    const answer = message(post?.body ?? '{}');
    expect(answer.response_type).toBe('in_channel');
    expect(allText(answer)).toContain('Policy: httpbin/client-in-ambient → in-ambient.httpbin');
    expect(survivor.services.calls).toEqual([
      {
        kind: 'effectivePolicy',
        query: { snapshot: 'latest', client: 'httpbin/client-in-ambient', backend: 'in-ambient.httpbin' },
      },
    ]);
    await survivor.app.close();
    expect(receiver.received).toHaveLength(1);
    // Answered: nobody takes it over again, however late.
    const later = Date.now() + 10 * 60_000;
    expect(
      await slackDeliveries.takeOver({
        owner: 'another',
        nowMs: later,
        leaseUntilMs: later + 30_000,
        createdAfterMs: claimedAt - 1,
        maxHolds: 10,
      }),
    ).toBeUndefined();
  });

  it('a replica whose lease was taken over does not post', async () => {
    const env = await sharedDatabaseEnv();
    const receiver = await startReceiver([200]);
    // A slow answer (2 s) under a short lease renewed every 100 ms: many renewals happen before it is ready.
    const slow = await replica(env, { services: fakeServices({ delayMs: 2_000 }), leaseMs: 300 });
    const ack = await postCommand(slow.app, slackForm(POLICY, receiver.url));
    expect(message(ack.body).text).toContain('Working on');
    // Another replica takes the command over, as if the slow one had stalled past its lease.
    const future = Date.now() + 60_000;
    const held = await slow.deliveries.takeOver({
      owner: 'the-other-replica',
      nowMs: future,
      leaseUntilMs: future + 60_000,
      createdAfterMs: 0,
      maxHolds: 10,
    });
    expect(held?.key).toBe(deliveryKey(new URL(receiver.url)));
    await slow.app.close(); // waits for the slow answer to be computed and, had the lease held, posted
    expect(slow.services.calls).toHaveLength(1);
    expect(receiver.received).toEqual([]);
  });
});
