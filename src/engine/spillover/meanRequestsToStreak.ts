/**
 * How long a host that fails only part of its requests takes to trip a consecutive-error detector.
 * Envoy counts consecutive errors per host and resets the count on every success
 * (`DetectorHostMonitorImpl::putHttpResponseCode`: a non-5xx "counts a success and resets both counters";
 * envoy.md §7.2), firing when the count reaches `consecutive_5xx` (or `consecutive_gateway_failure`).
 *
 * With each request failing independently with probability φ, the expected number of requests until n
 * failures in a row is the classic run-length result E = (1 − φⁿ) / ((1 − φ)·φⁿ) (E = n when φ = 1). Any run
 * of n eventually happens while traffic flows, so such a host is ejected sooner or later; E says how soon.
 * Independence is the most interleaved case: requests pinned to one failing connection fail in longer runs
 * and trip it sooner.
 */

/**
 * @example meanRequestsToStreak(0.5, 5) // → 62: (1 − 1/32) / (0.5 × 1/32)
 */
export function meanRequestsToStreak(fraction: number, streak: number): number {
  if (fraction <= 0) return Infinity;
  if (fraction >= 1) return streak;
  const run = fraction ** streak;
  return (1 - run) / ((1 - fraction) * run);
}
