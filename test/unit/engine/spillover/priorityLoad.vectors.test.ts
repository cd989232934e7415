import { describe, expect, it } from 'vitest';
import { computePriorityLoad } from '../../../../src/engine/spillover/index.js';
import { choosePriority } from './oracles/choosePriority.js';
import type { PriorityHostCounts } from '../../../../src/engine/spillover/index.js';
import { loadEnvoyVectors } from './envoyVectors.js';
import type { PriorityInput, PriorityVectorInput } from './envoyVectors.js';

const vectors = loadEnvoyVectors<PriorityVectorInput>(['priority_load', 'panic']);

const sum = (xs: readonly number[] | undefined): number => (xs ?? []).reduce((a, b) => a + b, 0);

function toCounts(p: PriorityInput): PriorityHostCounts {
  const counts = { total: p.total, healthy: p.healthy, degraded: p.degraded, excluded: p.excluded };
  if (!p.weights) return counts;
  const w = p.weights;
  const all = sum(w.healthy) + sum(w.degraded) + sum(w.unhealthy) + sum(w.excluded);
  return {
    ...counts,
    weights: { healthy: sum(w.healthy), degraded: sum(w.degraded), total: all, excluded: sum(w.excluded) },
  };
}

function run(input: PriorityVectorInput, panicThreshold = input.panic_threshold) {
  return computePriorityLoad(input.priorities.map(toCounts), {
    overprovisioningFactorPercent: input.overprovisioning_factor,
    panicThresholdPercent: panicThreshold,
    weightedPriorityHealth: input.weighted_priority_health,
  });
}

describe('envoy.json priority_load and panic vectors', () => {
  it('has the 65 vectors the reference lists for this build', () => {
    expect(vectors.length).toBe(65);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    // Where the doc disagrees with the code, the code wins.
    const expected =
      v.doc_disagrees_with_code && v.expected_by_code ? { ...v.expected, ...v.expected_by_code } : v.expected;
    const r = run(v.input);
    let asserted = 0;
    const check = (key: string, actual: unknown): void => {
      if (key in expected) {
        expect(actual, key).toEqual(expected[key]);
        asserted += 1;
      }
    };
    check('healthy_load', r.healthyLoad);
    check('degraded_load', r.degradedLoad);
    check('panic', r.panic);
    check('health', r.health);
    check('degraded_health', r.degradedHealth);
    check('normalized_total_health', r.normalizedTotalAvailability);
    if ('chooseHost' in expected) {
      // rr-3: panic disabled, nothing healthy: everything is aimed at P0 and no host is found.
      expect(expected.chooseHost).toBe('nullptr');
      expect(r.noHealthyUpstream).toBe(true);
      asserted += 1;
    }
    if ('chosen_priority_for_random_0' in expected) {
      expect(choosePriority(r.healthyLoad, r.degradedLoad, 0)?.priority).toBe(
        expected.chosen_priority_for_random_0,
      );
      asserted += 1;
    }
    if ('chosen' in expected) {
      const [, level, state] = /^P(\d+) (healthy|degraded) host$/.exec(expected.chosen as string) ?? [];
      expect(choosePriority(r.healthyLoad, r.degradedLoad, 0)).toEqual({
        priority: Number(level),
        source: state === 'healthy' ? 'HEALTHY' : 'DEGRADED',
      });
      asserted += 1;
    }
    if ('expected_by_code_panic_threshold_0' in v) {
      const alt = v.expected_by_code_panic_threshold_0 as Record<string, unknown>;
      const r0 = run(v.input, 0);
      expect(r0.healthyLoad).toEqual(alt.healthy_load);
      expect(r0.degradedLoad).toEqual(alt.degraded_load);
      expect(r0.panic).toEqual(alt.panic);
    }
    expect(asserted).toBeGreaterThan(0);
  });
});
