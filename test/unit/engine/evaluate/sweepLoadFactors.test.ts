import { describe, expect, it } from 'vitest';
import {
  MAX_SWEEP_POINTS,
  sweepLoadFactors,
  validateSweepLoadFactors,
} from '../../../../src/engine/index.js';

describe('sweepLoadFactors', () => {
  it.each([
    [1, 3, 0.5, [1, 1.5, 2, 2.5, 3]],
    [1, 2, 0.1, [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2]],
    [1.5, 1.5, 1, [1.5]],
    [0.5, 1.2, 0.5, [0.5, 1]],
  ])('from %d to %d step %d', (from, to, step, expected) => {
    expect(sweepLoadFactors(from, to, step)).toEqual(expected);
  });

  it.each([
    [0, 2, 0.5],
    [-1, 2, 0.5],
    [2, 1, 0.5],
    [1, 2, 0],
    [1, 2, -0.1],
    [1, Number.POSITIVE_INFINITY, 1],
    [1, 2, Number.NaN],
    [1, 1 + MAX_SWEEP_POINTS, 1],
    [1, 1e9, 1e-9],
  ])('refuses from %d to %d step %d as INVALID_SCENARIO', (from, to, step) => {
    expect(() => sweepLoadFactors(from, to, step)).toThrow(
      expect.objectContaining({ code: 'INVALID_SCENARIO' }) as Error,
    );
  });

  it('accepts exactly the maximum number of points', () => {
    expect(sweepLoadFactors(1, MAX_SWEEP_POINTS, 1)).toHaveLength(MAX_SWEEP_POINTS);
  });
});

describe('validateSweepLoadFactors', () => {
  it.each([
    [[], false],
    [[1], true],
    [Array.from({ length: MAX_SWEEP_POINTS }, (_, i) => 1 + i), true],
    [Array.from({ length: MAX_SWEEP_POINTS + 1 }, (_, i) => 1 + i), false],
  ])('%j accepted: %s', (factors, ok) => {
    if (ok) expect(() => validateSweepLoadFactors(factors)).not.toThrow();
    else
      expect(() => validateSweepLoadFactors(factors)).toThrow(
        expect.objectContaining({ code: 'INVALID_SCENARIO' }) as Error,
      );
  });
});
