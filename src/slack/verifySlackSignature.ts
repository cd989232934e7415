/**
 * Slack's v0 request signing (https://api.slack.com/authentication/verifying-requests-from-slack): an
 * HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed with the app's signing secret, sent as `v0=<hex>`. It must
 * run over the bytes Slack sent, before any parsing, or a re-encoded body stops matching.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SLACK_SIGNATURE_VERSION = 'v0';
/** Slack's recommended replay window, applied to clocks running ahead as well as behind. */
export const SLACK_REPLAY_WINDOW_SECONDS = 5 * 60;

export type SignatureFailure =
  'MISSING_HEADERS' | 'MALFORMED_TIMESTAMP' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE';

export type SignatureCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: SignatureFailure };

export interface SignedRequest {
  readonly rawBody: string;
  /** `X-Slack-Request-Timestamp`, seconds since the epoch. */
  readonly timestamp: string | undefined;
  /** `X-Slack-Signature`. */
  readonly signature: string | undefined;
}

/** `v0=<hex>` for a body and timestamp; the sending side of the scheme (tests and the docs use it). */
export function signSlackRequest(signingSecret: string, timestamp: string, rawBody: string): string {
  const digest = createHmac('sha256', signingSecret)
    .update(`${SLACK_SIGNATURE_VERSION}:${timestamp}:${rawBody}`)
    .digest('hex');
  return `${SLACK_SIGNATURE_VERSION}=${digest}`;
}

/**
 * Checks the timestamp window, then compares signatures in constant time (lengths first, since
 * `timingSafeEqual` throws on unequal lengths).
 *
 * @example verifySlackSignature('secret', { rawBody: 'text=help', timestamp: '1700000000', signature: 'v0=…' }, 1700000010) → { ok: true }
 */
export function verifySlackSignature(
  signingSecret: string,
  request: SignedRequest,
  nowSeconds: number,
): SignatureCheck {
  const { timestamp, signature, rawBody } = request;
  if (timestamp === undefined || signature === undefined || timestamp === '' || signature === '') {
    return { ok: false, reason: 'MISSING_HEADERS' };
  }
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'MALFORMED_TIMESTAMP' };
  if (Math.abs(nowSeconds - Number(timestamp)) > SLACK_REPLAY_WINDOW_SECONDS)
    return { ok: false, reason: 'STALE_TIMESTAMP' };
  const expected = Buffer.from(signSlackRequest(signingSecret, timestamp, rawBody), 'utf8');
  const presented = Buffer.from(signature, 'utf8');
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented))
    return { ok: false, reason: 'BAD_SIGNATURE' };
  return { ok: true };
}
