import { describe, expect, it } from 'vitest';
import { deliverResponse, isSlackResponseUrl, parseResponseUrl } from '../../../src/slack/deliverResponse.js';

const URL_OK = new URL('https://hooks.slack.com/commands/T1/2/abc');
const body = { response_type: 'ephemeral' as const, text: 'hi' };

type Step = number | 'network-error' | { status: number; retryAfter: string };

/** A fetch that answers from a script and records each call. */
function scriptedFetch(steps: readonly Step[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const impl = ((input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init });
    const step = steps[calls.length - 1] ?? 200;
    if (step === 'network-error') return Promise.reject(new TypeError('fetch failed'));
    const status = typeof step === 'number' ? step : step.status;
    const headers = typeof step === 'number' ? undefined : { 'retry-after': step.retryAfter };
    return Promise.resolve(
      new Response(status === 204 ? null : 'ok', { status, ...(headers ? { headers } : {}) }),
    );
  }) as typeof fetch;
  return { impl, calls };
}

describe('deliverResponse', () => {
  it.each([
    { steps: [200], retries: 3, delivered: true, attempts: 1, sleeps: [] },
    { steps: [500, 200], retries: 3, delivered: true, attempts: 2, sleeps: [100] },
    { steps: ['network-error', 503, 200], retries: 3, delivered: true, attempts: 3, sleeps: [100, 200] },
    { steps: [429, 200], retries: 3, delivered: true, attempts: 2, sleeps: [100] },
    {
      steps: [{ status: 429, retryAfter: '2' }, 200],
      retries: 3,
      delivered: true,
      attempts: 2,
      sleeps: [2000],
    },
    {
      steps: [{ status: 503, retryAfter: '3600' }, 200],
      retries: 3,
      delivered: true,
      attempts: 2,
      sleeps: [30_000],
    },
    { steps: [500, 500, 500, 500], retries: 2, delivered: false, attempts: 3, sleeps: [100, 200] },
    {
      steps: [500, 500, 500, 500, 500, 500, 500],
      retries: 9,
      delivered: false,
      attempts: 5,
      sleeps: [100, 200, 400, 800],
    },
    { steps: [404], retries: 3, delivered: false, attempts: 1, sleeps: [] },
    { steps: [410, 200], retries: 3, delivered: false, attempts: 1, sleeps: [] },
    { steps: [500, 200], retries: 0, delivered: false, attempts: 1, sleeps: [] },
    { steps: [204], retries: 0, delivered: true, attempts: 1, sleeps: [] },
  ] as const)(
    '$steps with $retries retries → delivered $delivered after $attempts',
    async ({ steps, retries, delivered, attempts, sleeps }) => {
      const { impl, calls } = scriptedFetch(steps);
      const slept: number[] = [];
      const result = await deliverResponse(URL_OK, body, {
        fetchImpl: impl,
        retries,
        backoffMs: 100,
        sleep: (ms) => {
          slept.push(ms);
          return Promise.resolve();
        },
      });
      expect(result.delivered).toBe(delivered);
      expect(result.attempts).toBe(attempts);
      expect(calls).toHaveLength(attempts);
      expect(slept).toEqual(sleeps);
    },
  );

  it.each([
    { stopAfter: 0, attempts: 0, calls: 0 },
    { stopAfter: 1, attempts: 1, calls: 1 },
    { stopAfter: 2, attempts: 2, calls: 2 },
  ])(
    'stops when another replica takes the delivery over (after $stopAfter checks)',
    async ({ stopAfter, attempts, calls: expectedCalls }) => {
      const { impl, calls } = scriptedFetch([500, 500, 500, 500]);
      let checks = 0;
      const result = await deliverResponse(URL_OK, body, {
        fetchImpl: impl,
        retries: 3,
        backoffMs: 1,
        sleep: () => Promise.resolve(),
        shouldContinue: () => (checks += 1) <= stopAfter,
      });
      expect(result.delivered).toBe(false);
      expect(result.attempts).toBe(attempts);
      expect(calls).toHaveLength(expectedCalls);
    },
  );

  it('posts the message as JSON to the given URL without following redirects', async () => {
    const { impl, calls } = scriptedFetch([200]);
    await deliverResponse(URL_OK, body, { fetchImpl: impl, retries: 0, backoffMs: 1 });
    expect(calls[0]?.url).toBe(URL_OK.href);
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.redirect).toBe('error');
    expect(new Headers(calls[0]?.init?.headers).get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(calls[0]?.init?.body as string)).toEqual(body);
  });
});

describe('isSlackResponseUrl', () => {
  it.each([
    ['https://hooks.slack.com/commands/T1/2/abc', true],
    ['https://hooks.slack-gov.com/commands/T1/2/abc', true],
    ['http://hooks.slack.com/commands/T1/2/abc', false],
    ['https://hooks.slack.com:8443/commands/x', false],
    ['https://user:pw@hooks.slack.com/commands/x', false],
    ['https://hooks.slack.com.evil.example/commands/x', false],
    ['https://evil.example/hooks.slack.com/commands', false],
    ['https://127.0.0.1/commands', false],
    ['https://169.254.169.254/latest/meta-data', false],
  ])('%s → %s', (url, expected) => {
    expect(isSlackResponseUrl(new URL(url))).toBe(expected);
  });

  it.each([
    [null, undefined],
    ['', undefined],
    ['not a url', undefined],
    ['https://evil.example/x', undefined],
    ['https://hooks.slack.com/commands/x', 'https://hooks.slack.com/commands/x'],
  ])('parseResponseUrl(%j) → %s', (value, expected) => {
    expect(parseResponseUrl(value, isSlackResponseUrl)?.href).toBe(expected);
  });
});
