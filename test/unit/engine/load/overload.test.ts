/**
 * Issue 14 "Done when", on seed 001's httpbin walk-through (examples/httpbin-after.yaml: client-in-ambient
 * → ztunnel → httpbin-waypoint → in-ambient's three pods, DestinationRule in-ambient-failover with
 * outlier detection, maxEjectionPercent 50): capacity from utilizationPercent, saturation, and the
 * circuit breakers of a connectionPool.
 */
import { describe, expect, it } from 'vitest';
import type { MeshModel } from '../../../../src/engine/model/meshModel.js';
import { blockingProbability, smallestLimitFor } from '../../../../src/engine/load/queueingLoss.js';
import { circuitBreakerLimits } from '../../../../src/engine/istio/circuitBreakerLimits.js';
import { exampleModel, resolve, whatIfOf } from '../scenarios/harness.js';

const CLIENT = 'httpbin/client-in-ambient';
const BACKEND = 'in-ambient';
const ABC = 'in-ambient-7d8f9b6c54-abc12';

// Loaded once while the file is collected: reading the example is the slow part, not what is tested.
const AFTER = exampleModel('httpbin-after.yaml');
const AFTER_PATH = resolve(AFTER, CLIENT, BACKEND);

/** httpbin-after with a connectionPool on the in-ambient-failover rule. */
function withConnectionPool(connectionPool: Readonly<Record<string, unknown>>): MeshModel {
  const m = AFTER;
  return {
    ...m,
    clusters: m.clusters.map((c) => ({
      ...c,
      destinationRules: c.destinationRules.map((dr) => ({
        ...dr,
        trafficPolicy: { ...dr.trafficPolicy, connectionPool },
      })),
    })),
  };
}

const utilization = (
  w: ReturnType<typeof whatIfOf>,
  which: 'baseline' | 'scenario',
): (number | null | undefined)[] => w[which].hops[1]?.endpoints.map((e) => e.utilizationPercent) ?? [];

describe('capacity from utilizationPercent (the backend hop)', () => {
  const path = () => AFTER_PATH;

  it.each<[string, number, (number | null | undefined)[], number]>([
    // Nominal: 3 pods × 33.3 % at 60 % → capacity per pod k = 33.3 / 0.6 = 55.6 % of the hop's traffic.
    // abc12 ejected (1 of 3 = 33 % ≤ maxEjectionPercent 50): the other two take 50 % each:
    //   L 1:   100 × 50 / 55.6 = 90 %, nobody beyond capacity → saturated 0.
    //   L 1.5: 100 × 1.5 × 50 / 55.6 = 135 %; each pod serves 100/135 of what it gets, so the requests
    //          beyond capacity are 2 × 50 × (1 − 100/135) = 25.925926 % ("about 26 %").
    ['load 1', 1, [0, 90, 90], 0],
    ['load 1.5', 1.5, [0, 135, 135], 25.925926],
    // L 2: 180 % each → 2 × 50 × (1 − 100/180) = 44.444444 %.
    ['load 2', 2, [0, 180, 180], 44.444444],
  ])('one of three pods ejected at %s', (_label, loadFactor, expected, saturated) => {
    const w = whatIfOf(path(), { ejectEndpoints: [ABC], utilizationPercent: 60, loadFactor });
    expect(utilization(w, 'scenario')).toEqual(expected);
    expect(w.saturatedPercent).toBe(saturated);
    // Envoy's numbers are untouched: the two pods keep 50 % each whatever the load.
    expect(w.scenario.hops[1]?.endpoints.map((e) => e.sharePercent)).toEqual([0, 50, 50]);
    expect(w.errorPercent).toBe(0);
    expect(w.overflowPercent).toBe(0);
  });

  it('the baseline shows the nominal utilisation; the ztunnel hop, whose capacity nobody gave, shows none', () => {
    const w = whatIfOf(path(), { utilizationPercent: 60 });
    expect(utilization(w, 'baseline')).toEqual([60, 60, 60]);
    expect(w.baseline.hops[0]?.endpoints.map((e) => e.utilizationPercent)).toEqual([undefined]);
  });

  it('unknown capacity is null, never a guess', () => {
    const w = whatIfOf(path(), { ejectEndpoints: [ABC], loadFactor: 1.5 });
    expect(w.saturatedPercent).toBeNull();
    expect(utilization(w, 'scenario')).toEqual([undefined, undefined, undefined]);
  });
});

