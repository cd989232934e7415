/**
 * Envoy's zone-aware routing (`ZoneAwareLoadBalancerBase`), each case derived from its code:
 * `earlyExitNonLocalityRouting` (≥ 2 upstream localities, ≥ 2 local localities, a local host in the
 * proxy's zone, ≥ min_cluster_size healthy upstream hosts, default 6), `calculateLocalityPercentages`
 * (10000 · healthy / total, floored), `regenerateLocalityRoutingStructures` (LocalityDirect when the
 * upstream's zone share ≥ the local cluster's; else LocalityResidual: `upstream · 10000 / local` stays,
 * the rest by residual capacity) and `hostSourceToUse` (`routing_enabled` share of requests routed).
 */
import { describe, expect, it } from 'vitest';
import { zoneAwareRouting, type LocalityHosts } from '../../../../src/engine/spillover/zoneAwareRouting.js';

const hosts = (counts: Record<string, number>): LocalityHosts[] =>
  Object.entries(counts).map(([locality, n]) => ({ locality, hosts: n, healthy: n }));

describe('zoneAwareRouting', () => {
  it.each([
    {
      name: "Envoy's own example: local 40/40/20, upstream 25/50/25",
      upstream: { a: 2, b: 4, c: 2 },
      local: { a: 2, b: 2, c: 1 },
      routingEnabledPercent: 100,
      // Upstream 2500/5000/2500, local 4000/4000/2000: 2500 < 4000 → residual. Stay: 2500 · 10000 / 4000 =
      // 6250 → 62.5 %. Residual b 5000 − 4000 = 1000, c 2500 − 2000 = 500: the other 37.5 % split 2 : 1.
      state: 'LOCALITY_RESIDUAL',
      shares: [0.625, 0.25, 0.125],
    },
    {
      name: 'the same with routing_enabled 50 %: half the requests ignore zones',
      upstream: { a: 2, b: 4, c: 2 },
      local: { a: 2, b: 2, c: 1 },
      routingEnabledPercent: 50,
      // ½ · [0.625, 0.25, 0.125] + ½ · [2/8, 4/8, 2/8] = [0.4375, 0.375, 0.1875].
      state: 'LOCALITY_RESIDUAL',
      shares: [0.4375, 0.375, 0.1875],
    },
    {
      name: 'balanced zones: everything stays local',
      upstream: { a: 2, b: 2, c: 2 },
      local: { a: 1, b: 1, c: 1 },
      routingEnabledPercent: 100,
      // 3333 ≥ 3333 → LocalityDirect.
      state: 'LOCALITY_DIRECT',
      shares: [1, 0, 0],
    },
    {
      name: "no upstream host in the proxy's zone: all cross-zone by residual capacity",
      upstream: { b: 3, c: 3 },
      local: { a: 2, b: 1, c: 1 },
      routingEnabledPercent: 100,
      // No local locality upstream: residual b 5000 − 2500, c 5000 − 2500 → ½ each.
      state: 'LOCALITY_RESIDUAL',
      shares: [0.5, 0.5],
    },
    {
      name: 'too small: 3 healthy upstream hosts < min_cluster_size 6',
      upstream: { a: 1, b: 1, c: 1 },
      local: { a: 1, b: 1, c: 1 },
      routingEnabledPercent: 100,
      state: 'NO_LOCALITY_ROUTING',
      shares: undefined,
    },
    {
      name: 'one upstream locality',
      upstream: { a: 6 },
      local: { a: 1, b: 1 },
      routingEnabledPercent: 100,
      state: 'NO_LOCALITY_ROUTING',
      shares: undefined,
    },
    {
      name: 'the local cluster spans one locality',
      upstream: { a: 3, b: 3 },
      local: { a: 2 },
      routingEnabledPercent: 100,
      state: 'NO_LOCALITY_ROUTING',
      shares: undefined,
    },
    {
      name: "the local cluster has no host in the proxy's zone",
      upstream: { a: 3, b: 3 },
      local: { b: 2, c: 1 },
      routingEnabledPercent: 100,
      state: 'NO_LOCALITY_ROUTING',
      shares: undefined,
    },
    {
      name: 'enabled: false (routing_enabled 0 %)',
      upstream: { a: 3, b: 3 },
      local: { a: 1, b: 1 },
      routingEnabledPercent: 0,
      state: 'NO_LOCALITY_ROUTING',
      shares: undefined,
    },
  ])('$name', ({ upstream, local, routingEnabledPercent, state, shares }) => {
    const out = zoneAwareRouting({
      upstream: hosts(upstream),
      local: hosts(local),
      localLocality: 'a',
      routingEnabledPercent,
    });
    expect(out.state).toBe(state);
    if (shares === undefined) expect(out.localityShares).toBeUndefined();
    else shares.forEach((s, i) => expect(out.localityShares?.[i]).toBeCloseTo(s, 12));
  });
});
