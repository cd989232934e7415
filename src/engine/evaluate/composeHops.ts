/**
 * Composing per-hop rates into the request's rate: hops are in series, so a request survives only if it
 * survives every hop, and the final hop's errors are the request's errors on top of earlier hops' losses.
 */

/** Composed rates keep nine decimals. */
const RATE_DECIMALS_SCALE = 1e9;

/**
 * `100 × (1 − Π (1 − rate_h / 100))`, each rate clamped to 0–100.
 *
 * @example composeInSeries([50, 50]) // → 75
 */
export function composeInSeries(ratesPercent: readonly number[]): number {
  let survive = 1;
  for (const r of ratesPercent) survive *= 1 - Math.min(100, Math.max(0, r)) / 100;
  // Round away binary noise (0.7 × 100 is not exactly 70) so single-hop rates come back as computed.
  return Math.round(100 * (1 - survive) * RATE_DECIMALS_SCALE) / RATE_DECIMALS_SCALE;
}
