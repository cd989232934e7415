/**
 * The share of requests a concurrency limit refuses, for Poisson arrivals and refused requests that do not
 * come back: the M/M/c/K loss formula (Erlang B when nothing may wait). This is how Envoy's circuit
 * breakers behave: a request that finds `max_requests` in flight, or every connection busy and
 * `max_pending_requests` waiting, is refused at once with a local 503 (response flag UO) rather than
 * queued (envoy.md circuit breaking; `ResourceManagerImpl`, `Router::Filter::onUpstreamAbort`).
 */

/**
 * Beyond this many servers or waiting places a limit is treated as absent: Istio's own default for every
 * connectionPool field is 2³² − 1, and no real concurrency comes near this.
 */
export const UNLIMITED_CONCURRENCY = 1_000_000;

/** Terms below this share of the running sum no longer change a blocking probability at double precision. */
const NEGLIGIBLE_TERM = 1e-17;

/** Rescales the running terms before they overflow a double. */
const RESCALE_ABOVE = 1e250;

/**
 * The probability that an arriving request finds the system full: M/M/c/K with `servers` = c and
 * `servers + waitingRoom` = K. With `waitingRoom` 0 this is Erlang B.
 *
 * @example blockingProbability(5, 1, 0) // → 0.8333… (Erlang B: A / (1 + A) = 5 / 6)
 * @example blockingProbability(2, 2, 0) // → 0.4 (A²/2 / (1 + A + A²/2) = 2 / 5)
 */
export function blockingProbability(offeredErlangs: number, servers: number, waitingRoom: number): number {
  if (!(offeredErlangs > 0)) return 0;
  if (servers <= 0) return 1;
  const capacity = servers + waitingRoom;
  // term_k = A^k / (min(k, c)! · c^(k − c)) relative to term_0 = 1; P(block) = term_K / Σ term_k.
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= capacity; k += 1) {
    term *= offeredErlangs / Math.min(k, servers);
    sum += term;
    if (sum > RESCALE_ABOVE) {
      term /= sum;
      sum = 1;
    }
    // Past the offered load the terms only shrink; once they stop mattering the system never fills.
    if (k > offeredErlangs && k >= servers && term < NEGLIGIBLE_TERM * sum && offeredErlangs < servers)
      return 0;
  }
  return term / sum;
}

/**
 * The smallest concurrency limit (servers, no waiting room) that refuses at most `targetShare` of the
 * requests at `offeredErlangs`: Erlang B's recurrence B(c) = A·B(c−1) / (c + A·B(c−1)), B(0) = 1.
 *
 * @example smallestLimitFor(5, 0.001) // → 14 (B(13) ≈ 0.00132, B(14) ≈ 0.00047)
 */
export function smallestLimitFor(offeredErlangs: number, targetShare: number): number {
  if (!(offeredErlangs > 0)) return 1;
  let blocking = 1;
  for (let c = 1; c <= UNLIMITED_CONCURRENCY; c += 1) {
    blocking = (offeredErlangs * blocking) / (c + offeredErlangs * blocking);
    if (blocking <= targetShare) return c;
  }
  return UNLIMITED_CONCURRENCY;
}
