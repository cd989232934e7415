/**
 * Each endpoint's utilisation and the share of requests beyond capacity, from a capacity the user or the
 * snapshot gives (issue 14 item 2). Envoy and ztunnel never see any of this: the shares they produce from
 * health alone are the input, and nothing here feeds back into them.
 *
 * Capacity is calibrated on the nominal placement (no failures, load factor 1): the endpoints that serve
 * there run at the given mean utilisation u, and capacity follows endpoint weight (uniform when weights are
 * equal). So endpoint i's capacity is `wᵢ·k` in percent of the hop's nominal traffic, with
 * `k = mean over serving endpoints of (nominal shareⱼ / wⱼ) / (u / 100)`, and at load factor L its
 * utilisation is `100 · L · shareᵢ / (wᵢ·k)`. The requests beyond capacity are
 * `Σ shareᵢ · max(0, 1 − 100 / utilisationᵢ)`: what an endpoint cannot serve as fast as it comes.
 */
import type { ResolvedHop } from '../model/resolved.js';
import { FULL_LOAD_PERCENT } from '../spillover/index.js';

/** Where a hop's nominal utilisation comes from. */
export interface CapacitySource {
  /** Mean utilisation of the endpoints serving at nominal load, 0 < u ≤ 100. */
  readonly utilizationPercent: number;
  /** For the notes: "ScenarioInput.utilizationPercent", "HPA shop/backend (CPU target 60 %)". */
  readonly source: string;
}

export interface EndpointUtilization {
  /** Per endpoint (indexed like `hop.endpoints`), percent of its capacity. */
  readonly utilization: Float64Array;
  /** Share of the hop's requests beyond the capacity of the endpoint they meet, percent. */
  readonly saturatedPercent: number;
}

/**
 * The capacity unit `k` (percent of nominal traffic per unit of weight), or undefined when nothing serves
 * at nominal load.
 *
 * @example capacityPerWeight([1, 1, 1], new Float64Array([100 / 3, 100 / 3, 100 / 3]), 60) // → 55.5… (33.3 / 0.6)
 */
export function capacityPerWeight(
  weights: readonly number[],
  nominalShares: Float64Array,
  utilizationPercent: number,
): number | undefined {
  let serving = 0;
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const share = nominalShares[i] ?? 0;
    const w = weights[i] ?? 0;
    if (share <= 0 || w <= 0) continue;
    serving += 1;
    sum += share / w;
  }
  if (serving === 0) return undefined;
  return sum / serving / (utilizationPercent / FULL_LOAD_PERCENT);
}

/**
 * @example endpointUtilization(hopOf3, nominalThirds, [0, 50, 50], 1.5, { utilizationPercent: 60, source: 'input' })
 * // → utilization [0, 135, 135] (50 × 1.5 / 55.6), saturatedPercent 25.93 (2 × 50 × (1 − 100 / 135))
 */
export function endpointUtilization(
  hop: ResolvedHop,
  nominalShares: Float64Array,
  shares: Float64Array,
  offeredFactor: number,
  capacity: CapacitySource,
): EndpointUtilization | undefined {
  const weights = hop.endpoints.map((e) => e.weight);
  const k = capacityPerWeight(weights, nominalShares, capacity.utilizationPercent);
  if (k === undefined) return undefined;
  const utilization = new Float64Array(weights.length);
  let saturated = 0;
  for (let i = 0; i < weights.length; i += 1) {
    const share = shares[i] ?? 0;
    const w = weights[i] ?? 0;
    if (share <= 0) continue;
    // An endpoint of weight 0 takes no share from Envoy; if one does (panic), it has no capacity to give.
    const u = w > 0 ? (FULL_LOAD_PERCENT * offeredFactor * share) / (w * k) : Number.POSITIVE_INFINITY;
    utilization[i] = u;
    if (u > FULL_LOAD_PERCENT) saturated += share * (1 - FULL_LOAD_PERCENT / u);
  }
  return { utilization, saturatedPercent: saturated };
}
