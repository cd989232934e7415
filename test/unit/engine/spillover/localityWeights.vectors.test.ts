import { describe, expect, it } from 'vitest';
import { effectiveLocalityWeight, localityShares } from '../../../../src/engine/spillover/index.js';
import { localityPickSequence } from './oracles/localityPickSequence.js';
import type { LocalityAvailability } from '../../../../src/engine/spillover/index.js';
import { loadEnvoyVectors } from './envoyVectors.js';
import type { LocalityVectorInput } from './envoyVectors.js';

const vectors = loadEnvoyVectors<LocalityVectorInput>(['locality']);

describe('envoy.json locality vectors', () => {
  it('has the 15 locality vectors', () => {
    expect(vectors.length).toBe(15);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const factor = v.input.overprovisioning_factor;
    const localities: readonly LocalityAvailability[] = v.input.localities;
    const seed = v.input.seed ?? 0;
    let asserted = 0;
    if ('picks_per_100' in v.expected) {
      const picks = localityPickSequence(localities, factor, v.input.picks ?? 0, seed);
      const counts = localities.map((_, i) => picks.filter((p) => p === i).length);
      expect(counts).toEqual(v.expected.picks_per_100);
      asserted += 1;
    }
    if ('effective_weights' in v.expected) {
      const eff = localities.map((l) => effectiveLocalityWeight(l, factor));
      (v.expected.effective_weights as number[]).forEach((w, i) => expect(eff[i]).toBeCloseTo(w, 9));
      asserted += 1;
    }
    if ('pick_sequence' in v.expected) {
      const expected = v.expected.pick_sequence as number[];
      expect(localityPickSequence(localities, factor, expected.length, seed)).toEqual(expected);
      asserted += 1;
    }
    if ('chooseHealthyLocality' in v.expected) {
      expect(v.expected.chooseHealthyLocality).toBeNull();
      expect(localityPickSequence(localities, factor, 1, seed)).toEqual([]);
      expect(localityShares(localities, factor)).toEqual(localities.map(() => 0));
      asserted += 1;
    }
    if ('traffic_percent' in v.expected) {
      const shares = localityShares(localities, factor).map((s) => 100 * s);
      // The code's exact share is asserted; the doc rounds (or, for 69 %, truncates) to ±1.
      (v.exact_share_by_code as number[]).forEach((s, i) => expect(shares[i]).toBeCloseTo(s, 2));
      (v.expected.traffic_percent as number[]).forEach((p, i) =>
        expect(Math.abs((shares[i] ?? 0) - p)).toBeLessThanOrEqual(1),
      );
      asserted += 1;
    }
    expect(asserted).toBeGreaterThan(0);
  });

  it.each([
    [
      [1, 2],
      [1, 0, 1, 1, 0, 1],
    ],
    [
      [1, 1],
      [0, 1, 0, 1],
    ],
  ])('EDF order for weights %j', (weights, sequence) => {
    const localities = weights.map((weight) => ({ weight, total: 1, eligible: 1 }));
    expect(localityPickSequence(localities, 140, sequence.length)).toEqual(sequence);
  });

  it('emulated initial picks land where one-by-one picks would', () => {
    const localities = [0.84, 2, 1.3].map((weight) => ({ weight, total: 1, eligible: 1 }));
    const straight = localityPickSequence(localities, 100, 60);
    const seeded = localityPickSequence(localities, 100, 30, 30);
    expect(seeded.slice(10)).toEqual(straight.slice(40));
  });
});
