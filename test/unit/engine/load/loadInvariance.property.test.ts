/**
 * Issue 14 item 1: Envoy's and ztunnel's numbers depend on health only. Whatever the hop (Envoy with any
 * mix of health over up to four priorities, outlier detection or not; ztunnel; kube-proxy), whatever the
 * failing endpoints, a load factor changes no priority load, health score, panic flag or endpoint share,
 * and without circuit-breaker limits nothing overflows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSweep } from '../../../../src/engine/evaluate/evaluateSweep.js';
import { evaluateWhatIf } from '../../../../src/engine/evaluate/evaluateWhatIf.js';
import type { EndpointHealth } from '../../../../src/engine/model/resolved.js';
import { makeHop, makeOutlierDetection, makePath } from '../evaluate/builders.js';

const HEALTH: readonly EndpointHealth[] = ['HEALTHY', 'HEALTHY', 'HEALTHY', 'DEGRADED', 'UNHEALTHY'];

const endpoints = fc.array(
  fc.record({
    priority: fc.nat(3),
    health: fc.constantFrom(...HEALTH),
    weight: fc.integer({ min: 1, max: 4 }),
  }),
  { minLength: 1, maxLength: 12 },
);
const hop = fc
  .record({
    specs: endpoints,
    balancer: fc.constantFrom('ENVOY' as const, 'ZTUNNEL' as const, 'KUBE_PROXY' as const),
    outlier: fc.boolean(),
    panic: fc.constantFrom(0, 50),
  })
  .map(({ specs, balancer, outlier, panic }) =>
    makeHop(
      specs.map((s, i) => ({ name: `e-${i.toString()}`, ...s })),
      {
        balancer,
        panicThresholdPercent: panic,
        ...(balancer === 'ENVOY' && outlier
          ? { outlierDetection: makeOutlierDetection({ maxEjectionPercent: 100 }) }
          : {}),
        ...(balancer === 'ZTUNNEL'
          ? {
              layer: 'L4' as const,
              ztunnel: { mode: 'FAILOVER' as const, scopes: ['ZONE'], healthPolicy: 'ONLY_HEALTHY' as const },
            }
          : {}),
      },
    ),
  );
const loadFactor = fc.double({ min: 0.05, max: 50, noNaN: true });

describe('loads are unchanged by load factor', () => {
  it('whatIf: every hop at load factor L equals the same scenario at L = 1; overflow 0 without limits', () => {
    fc.assert(
      fc.property(hop, fc.array(fc.nat(11), { maxLength: 4 }), loadFactor, (h, failing, L) => {
        const path = makePath([h]);
        const ejectEndpoints = failing.filter((i) => i < h.endpoints.length).map((i) => `e-${i.toString()}`);
        const nominal = evaluateWhatIf(path, { ejectEndpoints });
        const loaded = evaluateWhatIf(path, { ejectEndpoints, loadFactor: L });
        expect(
          loaded.scenario.hops.map((x) => [x.priorities, x.endpoints.map((e) => e.sharePercent)]),
        ).toEqual(nominal.scenario.hops.map((x) => [x.priorities, x.endpoints.map((e) => e.sharePercent)]));
        expect(loaded.errorPercent).toBe(nominal.errorPercent);
        expect(loaded.ejections).toEqual(nominal.ejections);
        expect(loaded.overflowPercent).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('sweep: every point has the loads of L = 1 and no overflow', () => {
    fc.assert(
      fc.property(hop, fc.array(loadFactor, { minLength: 1, maxLength: 5 }), (h, factors) => {
        const path = makePath([h]);
        const [nominal] = evaluateSweep(path, {}, [1]);
        for (const point of evaluateSweep(path, {}, factors)) {
          expect(point.hops.map((x) => x.loads)).toEqual(nominal?.hops.map((x) => x.loads));
          expect(point.hops.every((x) => x.overflowPercent === 0)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('the overload cascade leaves the scenario as Envoy computes it', () => {
  it("whatIf's scenario is the same with or without overload; the cascade starts from it and ends", () => {
    fc.assert(
      fc.property(
        hop,
        fc.array(fc.nat(11), { maxLength: 4 }),
        loadFactor,
        fc.double({ min: 50, max: 200, noNaN: true }),
        fc.constantFrom('HTTP_5XX' as const, 'TIMEOUT' as const),
        (h, failing, L, threshold, as) => {
          const path = makePath([h]);
          const ejectEndpoints = failing
            .filter((i) => i < h.endpoints.length)
            .map((i) => `e-${i.toString()}`);
          const scenario = { ejectEndpoints, loadFactor: L, utilizationPercent: 60 };
          const plain = evaluateWhatIf(path, scenario);
          const withOverload = evaluateWhatIf(path, {
            ...scenario,
            overload: { failsAbovePercent: threshold, as },
          });
          expect(withOverload.scenario).toEqual(plain.scenario);
          expect(withOverload.errorPercent).toBe(plain.errorPercent);
          const steps = withOverload.cascade?.steps ?? [];
          // Capacity is unknown only when nothing serves at nominal load.
          if (withOverload.cascade?.outcome === 'CAPACITY_UNKNOWN') return;
          expect(steps[0]?.loads).toEqual(plain.scenario.hops[0]?.priorities.map((p) => p.loadPercent));
          expect(steps[0]?.errorPercent).toBe(plain.errorPercent);
          expect(steps.length).toBeGreaterThan(0);
          for (const s of steps) expect(s.errorPercent).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 100 },
    );
  });
});
