/**
 * Istio's default retry policy (`pilot/pkg/networking/core/route/retry/retry.go` `DefaultPolicy`,
 * `DefaultConsistentHashPolicy`, `EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY` default true since 1.24) and which
 * scenario failure kinds it retries (Envoy `retry_on`: `connect-failure` covers a refused or reset
 * connection; a 503 is retried only under `retriable-status-codes` with 503 listed).
 */
import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, retriesFailure } from '../../../../src/engine/istio/defaultRetryPolicy.js';

describe('defaultRetryPolicy', () => {
  it.each([
    // LB policy, previous_hosts predicate (DefaultPolicy has it; the consistent-hash policy does not)
    ['LEAST_REQUEST', true],
    ['ROUND_ROBIN', true],
    ['RANDOM', true],
    ['RING_HASH', false],
    ['MAGLEV', false],
  ] as const)('%s: 2 retries, 5 extra host draws, previous_hosts %s', (lb, previousHosts) => {
    const policy = defaultRetryPolicy(lb);
    expect(policy.numRetries).toBe(2);
    expect(policy.hostSelectionRetryMaxAttempts).toBe(5);
    expect(policy.previousHosts).toBe(previousHosts);
    expect(policy.retryOn).toEqual([
      'connect-failure',
      'refused-stream',
      'unavailable',
      'cancelled',
      'retriable-status-codes',
    ]);
    expect(policy.retriableStatusCodes).toEqual([]);
  });

  it.each([
    // failure kind, EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY, retried
    ['CONNECT_FAILURE', true, true],
    ['CONNECT_FAILURE', false, true],
    ['HTTP_5XX', true, false], // 1.24+ default: no retriable status code
    ['HTTP_5XX', false, true], // the 1.23 compatibility profile: RetriableStatusCodes [503]
    ['NOT_READY', true, false], // nothing fails
  ] as const)('%s with the 503 exclusion %s: retried %s', (failure, exclude503, retried) => {
    expect(retriesFailure(defaultRetryPolicy('LEAST_REQUEST', exclude503), failure).retried).toBe(retried);
  });
});
