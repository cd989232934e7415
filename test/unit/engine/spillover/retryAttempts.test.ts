/**
 * The retry arithmetic (`retryAttempts`) against hand derivations and against a brute-force oracle that
 * walks every sequence of hosts one by one (no grouping), both written from Envoy's code: the router
 * retries a retriable failure `num_retries` times (`RetryStateImpl`); each attempt's host comes from
 * `chooseHost`, which with the previous-hosts predicate draws up to `host_selection_retry_max_attempts + 1`
 * times and keeps the first untried host, else the last draw (`LoadBalancerBase::chooseHost`,
 * `shouldSelectAnotherHost`). Istio's default: 2 retries, predicate on, 5 extra draws (`DefaultPolicy`).
 */
import { describe, expect, it } from 'vitest';
import { retryAttempts, type RetryModel } from '../../../../src/engine/spillover/retryAttempts.js';

const ISTIO_DEFAULT: RetryModel = { numRetries: 2, previousHosts: true, hostSelectionRetryMaxAttempts: 5 };
const HASH: RetryModel = { ...ISTIO_DEFAULT, previousHosts: false };

/**
 * Every host sequence, host by host: P(error) and expected attempts per host, as fractions of 1. `phi`:
 * per host, the chance an attempt on it fails (a gateway with some failing endpoints behind it); default
 * 1 on a failing host.
 */
function oracle(
  shares: readonly number[],
  failing: readonly boolean[],
  model: RetryModel,
  phi: readonly number[] = failing.map((f) => (f ? 1 : 0)),
) {
  const total = shares.reduce((s, x) => s + x, 0);
  const p = shares.map((s) => s / total);
  const draws = model.hostSelectionRetryMaxAttempts + 1;
  const attempts = shares.map(() => 0);
  let error = 0;
  const pick = (tried: ReadonlySet<number>, j: number): number => {
    const a = [...tried].reduce((s, i) => s + (p[i] ?? 0), 0);
    if (tried.has(j)) return a ** (draws - 1) * (p[j] ?? 0);
    let g = 0;
    for (let t = 0; t < draws; t += 1) g += a ** t;
    return (p[j] ?? 0) * g;
  };
  const walk = (k: number, tried: ReadonlySet<number>, reach: number): void => {
    for (let j = 0; j < p.length; j += 1) {
      const mass = reach * pick(tried, j);
      if (mass === 0) continue;
      attempts[j] = (attempts[j] ?? 0) + mass;
      const fails = mass * (phi[j] ?? 0);
      if (fails === 0) continue;
      if (k === model.numRetries) error += fails;
      else walk(k + 1, new Set([...tried, j]), fails);
    }
  };
  walk(0, new Set(), 1);
  return { error: error * total, attempts: attempts.map((x) => x * total) };
}

