/**
 * Posts a deferred answer to the `response_url` Slack gave with the command
 * (https://api.slack.com/interactivity/slash-commands#responding_to_commands). Slack accepts a handful of
 * posts per URL within 30 minutes, so retries are few and spaced out.
 */
import type { SlackMessage } from './blockKit.js';

/** Slack's cap on messages posted to one `response_url`. */
export const SLACK_RESPONSE_URL_MAX_USES = 5;
export const DEFAULT_RETRY_BACKOFF_MS = 500;
/** A `Retry-After` longer than this is not worth holding a delivery for. */
export const MAX_RETRY_AFTER_MS = 30_000;
export const DELIVERY_TIMEOUT_MS = 5_000;
const MS_PER_SECOND = 1000;

/** Hosts Slack uses for `response_url` (commercial and GovSlack). */
export const SLACK_RESPONSE_HOSTS: readonly string[] = ['hooks.slack.com', 'hooks.slack-gov.com'];

export type ResponseUrlCheck = (url: URL) => boolean;

/** Only ever post where Slack asked: HTTPS to Slack's hook hosts, no credentials, default port. */
export const isSlackResponseUrl: ResponseUrlCheck = (url) =>
  url.protocol === 'https:' &&
  SLACK_RESPONSE_HOSTS.includes(url.hostname) &&
  url.port === '' &&
  url.username === '' &&
  url.password === '';

export function parseResponseUrl(value: string | null, allow: ResponseUrlCheck): URL | undefined {
  if (value === null || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return allow(url) ? url : undefined;
}

export interface DeliveryOptions {
  readonly fetchImpl: typeof fetch;
  /** Retries after the first attempt; capped so the total stays within Slack's uses per URL. */
  readonly retries: number;
  readonly backoffMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Asked before every attempt; false stops (another replica has taken the delivery over). */
  readonly shouldContinue?: () => boolean;
}

export interface DeliveryResult {
  readonly delivered: boolean;
  readonly attempts: number;
  /** HTTP status of the last attempt; absent when it failed before a response. */
  readonly status?: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Network failures, 429 and 5xx may pass; other 4xx (expired or unknown URL) will not. */
const isRetryable = (status: number | undefined): boolean =>
  status === undefined || status === 429 || status >= 500;

function retryAfterMs(response: Response | undefined): number | undefined {
  const header = response?.headers.get('retry-after');
  if (header === null || header === undefined) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0
    ? Math.min(seconds * MS_PER_SECOND, MAX_RETRY_AFTER_MS)
    : undefined;
}

/** Exponential backoff (`backoffMs`, doubled per attempt), or the receiver's `Retry-After` when it sends one. */
export async function deliverResponse(
  url: URL,
  body: SlackMessage,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = Math.min(1 + Math.max(0, options.retries), SLACK_RESPONSE_URL_MAX_USES);
  const payload = JSON.stringify(body);
  let status: number | undefined;
  const failed = (attempts: number): DeliveryResult =>
    status === undefined ? { delivered: false, attempts } : { delivered: false, attempts, status };
  for (let attempt = 1; ; attempt += 1) {
    if (options.shouldContinue?.() === false) return failed(attempt - 1);
    let response: Response | undefined;
    try {
      response = await options.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: payload,
        redirect: 'error',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = response.status;
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = undefined;
    }
    if (status !== undefined && status >= 200 && status < 300)
      return { delivered: true, attempts: attempt, status };
    if (attempt >= maxAttempts || !isRetryable(status)) return failed(attempt);
    await sleep(retryAfterMs(response) ?? options.backoffMs * 2 ** (attempt - 1));
  }
}
