/**
 * Issue 14 item 5, retries count as load, on seed 001's httpbin walk-through (examples/httpbin-after.yaml:
 * client-in-ambient → ztunnel → httpbin-waypoint → in-ambient's three pods; DestinationRule
 * in-ambient-failover with outlier detection, maxEjectionPercent 50). abc12 and def34 fail: abc12 is
 * ejected (1 of 3 = 33 % ≤ 50), def34 is refused by the cap (2 of 3 = 67 % > 50) and keeps its 50 %.
 * With capacity from utilizationPercent 60: k = 33.3 / 0.6 = 55.6 % of the hop's traffic per pod.
 *
 * - HTTP_5XX: a 503 is not retried (EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY): def34's 50 % fail, ghi56
 *   serves 50 % → 90 % utilisation, nothing saturated.
 * - CONNECT_FAILURE: Istio's DefaultPolicy retries (2 retries, previous_hosts, 5 extra draws). Each
 *   attempt draws def34 or ghi56 with ½; a retry keeps def34 only if all 6 draws hit it, (½)^6.
 *   error = ½ · (½)^6 · (½)^6 = (½)^13 = 0.0122 %; ghi56 serves every success, 100 · (1 − (½)^13) =
 *   99.987793 attempts per 100 requests → 99.987793 × 1.8 = 179.978027 % utilisation; def34 receives
 *   50 · (1 + (½)^6 + (½)^12) = 50.793457 attempts → 91.428223 %. Saturated: ghi56's attempts beyond
 *   capacity, 99.987793 · (1 − 100/179.978027) = 99.987793 − 55.555556 = 44.432237 %.
 */
import { describe, expect, it } from 'vitest';
import { exampleModel, resolve, whatIfOf } from '../scenarios/harness.js';

const AFTER_PATH = resolve(exampleModel('httpbin-after.yaml'), 'httpbin/client-in-ambient', 'in-ambient');
const FAILING = ['in-ambient-7d8f9b6c54-abc12', 'in-ambient-7d8f9b6c54-def34'];

describe('retries count as load (issue 14 item 5)', () => {
  it.each([
    {
      failure: 'HTTP_5XX' as const,
      error: 50,
      attempts: [undefined, undefined, undefined],
      utilization: [0, 90, 90],
      saturated: 0,
      attemptsPerRequest: 1,
    },
    {
      failure: 'CONNECT_FAILURE' as const,
      error: 0.012207, // 100 · (½)^13 = 0.01220703125
      attempts: [0, 50.793457, 99.987793],
      utilization: [0, 91.428223, 179.978027],
      saturated: 44.432237,
      attemptsPerRequest: 1.507813, // 0.50793457 + 0.99987793 = 1.5078125
    },
  ])('$failure', ({ failure, error, attempts, utilization, saturated, attemptsPerRequest }) => {
    const w = whatIfOf(AFTER_PATH, { ejectEndpoints: FAILING, failure, utilizationPercent: 60 });
    const backendHop = w.scenario.hops[1];
    expect(w.ejections.map((e) => e.outcome)).toEqual(['EJECTED', 'REFUSED_BY_CAP']);
    expect(w.errorPercent).toBe(error);
    // Envoy's shares do not move: retries are extra attempts, not a different placement.
    expect(backendHop?.endpoints.map((e) => e.sharePercent)).toEqual([0, 50, 50]);
    expect(backendHop?.endpoints.map((e) => e.attemptsPercent)).toEqual(attempts);
    expect(backendHop?.endpoints.map((e) => e.utilizationPercent)).toEqual(utilization);
    expect(backendHop?.retries?.attemptsPerRequest).toBe(attemptsPerRequest);
    expect(w.saturatedPercent).toBe(saturated);
  });
});
