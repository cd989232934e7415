/**
 * Inside a priority (or a locality of one) Envoy's LB policies spread requests evenly by host weight in
 * the long run (round robin, least request with equal load, random): a share proportional to weight.
 */
import type { ResolvedEndpoint } from '../model/resolved.js';

/**
 * Spread `load` over the members passing `take`, proportionally to LB weight, adding into `shares`;
 * returns what could not be placed (all of it when no member passes).
 *
 * @example spreadByWeight(twoEndpointsWeighing1And3, [0, 1], () => true, 100, shares) // → 0, shares [25, 75]
 */
export function spreadByWeight(
  endpoints: readonly ResolvedEndpoint[],
  members: readonly number[],
  take: (i: number) => boolean,
  load: number,
  shares: Float64Array,
): number {
  let weight = 0;
  for (let m = 0; m < members.length; m += 1) {
    const i = members[m] ?? -1;
    if (take(i)) weight += endpoints[i]?.weight ?? 0;
  }
  if (weight <= 0) return load;
  for (let m = 0; m < members.length; m += 1) {
    const i = members[m] ?? -1;
    if (take(i)) shares[i] = (shares[i] ?? 0) + (load * (endpoints[i]?.weight ?? 0)) / weight;
  }
  return 0;
}
