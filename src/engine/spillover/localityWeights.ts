/**
 * Locality-weighted balancing inside one priority (envoy.md §6, `LocalityWrr::effectiveLocalityWeight`).
 * It applies only with `locality_weighted_lb_config` and only to a priority that is not in panic.
 */

export interface LocalityAvailability {
  /** EDS `load_balancing_weight`; a locality without one weighs 0. */
  readonly weight: number;
  /** Every host of the locality in this priority, excluded ones included. */
  readonly total: number;
  /** Hosts eligible for this pick: healthy ones for a healthy pick, degraded ones for a degraded pick. */
  readonly eligible: number;
  readonly excluded?: number;
}

/**
 * `weight × min(1, F/100 × eligible / (hosts − excluded))` in double precision, with host counts (never
 * host weights); 0 when every host is excluded.
 *
 * @example effectiveLocalityWeight({ weight: 1, total: 5, eligible: 3 }, 140) // → 0.84
 */
export function effectiveLocalityWeight(
  locality: LocalityAvailability,
  overprovisioningFactorPercent: number,
): number {
  const considered = locality.total - (locality.excluded ?? 0);
  if (considered <= 0) return 0;
  const ratio = locality.eligible / considered;
  return locality.weight * Math.min(1.0, (overprovisioningFactorPercent / 100.0) * ratio);
}

/**
 * Long-run share (0–1) of each locality: `eff_i / Σ eff`. All zeros when no locality is eligible, which is
 * when Envoy builds no scheduler and falls back to every eligible host of the priority.
 *
 * @example localityShares([{ weight: 1, total: 100, eligible: 50 }, { weight: 2, total: 100, eligible: 100 }], 140)
 * // → [0.259…, 0.740…]
 */
export function localityShares(
  localities: readonly LocalityAvailability[],
  overprovisioningFactorPercent: number,
): number[] {
  const effective = localities.map((l) => effectiveLocalityWeight(l, overprovisioningFactorPercent));
  const sum = effective.reduce((a, b) => a + b, 0);
  return sum > 0 ? effective.map((e) => e / sum) : effective.map(() => 0);
}
