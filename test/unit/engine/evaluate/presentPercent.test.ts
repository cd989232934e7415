/**
 * `apportionPercents` selects the receivers of the rounding units in linear time; these properties pin it
 * to the definition it replaced (truncate, then one unit each to the largest remainders, first in order on
 * a tie), written out here as the straightforward sort.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apportionInPlace,
  apportionPercents,
  apportionPercentsInto,
} from '../../../../src/engine/evaluate/presentPercent.js';

const UNITS_PER_PERCENT = 1e6;
const UNIT_SNAP_TOLERANCE = 1e-6;

/** The definition by sorting, as the engine computed it before the linear selection. */
function apportionBySorting(percents: readonly number[]): number[] {
  const toUnits = (p: number): number => {
    const units = p * UNITS_PER_PERCENT;
    const nearest = Math.round(units);
    return Math.abs(units - nearest) <= UNIT_SNAP_TOLERANCE ? nearest : units;
  };
  const units = percents.map(toUnits);
  const floors = units.map((u) => Math.floor(u));
  const total = Math.round(units.reduce((sum, u) => sum + u, 0));
  let missing = total - floors.reduce((sum, f) => sum + f, 0);
  const byRemainder = units
    .map((u, i) => ({ i, remainder: u - (floors[i] ?? 0) }))
    .filter((r) => r.remainder > 0)
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    missing -= 1;
  }
  return floors.map((f) => f / UNITS_PER_PERCENT);
}

/** Shares of 100 % over `weights`, as the spillover model produces them (many equal values, many ties). */
const sharesOf = (weights: readonly number[], dropped: number): number[] => {
  const total = weights.reduce((a, b) => a + b, 0);
  return total > 0 ? [...weights.map((w) => ((100 - dropped) * w) / total), dropped] : [dropped];
};

describe('apportionPercents', () => {
  it.each<[string, number[], number[]]>([
    [
      'thirds: the first of three equal remainders gets the unit',
      [100 / 3, 100 / 3, 100 / 3],
      [33.333334, 33.333333, 33.333333],
    ],
    [
      'sevenths',
      Array.from({ length: 7 }, () => 100 / 7),
      [14.285715, 14.285715, 14.285714, 14.285714, 14.285714, 14.285714, 14.285714],
    ],
    ['exact values stay', [12.5, 37.5, 50], [12.5, 37.5, 50]],
    ['empty', [], []],
  ])('%s', (_, input, expected) => {
    expect(apportionPercents(input)).toEqual(expected);
    expect(apportionPercents(input)).toEqual(apportionBySorting(input));
  });

  it('matches the sorting definition on model-like shares (equal weights, ties, a dropped part)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0, 0, 7, 100 / 3, 12.5),
        (weights, dropped) => {
          const shares = sharesOf(weights, dropped);
          expect(apportionPercents(shares)).toEqual(apportionBySorting(shares));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches the sorting definition on arbitrary percentages', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 200 }), (values) => {
        expect(apportionPercents(values)).toEqual(apportionBySorting(values));
      }),
      { numRuns: 300 },
    );
  });

  it('typed-array and in-place forms give the same numbers', () => {
    const shares = sharesOf(
      Array.from({ length: 1000 }, (_, i) => 1 + (i % 3)),
      0,
    );
    const expected = apportionBySorting(shares);
    expect(Array.from(apportionPercentsInto(shares))).toEqual(expected);
    const inPlace = Float64Array.from(shares);
    apportionInPlace(inPlace);
    expect(Array.from(inPlace)).toEqual(expected);
    expect(shares.length).toBe(1001);
  });
});
