import { describe, expect, it } from 'vitest';
import { parseDurationMs } from '../../../../src/engine/normalize/parseDuration.js';

describe('parseDurationMs', () => {
  it.each([
    ['10s', 10_000],
    ['3m', 180_000],
    ['1.5s', 1_500],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['250us', 0.25],
    ['0', 0],
    ['.5s', 500],
  ])('%s → %d ms', (text, expected) => {
    expect(parseDurationMs(text)).toBe(expected);
  });

  it.each(['', '10', 's', '10 s', '-1s', '1d', '10S', '1s2', 'abc'])('%j is not a duration', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});