describe('circuit breakers (DestinationRule connectionPool)', () => {
  it.each<[string, Readonly<Record<string, unknown>> | undefined, number]>([
    // 100 requests/s × 50 ms = 5 in flight at the one waypoint replica; max_requests 1 refuses a request
    // that finds one in flight: Erlang B(A = 5, c = 1) = A / (1 + A) = 5/6 = 83.333333 %.
    ['http2MaxRequests 1', { http: { http2MaxRequests: 1 } }, 83.333333],
    // c = 5: B = (5⁵/5!) / Σ_{k=0..5} 5ᵏ/k! = 26.0417 / 91.4167 = 28.486782 %.
    ['http2MaxRequests 5', { http: { http2MaxRequests: 5 } }, 28.486782],
    // maxConnections 1 with 1 pending (HTTP/1.1: one request per connection): M/M/1/2,
    // terms 1, 5, 25 → 25 / 31 = 80.645161 %.
    [
      'maxConnections 1, 1 pending',
      { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1 } },
      80.645161,
    ],
    // Connections bound, pending unlimited (Istio's default): requests queue, nothing is refused.
    ['maxConnections 1 only', { tcp: { maxConnections: 1 } }, 0],
    ['no connectionPool', undefined, 0],
  ])('%s at 100 requests/s and 50 ms → overflow %d %%', (_label, pool, overflow) => {
    const model = pool === undefined ? AFTER : withConnectionPool(pool);
    const w = whatIfOf(resolve(model, CLIENT, BACKEND), { requestsPerSecond: 100, latencyMs: 50 });
    // The ztunnel hop has no circuit breakers; composed 1 − (1 − 0)(1 − o) = o.
    expect(w.overflowPercent).toBe(overflow);
    expect(w.errorPercent).toBe(0);
  });

  it('limits without a rate overflow nothing, and the answer says why', () => {
    const w = whatIfOf(resolve(withConnectionPool({ http: { http2MaxRequests: 1 } }), CLIENT, BACKEND), {});
    expect(w.overflowPercent).toBe(0);
    expect(w.scenario.hops[1]?.circuitBreakers).toEqual({ maxRequests: 1 });
    expect(w.scenario.hops[1]?.notes.join(' ')).toContain('overflow needs requestsPerSecond and latencyMs');
  });

  it.each([
    [{ http: { http2MaxRequests: 1 } }, { maxRequests: 1 }],
    [
      { tcp: { maxConnections: 10 }, http: { http1MaxPendingRequests: 5, maxRetries: 3 } },
      { maxConnections: 10, maxPendingRequests: 5, maxRetries: 3 },
    ],
    // Istio's own "unlimited" (2³² − 1) is no limit.
    [{ http: { http2MaxRequests: 4294967295 } }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ])('connectionPool %j → Envoy thresholds %j', (pool, expected) => {
    expect(circuitBreakerLimits(pool)).toEqual(expected);
  });
});

describe('queueing loss', () => {
  it.each([
    // Erlang B: B(A, 1) = A / (1 + A).
    [5, 1, 0, 5 / 6],
    // B(2, 2) = (2²/2) / (1 + 2 + 2²/2) = 2/5.
    [2, 2, 0, 0.4],
    // M/M/1/2 at A = 1: terms 1, 1, 1 → 1/3.
    [1, 1, 1, 1 / 3],
    // Far below the limit nothing is refused.
    [1, 1000, 0, 0],
  ])('A %d, %d servers, %d waiting → %d', (a, servers, waiting, expected) => {
    expect(blockingProbability(a, servers, waiting)).toBeCloseTo(expected, 12);
  });

  it('suggests the smallest limit that refuses at most 0.1 %: B(5, 13) = 0.00132, B(5, 14) = 0.00047', () => {
    expect(smallestLimitFor(5, 0.001)).toBe(14);
  });
});
