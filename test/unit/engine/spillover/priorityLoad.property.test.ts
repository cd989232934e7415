import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePriorityLoad, rawAvailabilityPercent } from '../../../../src/engine/spillover/index.js';
import type { PriorityHostCounts } from '../../../../src/engine/spillover/index.js';

const priority = fc
  .record({ healthy: fc.nat(20), degraded: fc.nat(5), unhealthy: fc.nat(20), excluded: fc.nat(3) })
  .map((p): PriorityHostCounts => ({
    total: p.healthy + p.degraded + p.unhealthy + p.excluded,
    healthy: p.healthy,
    degraded: p.degraded,
    excluded: p.excluded,
  }));
const priorities = fc.array(priority, { minLength: 1, maxLength: 5 });
const options = fc.record({
  overprovisioningFactorPercent: fc.integer({ min: 1, max: 300 }),
  panicThresholdPercent: fc.integer({ min: 0, max: 100 }),
  loadFactor: fc.oneof(fc.constant(1), fc.double({ min: 0.1, max: 10, noNaN: true })),
});
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('priority load properties', () => {
  it('loads sum to 100 whenever anything is available or panic applies', () => {
    fc.assert(
      fc.property(priorities, options, (ps, o) => {
        const r = computePriorityLoad(ps, o);
        const total = sum(r.healthyLoad) + sum(r.degradedLoad);
        if (r.normalizedTotalAvailability > 0 || r.totalPanic || o.panicThresholdPercent === 0)
          expect(total).toBe(100);
        expect(r.healthyLoad.every((l) => l >= 0) && r.degradedLoad.every((l) => l >= 0)).toBe(true);
      }),
    );
  });

  it('a priority is in panic only below the threshold, and never while availability is 100', () => {
    fc.assert(
      fc.property(priorities, options, (ps, o) => {
        const r = computePriorityLoad(ps, o);
        r.panic.forEach((inPanic, i) => {
          const p = ps[i];
          if (!inPanic || p === undefined) return;
          expect(r.normalizedTotalAvailability).toBeLessThan(100);
          expect(rawAvailabilityPercent(p)).toBeLessThan(Math.min(100, o.panicThresholdPercent));
        });
      }),
    );
  });

  /** One healthy host of priority `index` turns unhealthy. */
  const degrade = (ps: readonly PriorityHostCounts[], index: number): PriorityHostCounts[] =>
    ps.map((p, i) => (i === index ? { ...p, healthy: p.healthy - 1 } : p));
  const load = (r: ReturnType<typeof computePriorityLoad>, i: number): number =>
    (r.healthyLoad[i] ?? 0) + (r.degradedLoad[i] ?? 0);

  it("a priority's load never rises when its own health falls (panic disabled, Istio ≥ 1.31 default)", () => {
    fc.assert(
      fc.property(priorities, fc.nat(4), options, (ps, pick, o) => {
        const index = pick % ps.length;
        fc.pre((ps[index]?.healthy ?? 0) > 0);
        const opts = { ...o, panicThresholdPercent: 0 };
        const before = computePriorityLoad(ps, opts);
        const after = computePriorityLoad(degrade(ps, index), opts);
        fc.pre(!after.noHealthyUpstream);
        expect(load(after, index)).toBeLessThanOrEqual(load(before, index));
      }),
    );
  });

  it('… and with a panic threshold, as long as neither state is in total panic', () => {
    fc.assert(
      fc.property(priorities, fc.nat(4), options, (ps, pick, o) => {
        const index = pick % ps.length;
        fc.pre((ps[index]?.healthy ?? 0) > 0);
        const before = computePriorityLoad(ps, o);
        const after = computePriorityLoad(degrade(ps, index), o);
        fc.pre(!before.totalPanic && !after.totalPanic && !after.noHealthyUpstream);
        expect(load(after, index)).toBeLessThanOrEqual(load(before, index));
      }),
    );
  });

  it("total panic can raise a priority's load as its health falls (Envoy behaviour, kept on purpose)", () => {
    const ps = (p0Healthy: number): PriorityHostCounts[] => [
      { total: 100, healthy: p0Healthy, degraded: 0, excluded: 0 },
      { total: 10, healthy: 2, degraded: 0, excluded: 0 },
    ];
    const o = { overprovisioningFactorPercent: 140, panicThresholdPercent: 50 };
    expect(computePriorityLoad(ps(50), o).healthyLoad).toEqual([72, 28]);
    expect(computePriorityLoad(ps(49), o).healthyLoad).toEqual([91, 9]);
  });
});