describe('retryAttempts: hand-derived cases (Istio DefaultPolicy: 2 retries, previous_hosts, 5 extra draws)', () => {
  it.each([
    {
      name: 'two hosts, one refusing connections',
      shares: [50, 50],
      failing: [true, false],
      model: ISTIO_DEFAULT,
      // Attempt 1 fails with ½. A retry redraws the tried host up to 5 more times: it keeps it only when
      // all 6 draws hit it, (½)^6. So error = ½ · (½)^6 · (½)^6 = (½)^13 = 0.0001220703125 → × 100 %.
      error: 100 * 0.5 ** 13,
      // Host 0: ½ (first) + ½·(½)^6 (second) + ½·(½)^6·(½)^6 (third) = 0.5079345703125.
      // Host 1 takes every success: 1 − (½)^13 = 0.9998779296875.
      attempts: [50.79345703125, 99.98779296875],
      attemptsPerRequest: 1.5078125,
    },
    {
      name: 'three hosts, one refusing connections',
      shares: [100 / 3, 100 / 3, 100 / 3],
      failing: [true, false, false],
      model: ISTIO_DEFAULT,
      // ⅓ · (⅓)^6 · (⅓)^6 = 3^−13 = 6.2722…e−7 → 6.2722…e−5 %.
      error: 100 / 3 ** 13,
      attempts: undefined,
      attemptsPerRequest: undefined,
    },
    {
      name: 'consistent hashing (no predicate): the hash keeps the failing host',
      shares: [50, 50],
      failing: [true, false],
      model: HASH,
      // DefaultConsistentHashPolicy: every attempt of a request goes to its hashed host: 50 % fail, and
      // host 0 takes 3 attempts per request it owns: 150.
      error: 50,
      attempts: [150, 50],
      attemptsPerRequest: 2,
    },
    {
      name: 'no retries: the failing share is the error',
      shares: [25, 25, 25, 25],
      failing: [false, true, false, false],
      model: { ...ISTIO_DEFAULT, numRetries: 0 },
      error: 25,
      attempts: [25, 25, 25, 25],
      attemptsPerRequest: 1,
    },
    {
      name: 'every host failing: every request makes 3 attempts and fails',
      shares: [50, 50],
      failing: [true, true],
      model: ISTIO_DEFAULT,
      error: 100,
      attempts: [150, 150],
      attemptsPerRequest: 3,
    },
    {
      name: 'dropped traffic stays out: shares 40/40 normalise to ½/½',
      shares: [40, 40],
      failing: [true, false],
      model: ISTIO_DEFAULT,
      // Of the 80 % that reach a host, (½)^13 fail.
      error: 80 * 0.5 ** 13,
      // The two-host fractions of the first case, of 80: 80 · 0.5079345703125 and 80 · 0.9998779296875.
      attempts: [80 * 0.5079345703125, 80 * 0.9998779296875],
      attemptsPerRequest: 1.5078125,
    },
  ])('$name', ({ shares, failing, model, error, attempts, attemptsPerRequest }) => {
    const out = retryAttempts(
      Float64Array.from(shares),
      Uint8Array.from(failing.map((f) => (f ? 1 : 0))),
      model,
    );
    expect(out.errorPercent).toBeCloseTo(error, 12);
    if (attempts !== undefined) attempts.forEach((a, i) => expect(out.attempts[i]).toBeCloseTo(a, 9));
    if (attemptsPerRequest !== undefined) expect(out.attemptsPerRequest).toBeCloseTo(attemptsPerRequest, 12);
  });

  it('two of four hosts failing: 0.2644 % errors', () => {
    // Attempt 1 fails with ½ (host a or b, ¼ each). Retry 1 from A = {a} (mass ¼): the other failing
    // host with ¼·G(¼), G(x) = 1 + x + … + x^5 = 1.3330078125, so 0.333251953125; back to a with (¼)^6.
    // Retry 2 from {a, b} (mass ½): only a repeat fails, (½)^6 = 0.015625; from {a}: 0.33349609375.
    // error = ½ · (0.333251953125 · 0.015625 + 0.000244140625 · 0.33349609375) = 0.0026442408561706543.
    const out = retryAttempts(
      Float64Array.from([25, 25, 25, 25]),
      Uint8Array.from([1, 1, 0, 0]),
      ISTIO_DEFAULT,
    );
    expect(out.errorPercent).toBeCloseTo(100 * 0.0026442408561706543, 12);
    expect(out.retriedPercent).toBe(50);
  });
});

describe('retryAttempts: agrees with the host-by-host oracle', () => {
  it.each([
    { shares: [10, 20, 30, 40], failing: [true, false, true, false] },
    { shares: [25, 25, 25, 25], failing: [true, true, true, false] },
    { shares: [5, 5, 45, 45], failing: [true, true, false, false] },
    { shares: [60, 20, 20], failing: [false, true, true] },
    { shares: [30, 30, 20, 10, 5], failing: [true, true, true, true, false] },
  ])('shares $shares, failing $failing', ({ shares, failing }) => {
    for (const model of [
      ISTIO_DEFAULT,
      { ...ISTIO_DEFAULT, numRetries: 1 },
      { ...ISTIO_DEFAULT, numRetries: 3 },
    ]) {
      const out = retryAttempts(Float64Array.from(shares), Uint8Array.from(failing.map(Number)), model);
      const expected = oracle(shares, failing, model);
      expect(out.errorPercent).toBeCloseTo(expected.error, 10);
      expected.attempts.forEach((a, i) => expect(out.attempts[i]).toBeCloseTo(a, 10));
      // Every request ends once: successes + failures = what reached a host.
      const reached = shares.reduce((s, x) => s + x, 0);
      const successes = shares.reduce((s, _x, i) => s + (failing[i] ? 0 : (out.attempts[i] ?? 0)), 0);
      expect(successes + out.errorPercent).toBeCloseTo(reached, 10);
    }
  });
});

