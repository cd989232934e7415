/**
 * Headroom (issue 14 item 4): the smallest load factor at which something first happens — an endpoint
 * reaches its capacity, outlier detection ejects an overloaded endpoint, circuit breakers refuse more than
 * one request in a thousand. Each is monotone in the load factor for a fixed placement (utilisation and
 * Erlang B's carried load both grow with the offered load), so a bisection finds it.
 */

/** The largest load factor searched; beyond it the answer is "not within reach" (null). */
export const MAX_HEADROOM_LOAD_FACTOR = 1000;
/** Bisection stops once the bracket is this narrow, relative to the load factor. */
const RELATIVE_PRECISION = 1e-9;
const MAX_BISECTIONS = 200;

/**
 * The smallest load factor in (0, MAX_HEADROOM_LOAD_FACTOR] where `happens` holds, for a predicate that
 * stays true once true; null when it never holds there.
 *
 * @example smallestLoadFactor((l) => l * 90 >= 100) // → 1.1111111… (100 / 90)
 */
export function smallestLoadFactor(happens: (loadFactor: number) => boolean): number | null {
  if (!happens(MAX_HEADROOM_LOAD_FACTOR)) return null;
  let low = 0;
  let high = MAX_HEADROOM_LOAD_FACTOR;
  for (let i = 0; i < MAX_BISECTIONS && high - low > RELATIVE_PRECISION * high; i += 1) {
    const mid = (low + high) / 2;
    if (happens(mid)) high = mid;
    else low = mid;
  }
  return high;
}
