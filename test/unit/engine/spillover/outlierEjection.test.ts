import { describe, expect, it } from 'vitest';
import {
  decayedEjectionMultiplier,
  ejectionCapDecision,
  ejectionDurationMs,
  nextEjectionMultiplier,
} from '../../../../src/engine/spillover/index.js';
import type { EjectionCapRule } from '../../../../src/engine/spillover/index.js';

describe('ejectionCapDecision (envoy.md §7.4)', () => {
  it.each<[EjectionCapRule, number, number, number, boolean, boolean]>([
    // rule, active, total hosts, max %, always_eject_one_host, allowed
    ['ENVOY_1_31', 0, 2, 60, false, true],
    ['ENVOY_1_31', 0, 3, 50, false, true],
    ['ENVOY_1_31', 1, 3, 50, false, false],
    ['ENVOY_1_31', 0, 9, 10, false, false],
    ['ENVOY_1_31', 0, 10, 10, false, true],
    ['ENVOY_1_31', 0, 1, 90, false, false],
    ['ENVOY_1_31', 0, 9, 10, true, true],
    ['ENVOY_1_31', 1, 9, 10, true, false],
    ['ENVOY_1_28', 0, 9, 10, true, false],
    ['ENVOY_1_27', 0, 9, 10, false, true],
    ['ENVOY_1_27', 1, 9, 10, false, false],
    ['ENVOY_1_26', 0, 2, 10, false, true],
    ['ENVOY_1_26', 1, 10, 10, false, false],
    ['ENVOY_1_26', 1, 3, 50, false, true],
    ['ENVOY_1_31', 0, 3, 150, false, true],
  ])(
    '%s: %i active of %i hosts at %i % (always one: %s) → %s',
    (rule, activeEjections, totalHosts, maxEjectionPercent, alwaysEjectOneHost, allowed) => {
      const d = ejectionCapDecision({
        rule,
        activeEjections,
        totalHosts,
        maxEjectionPercent,
        alwaysEjectOneHost,
      });
      expect(d.allowed).toBe(allowed);
      expect(d.reason.length).toBeGreaterThan(0);
    },
  );
});

describe('ejection time', () => {
  it.each([
    [1, 30_000, 300_000, 30_000],
    [3, 10_000, 300_000, 30_000],
    [31, 10_000, 305_000, 305_000],
  ])('multiplier %i, base %i, max %i → %i ms', (m, base, max, ms) => {
    expect(ejectionDurationMs(m, base, max)).toBe(ms);
  });

  it('the multiplier saturates once base × multiplier reaches max + base', () => {
    let m = 0;
    for (let i = 0; i < 40; i += 1) m = nextEjectionMultiplier(m, 10_000, 300_000);
    expect(m).toBe(31);
    expect(decayedEjectionMultiplier(m, true)).toBe(30);
    expect(decayedEjectionMultiplier(0, true)).toBe(0);
    expect(decayedEjectionMultiplier(5, false)).toBe(5);
  });
});
