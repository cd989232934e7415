import { describe, expect, it } from 'vitest';
import {
  SLACK_REPLAY_WINDOW_SECONDS,
  signSlackRequest,
  verifySlackSignature,
} from '../../../src/slack/verifySlackSignature.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW = 1_700_000_000;
const BODY = 'token=x&command=%2Fspillway&text=policy+httpbin%2Fclient-in-ambient+in-ambient.httpbin';
const signed = (ts: number, body = BODY, secret = SECRET): string =>
  signSlackRequest(secret, String(ts), body);

describe('signSlackRequest', () => {
  // Slack's documented example: secret, timestamp and body give this exact signature.
  it('matches the example in Slack’s "verifying requests" guide', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest(SECRET, '1531420618', body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});

describe('verifySlackSignature', () => {
  it.each([
    {
      name: 'a fresh, correct signature',
      ts: String(NOW),
      sig: signed(NOW),
      now: NOW,
      expected: { ok: true },
    },
    {
      name: 'a timestamp at the edge of the window (past)',
      ts: String(NOW - SLACK_REPLAY_WINDOW_SECONDS),
      sig: signed(NOW - SLACK_REPLAY_WINDOW_SECONDS),
      now: NOW,
      expected: { ok: true },
    },
    {
      name: 'a timestamp at the edge of the window (future)',
      ts: String(NOW + SLACK_REPLAY_WINDOW_SECONDS),
      sig: signed(NOW + SLACK_REPLAY_WINDOW_SECONDS),
      now: NOW,
      expected: { ok: true },
    },
    {
      name: 'a replay one second too old',
      ts: String(NOW - SLACK_REPLAY_WINDOW_SECONDS - 1),
      sig: signed(NOW - SLACK_REPLAY_WINDOW_SECONDS - 1),
      now: NOW,
      expected: { ok: false, reason: 'STALE_TIMESTAMP' },
    },
    {
      name: 'a timestamp from the far future',
      ts: String(NOW + 3600),
      sig: signed(NOW + 3600),
      now: NOW,
      expected: { ok: false, reason: 'STALE_TIMESTAMP' },
    },
    {
      name: 'no signature',
      ts: String(NOW),
      sig: undefined,
      now: NOW,
      expected: { ok: false, reason: 'MISSING_HEADERS' },
    },
    {
      name: 'no timestamp',
      ts: undefined,
      sig: signed(NOW),
      now: NOW,
      expected: { ok: false, reason: 'MISSING_HEADERS' },
    },
    {
      name: 'an empty signature',
      ts: String(NOW),
      sig: '',
      now: NOW,
      expected: { ok: false, reason: 'MISSING_HEADERS' },
    },
    {
      name: 'a non-numeric timestamp',
      ts: 'yesterday',
      sig: signed(NOW),
      now: NOW,
      expected: { ok: false, reason: 'MALFORMED_TIMESTAMP' },
    },
    {
      name: 'a negative timestamp',
      ts: '-1',
      sig: signed(NOW),
      now: NOW,
      expected: { ok: false, reason: 'MALFORMED_TIMESTAMP' },
    },
    {
      name: 'a signature with the wrong secret',
      ts: String(NOW),
      sig: signed(NOW, BODY, 'another-secret-123'),
      now: NOW,
      expected: { ok: false, reason: 'BAD_SIGNATURE' },
    },
    {
      name: 'a signature over another body',
      ts: String(NOW),
      sig: signed(NOW, `${BODY}&x=1`),
      now: NOW,
      expected: { ok: false, reason: 'BAD_SIGNATURE' },
    },
    {
      name: 'a signature over another timestamp',
      ts: String(NOW),
      sig: signed(NOW - 1),
      now: NOW,
      expected: { ok: false, reason: 'BAD_SIGNATURE' },
    },
    {
      name: 'a truncated signature (length differs)',
      ts: String(NOW),
      sig: signed(NOW).slice(0, -2),
      now: NOW,
      expected: { ok: false, reason: 'BAD_SIGNATURE' },
    },
    {
      name: 'another version prefix',
      ts: String(NOW),
      sig: signed(NOW).replace('v0=', 'v1='),
      now: NOW,
      expected: { ok: false, reason: 'BAD_SIGNATURE' },
    },
    {
      name: 'upper-case hex',
      ts: String(NOW),
      sig: `v0=${signed(NOW).slice(3).toUpperCase()}`,
      now: NOW,
      expected: { ok: false, reason: 'BAD_SIGNATURE' },
    },
  ])('$name', ({ ts, sig, now, expected }) => {
    expect(verifySlackSignature(SECRET, { rawBody: BODY, timestamp: ts, signature: sig }, now)).toEqual(
      expected,
    );
  });

  it('verifies the raw bytes: the same fields re-encoded do not verify', () => {
    const raw = 'text=whatif+a+b+load+1.5&response_url=https%3A%2F%2Fhooks.slack.com%2Fx';
    const reencoded = new URLSearchParams(raw).toString().replaceAll('+', '%20');
    expect(reencoded).not.toBe(raw);
    const sig = signed(NOW, raw);
    expect(
      verifySlackSignature(SECRET, { rawBody: raw, timestamp: String(NOW), signature: sig }, NOW).ok,
    ).toBe(true);
    expect(
      verifySlackSignature(SECRET, { rawBody: reencoded, timestamp: String(NOW), signature: sig }, NOW).ok,
    ).toBe(false);
  });
});
