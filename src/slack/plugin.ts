/**
 * `POST /v1/slack/commands`: the `/spillway` slash command. Encapsulated on purpose (no fastify-plugin): the
 * urlencoded parser and the signature check exist only inside this plugin, so `/graphql` and the REST routes
 * never accept form bodies. The app registers it only when a signing secret is configured.
 *
 * A command with a `response_url` is claimed in the database first (`deliveryQueue.ts`): only the request
 * that claims it may post to that URL, and if its replica stops, another one answers.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors/appError.js';
import type { AppErrorCode } from '../errors/errorCodes.js';
import { ERROR_SPECS } from '../errors/errorCodes.js';
import type { Services } from '../services/types.js';
import { message, section } from './blockKit.js';
import type { SlackMessage } from './blockKit.js';
import {
  DEFAULT_RETRY_BACKOFF_MS,
  deliverResponse,
  isSlackResponseUrl,
  parseResponseUrl,
} from './deliverResponse.js';
import type { ResponseUrlCheck } from './deliverResponse.js';
import { createDeliveryQueue, DEFAULT_LEASE_MS, DEFAULT_TAKEOVER_POLL_MS } from './deliveryQueue.js';
import type { SlackDeliveryStore } from './deliveryStore.js';
import { parseCommand } from './parseCommand.js';
import { portalLink } from './portalLink.js';
import { renderUsageError } from './renderError.js';
import { runCommand } from './runCommand.js';
import { code, escapeMrkdwn } from './textFormat.js';
import { SLASH_COMMAND } from './usage.js';
import { verifySlackSignature } from './verifySlackSignature.js';

export const SLACK_COMMANDS_PATH = '/v1/slack/commands';
/** Slash-command payloads are a few hundred bytes; anything near this is not from Slack. */
export const SLACK_BODY_LIMIT_BYTES = 16 * 1024;
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const MS_PER_SECOND = 1000;

export interface SlackPluginOptions {
  readonly config: Config;
  readonly services: Services;
  /** Who answers which command, shared by every replica on the database. */
  readonly deliveries: SlackDeliveryStore;
  /** Used for `response_url` deliveries; default the global fetch. */
  readonly fetchImpl?: typeof fetch;
  /** Milliseconds since the epoch; drives the replay window and the inline budget. */
  readonly now?: () => number;
  /** Which `response_url` values may receive a deferred answer; default Slack's HTTPS hook hosts only. */
  readonly allowResponseUrl?: ResponseUrlCheck;
  /** First retry delay of a failed delivery, doubled per attempt. */
  readonly retryBackoffMs?: number;
  /** How long a claim on a command holds unrenewed before another replica may answer it. */
  readonly leaseMs?: number;
  /** How often this replica looks for commands whose lease ran out. */
  readonly takeoverPollMs?: number;
}

type Settled = { readonly ready: true; readonly value: SlackMessage } | { readonly ready: false };

/** Waits for `work` at most `budgetMs`; a late answer is left running for deferred delivery. */
async function within(work: Promise<SlackMessage>, budgetMs: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false }), budgetMs);
  });
  try {
    return await Promise.race([work.then((value): Settled => ({ ready: true, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function reject(reply: FastifyReply, errorCode: AppErrorCode, text: string): never {
  // The status is set on the reply too, so even a bare Fastify error handler answers with it.
  reply.code(ERROR_SPECS[errorCode].status);
  throw new AppError(errorCode, text);
}

export const slackPlugin: FastifyPluginAsync<SlackPluginOptions> = (fastify, options) => {
  const signingSecret = options.config.slack.signingSecret;
  if (signingSecret === undefined) return Promise.resolve();
  const { services } = options;
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetchImpl ?? fetch;
  const allowResponseUrl = options.allowResponseUrl ?? isSlackResponseUrl;
  const { inlineBudgetMs, responseRetries } = options.config.slack;
  const backoffMs = options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS;
  const { publicUrl } = options.config;
  const runOptions = publicUrl === undefined ? {} : { publicUrl };
  const queue = createDeliveryQueue({
    store: options.deliveries,
    answer: (text) => {
      const parsed = parseCommand(text);
      return parsed.ok
        ? runCommand(
            parsed.command,
            services,
            (error) => fastify.log.error({ err: error }, 'slack command failed'),
            runOptions,
          )
        : Promise.resolve(renderUsageError(parsed.error, portalLink(publicUrl)));
    },
    post: (url, answer, stillOurs) =>
      deliverResponse(url, answer, {
        fetchImpl,
        retries: responseRetries,
        backoffMs,
        shouldContinue: stillOurs,
      }),
    allowResponseUrl,
    now,
    log: fastify.log,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    pollMs: options.takeoverPollMs ?? DEFAULT_TAKEOVER_POLL_MS,
  });

  // Only form bodies reach this route, kept as the raw string the signature covers.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    FORM_CONTENT_TYPE,
    { parseAs: 'string', bodyLimit: SLACK_BODY_LIMIT_BYTES },
    (_request, body, done) => {
      done(null, body);
    },
  );

  fastify.addHook('onClose', async () => queue.close());

  fastify.post(
    SLACK_COMMANDS_PATH,
    { bodyLimit: SLACK_BODY_LIMIT_BYTES },
    async (request, reply): Promise<SlackMessage | string> => {
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const header = (name: string): string | undefined => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const check = verifySlackSignature(
        signingSecret,
        { rawBody, timestamp: header('x-slack-request-timestamp'), signature: header('x-slack-signature') },
        Math.floor(now() / MS_PER_SECOND),
      );
      if (!check.ok) {
        request.log.info({ reason: check.reason }, 'slack request rejected');
        return reject(
          reply,
          'UNAUTHENTICATED',
          'The Slack request signature is missing, invalid or too old.',
        );
      }

      const params = new URLSearchParams(rawBody);
      // Slack's periodic certificate check expects an empty 200.
      if (params.get('ssl_check') === '1') return '';

      const text = params.get('text') ?? '';
      const parsed = parseCommand(text);
      if (!parsed.ok) return renderUsageError(parsed.error, portalLink(publicUrl));

      const responseUrl = parseResponseUrl(params.get('response_url'), allowResponseUrl);
      if (responseUrl === undefined && params.has('response_url')) {
        request.log.warn('slack response_url is not an allowed Slack URL; answering inline only');
      }
      const logInternal = (error: unknown): void => request.log.error({ err: error }, 'slack command failed');
      const started = now();
      // Nowhere to defer to: answer inline however long it takes.
      if (responseUrl === undefined) return runCommand(parsed.command, services, logInternal, runOptions);
      // Undefined: a repeated request (a proxy's retry); the first one posts the answer.
      const ticket = await queue.claim(responseUrl, text, request.log);
      if (ticket === undefined) request.log.info('repeated slack command; its first request answers it');
      if (ticket !== undefined || inlineBudgetMs > 0) {
        const work = runCommand(parsed.command, services, logInternal, runOptions);
        // A budget of 0 always defers; otherwise a late answer (even one that blocked the loop) defers too.
        if (inlineBudgetMs > 0) {
          const settled = await within(work, inlineBudgetMs);
          if (settled.ready && now() - started <= inlineBudgetMs) {
            ticket?.answered();
            return settled.value;
          }
        }
        ticket?.deliver(work);
      }
      const commandText = `${SLASH_COMMAND} ${text}`.trim();
      return message('ephemeral', `Working on ${escapeMrkdwn(commandText)}…`, [
        section(`:hourglass_flowing_sand: Working on ${code(commandText)}… the answer follows here.`),
      ]);
    },
  );
  return Promise.resolve();
};
