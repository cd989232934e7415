/**
 * Answers that go to a command's `response_url`, kept in the database (`deliveryStore.ts`) so that every
 * replica on it agrees on who posts them. A replica claims each command as it arrives and holds a lease
 * on it, renewed while it computes and posts; a repeated request finds the claim and posts nothing. Every
 * replica looks, every poll, for commands whose lease ran out (their replica stopped) and answers them
 * itself. So the answer promised by "Working on…" arrives once, even across a rolling upgrade.
 *
 * Delivery is at least once in one corner: a replica that posts and stops before recording it (or that
 * stalls for a whole lease) may have its command posted again by another replica.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { SlackMessage } from './blockKit.js';
import { parseResponseUrl, type DeliveryResult, type ResponseUrlCheck } from './deliverResponse.js';
import type { SlackDeliveryStore } from './deliveryStore.js';

/** Slack accepts posts to a `response_url` for 30 minutes after the command (api.slack.com, slash commands). */
const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;
/** How long a claim holds without renewal before another replica may take the command over. */
export const DEFAULT_LEASE_MS = 30_000;
/** The lease is renewed this many times per lease, so one late renewal does not lose it. */
const RENEWALS_PER_LEASE = 3;
/** How often each replica looks for commands whose lease ran out. */
export const DEFAULT_TAKEOVER_POLL_MS = 5_000;
/** Leases one command may have, the first included: a command that stops every replica is given up. */
const MAX_HOLDS = 3;
/** Commands one replica takes over per poll, so a backlog spreads across replicas. */
const MAX_TAKEOVERS_PER_POLL = 10;
/** Old records are swept on the first poll and about once per this many polls after. */
const SWEEP_EVERY_POLLS = 60;

/** The record's key: Slack gives every invocation a `response_url` of its own. */
export function deliveryKey(responseUrl: URL): string {
  return createHash('sha256').update(responseUrl.href).digest('hex');
}

export interface DeliveryQueueOptions {
  readonly store: SlackDeliveryStore;
  /** Answers a command from its text (for commands taken over from another replica). */
  readonly answer: (commandText: string) => Promise<SlackMessage>;
  /** Posts an answer; stops before an attempt when `stillOurs()` turns false. */
  readonly post: (url: URL, message: SlackMessage, stillOurs: () => boolean) => Promise<DeliveryResult>;
  readonly allowResponseUrl: ResponseUrlCheck;
  readonly now: () => number;
  readonly log: FastifyBaseLogger;
  readonly leaseMs: number;
  readonly pollMs: number;
}

/** One command's claim, held by this replica. */
export interface DeliveryTicket {
  /** The answer went back inline: nothing to post. */
  answered(): void;
  /** Posts `work`'s answer to the `response_url`, holding the lease until done. */
  deliver(work: Promise<SlackMessage>): void;
}

export interface DeliveryQueue {
  /**
   * Claims the command for this replica. Undefined: another request already carries it (a repeat). When
   * the database cannot record it, the ticket still delivers, as a replica alone would.
   */
  claim(responseUrl: URL, commandText: string, log: FastifyBaseLogger): Promise<DeliveryTicket | undefined>;
  /** Stops looking for commands to take over and waits for every delivery in progress. */
  close(): Promise<void>;
}

export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const { store, now, log, leaseMs } = options;
  const owner = randomUUID();
  const pending = new Set<Promise<void>>();
  let closed = false;

  const track = (work: Promise<void>, jobLog: FastifyBaseLogger): void => {
    const tracked = work
      .catch((error: unknown) => jobLog.error({ err: error }, 'slack answer delivery crashed'))
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  const finish = async (key: string, jobLog: FastifyBaseLogger): Promise<void> => {
    try {
      await store.finish(key, owner, now());
    } catch (error) {
      jobLog.warn(
        { err: error },
        'could not record a Slack answer as done; another replica may post it again',
      );
    }
  };

  /** Computes and posts one answer; `key` undefined when the database holds no claim for it. */
  const carry = async (
    key: string | undefined,
    url: URL,
    work: () => Promise<SlackMessage>,
    jobLog: FastifyBaseLogger,
  ): Promise<void> => {
    let ours = true;
    const renewal =
      key === undefined
        ? undefined
        : setInterval(() => {
            store.renew(key, owner, now() + leaseMs).then(
              (held) => {
                if (!held) ours = false;
              },
              (error: unknown) => jobLog.warn({ err: error }, 'could not renew a Slack delivery lease'),
            );
          }, leaseMs / RENEWALS_PER_LEASE);
    renewal?.unref();
    let result: DeliveryResult;
    try {
      result = await options.post(url, await work(), () => ours);
    } finally {
      clearInterval(renewal);
    }
    if (result.delivered) jobLog.info({ attempts: result.attempts }, 'slack answer delivered');
    else if (!ours) jobLog.warn('another replica took this Slack answer over; this one stopped posting it');
    else jobLog.warn({ attempts: result.attempts, status: result.status }, 'slack answer delivery failed');
    if (key !== undefined && ours) await finish(key, jobLog);
  };

  const takeOver = async (): Promise<void> => {
    for (let taken = 0; taken < MAX_TAKEOVERS_PER_POLL && !closed; taken += 1) {
      const at = now();
      const held = await store.takeOver({
        owner,
        nowMs: at,
        leaseUntilMs: at + leaseMs,
        createdAfterMs: at - RESPONSE_URL_LIFETIME_MS,
        maxHolds: MAX_HOLDS,
      });
      if (held === undefined) return;
      const url = parseResponseUrl(held.responseUrl, options.allowResponseUrl);
      if (url === undefined) {
        await finish(held.key, log);
        continue;
      }
      log.info({ holds: held.holds }, 'answering a Slack command whose replica stopped before posting');
      track(
        carry(held.key, url, () => options.answer(held.commandText), log),
        log,
      );
    }
  };

  let polls = 0;
  let polling: Promise<void> | undefined;
  const poll = async (): Promise<void> => {
    try {
      if (polls % SWEEP_EVERY_POLLS === 0) await store.sweep(now() - RESPONSE_URL_LIFETIME_MS);
      polls += 1;
      await takeOver();
    } catch (error) {
      log.warn({ err: error }, 'could not look for Slack answers to take over');
    }
  };
  const timer = setInterval(() => {
    if (polling !== undefined || closed) return;
    polling = poll().finally(() => (polling = undefined));
  }, options.pollMs);
  timer.unref();

  return {
    async claim(responseUrl, commandText, jobLog) {
      const key = deliveryKey(responseUrl);
      const at = now();
      let claimed: string | undefined = key;
      try {
        const fresh = await store.claim({
          key,
          responseUrl: responseUrl.href,
          commandText,
          owner,
          nowMs: at,
          leaseUntilMs: at + leaseMs,
        });
        if (!fresh) return undefined;
      } catch (error) {
        jobLog.warn({ err: error }, 'could not record a Slack command; answering it from this replica alone');
        claimed = undefined;
      }
      return {
        answered: () => {
          if (claimed !== undefined) track(finish(claimed, jobLog), jobLog);
        },
        deliver: (work) =>
          track(
            carry(claimed, responseUrl, () => work, jobLog),
            jobLog,
          ),
      };
    },
    async close() {
      closed = true;
      clearInterval(timer);
      // A poll under way may still take a command over; it is delivered before the store closes.
      await polling;
      await Promise.allSettled([...pending]);
    },
  };
}
