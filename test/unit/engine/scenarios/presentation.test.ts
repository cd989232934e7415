/**
 * Answer precision (src/engine/evaluate/presentPercent.ts): percentages leave the engine at 6 decimals,
 * and lists that form a whole keep summing to it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionPercents, roundPercent } from '../../../../src/engine/evaluate/presentPercent.js';

describe('roundPercent and apportionPercents', () => {
  it.each([
    [33.333333333333336, 33.333333],
    [0.1 + 0.2, 0.3],
    [66.66666666666667, 66.666667],
    [100, 100],
    [0, 0],
  ])('roundPercent(%d) → %d', (input, expected) => {
    expect(roundPercent(input)).toBe(expected);
  });

  it.each<[string, number[], number[]]>([
    // 3 × 33.3333333…: truncation loses 1 unit of 10⁻⁶ %, given to the first largest remainder.
    ['thirds', [100 / 3, 100 / 3, 100 / 3], [33.333334, 33.333333, 33.333333]],
    ['thirds + dropped 0', [100 / 3, 100 / 3, 100 / 3, 0], [33.333334, 33.333333, 33.333333, 0]],
    // Binary noise below the precision never decides a unit: 12.5 stays 12.5.
    ['exact halves and eighths', [12.5, 87.5], [12.5, 87.5]],
    // 7 × 100/7 = 14.285714285…: floors sum to 99.999998, two units to the two first.
    [
      'sevenths',
      Array.from({ length: 7 }, () => 100 / 7),
      [14.285715, 14.285715, 14.285714, 14.285714, 14.285714, 14.285714, 14.285714],
    ],
    ['two thirds', [200 / 3, 100 / 3], [66.666667, 33.333333]],
    ['nothing', [0, 0], [0, 0]],
  ])('%s', (_label, input, expected) => {
    const out = apportionPercents(input);
    expect(out).toEqual(expected);
    const total = input.reduce((a, b) => a + b, 0);
    expect(Math.abs(out.reduce((a, b) => a + b, 0) - roundPercent(total))).toBeLessThanOrEqual(1e-9);
  });

  it('property: shares of a whole keep summing to 100 and move by at most 10⁻⁶ each', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }), (weights) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        if (sum === 0) return;
        const percents = weights.map((w) => (100 * w) / sum);
        const out = apportionPercents(percents);
        expect(Math.abs(out.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(1e-9);
        out.forEach((v, i) => {
          expect(Math.abs(v - (percents[i] ?? 0))).toBeLessThan(1.000001e-6);
          expect(Math.abs(v * 1e6 - Math.round(v * 1e6))).toBeLessThan(1e-6);
        });
      }),
    );
  });
});
