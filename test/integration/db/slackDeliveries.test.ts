/**
 * The Slack delivery records on the driver under test (one implementation, two dialects): claims, leases,
 * take-overs and sweeping, with two "replicas" (two stores on one database) racing where it matters.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { SlackDeliveryStore, TakeOver } from '../../../src/slack/deliveryStore.js';
import { openTestStores, sharedDatabaseEnv, TEST_DRIVER } from '../../helpers/testDatabase.js';

const T0 = 1_800_000_000_000;
const LEASE_MS = 30_000;
const HALF_HOUR_MS = 30 * 60 * 1000;

async function oneStore(): Promise<SlackDeliveryStore> {
  return (await openTestStores()).slackDeliveries;
}

async function twoReplicas(): Promise<[SlackDeliveryStore, SlackDeliveryStore]> {
  const env = await sharedDatabaseEnv();
  return [(await openTestStores(env)).slackDeliveries, (await openTestStores(env)).slackDeliveries];
}

const claimOf = (key: string, owner: string, nowMs = T0) => ({
  key,
  responseUrl: `https://hooks.slack.com/commands/T1/1/${key}`,
  commandText: `policy a/b c @${key}`,
  owner,
  nowMs,
  leaseUntilMs: nowMs + LEASE_MS,
});

const takeOverAt = (owner: string, nowMs: number, overrides: Partial<TakeOver> = {}): TakeOver => ({
  owner,
  nowMs,
  leaseUntilMs: nowMs + LEASE_MS,
  createdAfterMs: nowMs - HALF_HOUR_MS,
  maxHolds: 3,
  ...overrides,
});

describe(`Slack delivery records (${TEST_DRIVER})`, () => {
  it('claims a command once; a repeated request finds the claim', async () => {
    const store = await oneStore();
    expect(await store.claim(claimOf('k1', 'a'))).toBe(true);
    expect(await store.claim(claimOf('k1', 'b'))).toBe(false);
    expect(await store.claim(claimOf('k2', 'b'))).toBe(true);
  });

  it('renews only for the holder, and not once finished', async () => {
    const store = await oneStore();
    await store.claim(claimOf('k', 'a'));
    expect(await store.renew('k', 'b', T0 + 2 * LEASE_MS)).toBe(false);
    expect(await store.renew('k', 'a', T0 + 2 * LEASE_MS)).toBe(true);
    await store.finish('k', 'a', T0 + 1);
    expect(await store.renew('k', 'a', T0 + 3 * LEASE_MS)).toBe(false);
  });

  it.each([
    // [when the take-over looks (ms after the claim), what it finds]
    { after: LEASE_MS - 1, taken: false, why: 'the lease still holds' },
    { after: LEASE_MS, taken: true, why: 'the lease ran out' },
    { after: HALF_HOUR_MS, taken: false, why: "past Slack's 30-minute response_url lifetime" },
  ])('take-over $after ms after the claim: taken $taken ($why)', async ({ after, taken }) => {
    const store = await oneStore();
    await store.claim(claimOf('k', 'stopped'));
    const held = await store.takeOver(takeOverAt('b', T0 + after));
    expect(held !== undefined).toBe(taken);
    if (held) {
      expect(held).toEqual({
        key: 'k',
        responseUrl: 'https://hooks.slack.com/commands/T1/1/k',
        commandText: 'policy a/b c @k',
        createdAtMs: T0,
        holds: 2,
      });
      // The new holder's lease keeps a third replica off; the stopped one has lost it.
      expect(await store.takeOver(takeOverAt('c', T0 + after + 1))).toBeUndefined();
      expect(await store.renew('k', 'stopped', T0 + after + LEASE_MS)).toBe(false);
      expect(await store.renew('k', 'b', T0 + after + LEASE_MS)).toBe(true);
    }
  });

  it('never takes over a finished command, and takes the oldest first', async () => {
    const store = await oneStore();
    await store.claim(claimOf('done', 'a', T0));
    await store.finish('done', 'a', T0 + 10);
    await store.claim(claimOf('newer', 'a', T0 + 2));
    await store.claim(claimOf('older', 'a', T0 + 1));
    const at = T0 + 10 * LEASE_MS;
    expect((await store.takeOver(takeOverAt('b', at)))?.key).toBe('older');
    expect((await store.takeOver(takeOverAt('b', at)))?.key).toBe('newer');
    expect(await store.takeOver(takeOverAt('b', at))).toBeUndefined();
  });

  it('gives a command up after maxHolds leases (the first one included)', async () => {
    const store = await oneStore();
    await store.claim(claimOf('poison', 'a'));
    const holds: number[] = [];
    for (let round = 1; round <= 3; round += 1) {
      const held = await store.takeOver(takeOverAt(`r${round}`, T0 + round * 2 * LEASE_MS));
      if (held) holds.push(held.holds);
    }
    // Claimed (1), taken over twice (2, 3); a third take-over would be a fourth lease.
    expect(holds).toEqual([2, 3]);
  });

  it('sweeps records older than the cut-off, finished or not', async () => {
    const store = await oneStore();
    await store.claim(claimOf('old-open', 'a', T0));
    await store.claim(claimOf('old-done', 'a', T0 + 1));
    await store.finish('old-done', 'a', T0 + 2);
    await store.claim(claimOf('fresh', 'a', T0 + HALF_HOUR_MS));
    expect(await store.sweep(T0 + 10)).toBe(2);
    // Swept keys can be claimed again; the fresh one is still there.
    expect(await store.claim(claimOf('old-open', 'b'))).toBe(true);
    expect(await store.claim(claimOf('fresh', 'b'))).toBe(false);
  });

  it('two replicas claiming one command at once: exactly one wins', async () => {
    const [a, b] = await twoReplicas();
    const results = await Promise.all([a.claim(claimOf('k', 'a')), b.claim(claimOf('k', 'b'))]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('two replicas taking over one command at once: exactly one gets it', async () => {
    const env = await sharedDatabaseEnv();
    const [a, b] = [(await openTestStores(env)).slackDeliveries, (await openTestStores(env)).slackDeliveries];
    await a.claim(claimOf('k', 'stopped'));
    const at = T0 + 2 * LEASE_MS;
    const url = env['DATABASE_URL'];
    if (url === undefined) {
      // SQLite runs one statement at a time; the two take-overs follow each other.
      const results = await Promise.all([a.takeOver(takeOverAt('a', at)), b.takeOver(takeOverAt('b', at))]);
      expect(results.filter((held) => held !== undefined)).toHaveLength(1);
      return;
    }
    // PostgreSQL: an operator's transaction holds the row, so both take-overs pick it and wait on its
    // lock; when it is released, the first updates it and the second must find the lease no longer run out.
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    onTestFinished(() => locker.end());
    await locker.query('begin');
    await locker.query("select id from slack_deliveries where id = 'k' for update");
    const racing = Promise.all([a.takeOver(takeOverAt('a', at)), b.takeOver(takeOverAt('b', at))]);
    for (;;) {
      const waiting = await locker.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%update slack_deliveries set owner%'",
      );
      if (Number(waiting.rows[0]?.n) >= 2) break;
      await sleep(10);
    }
    await locker.query('commit');
    const results = await racing;
    expect(results.filter((held) => held !== undefined)).toHaveLength(1);
  });
});