describe('retryAttempts: a host that fails only part of its attempts (an east-west gateway, gatewayFailures.ts)', () => {
  it.each([
    {
      name: 'the gateway is the only host: every retry lands on it again',
      shares: [100],
      phi: [0.5],
      model: ISTIO_DEFAULT,
      // Each attempt is a new connection the gateway picks afresh: fails with φ = ½. The previous_hosts
      // redraws find no other host and keep it: 100 × (½)³ = 12.5; attempts 100 × (1 + ½ + ¼) = 175.
      error: 12.5,
      attempts: [175],
    },
    {
      name: 'a pod and a gateway at ½ each',
      shares: [50, 50],
      phi: [0, 0.5],
      model: ISTIO_DEFAULT,
      // Attempt 1 fails on the gateway: ½ · ½ = ¼. A retry keeps the tried gateway only when all 6 draws
      // hit it, (½)^6, and fails there with ½ again: ¼ · ((½)^6 · ½)² = (½)^16 → × 100 = 0.00152587890625.
      error: 100 * 0.5 ** 16,
      attempts: undefined,
    },
    {
      name: 'consistent hashing keeps the gateway: 1 + φ + φ² attempts, φ³ fail',
      shares: [50, 50],
      phi: [0, 0.5],
      model: HASH,
      // DefaultConsistentHashPolicy, no predicate: 50 × (½)³ = 6.25; gateway attempts 50 × 1.75 = 87.5.
      error: 6.25,
      attempts: [50, 87.5],
    },
    {
      name: 'not retried (a 503): the failing part of its share is the error',
      shares: [50, 50],
      phi: [0, 0.5],
      model: { ...ISTIO_DEFAULT, numRetries: 0 },
      // 50 × ½ = 25.
      error: 25,
      attempts: [50, 50],
    },
  ])('$name', ({ shares, phi, model, error, attempts }) => {
    const out = retryAttempts(
      Float64Array.from(shares),
      Uint8Array.from(phi.map((f) => (f > 0 ? 1 : 0))),
      model,
      Float64Array.from(phi),
    );
    expect(out.errorPercent).toBeCloseTo(error, 12);
    if (attempts !== undefined) attempts.forEach((a, i) => expect(out.attempts[i]).toBeCloseTo(a, 9));
    const o = oracle(
      shares,
      phi.map((f) => f > 0),
      model,
      phi,
    );
    if (model.previousHosts) expect(out.errorPercent).toBeCloseTo(o.error, 12);
  });

  it.each([
    [
      [20, 30, 50],
      [1, 0.25, 0],
    ],
    [
      [25, 25, 25, 25],
      [0.5, 0.5, 1, 0],
    ],
    [
      [10, 40, 50],
      [0.75, 0.1, 0.3],
    ],
    [
      [60, 40],
      [0.2, 0.9],
    ],
  ])('matches the host-by-host oracle: shares %j, φ %j', (shares, phi) => {
    const out = retryAttempts(
      Float64Array.from(shares),
      Uint8Array.from(phi.map((f) => (f > 0 ? 1 : 0))),
      ISTIO_DEFAULT,
      Float64Array.from(phi),
    );
    const o = oracle(
      shares,
      phi.map((f) => f > 0),
      ISTIO_DEFAULT,
      phi,
    );
    expect(out.errorPercent).toBeCloseTo(o.error, 10);
    o.attempts.forEach((a, i) => expect(out.attempts[i]).toBeCloseTo(a, 9));
  });
});
