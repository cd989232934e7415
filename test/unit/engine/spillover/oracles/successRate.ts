/**
 * Success-rate outlier threshold (`DetectorImpl::successRateEjectionThreshold`, envoy.md §7.6): the mean
 * of the eligible hosts' success rates minus `stdev_factor` population standard deviations. Hosts strictly
 * below it are ejection candidates.
 */
export interface SuccessRateThreshold {
  readonly mean: number;
  readonly threshold: number;
}

/**
 * @example successRateEjectionThreshold([50, 100, 100, 100, 100], 1.9) // → { mean: 90, threshold: 52 }
 */
export function successRateEjectionThreshold(
  successRates: readonly number[],
  stdevFactor: number,
): SuccessRateThreshold {
  if (successRates.length === 0) return { mean: 0, threshold: 0 };
  const mean = successRates.reduce((a, b) => a + b, 0) / successRates.length;
  const variance = successRates.reduce((acc, sr) => acc + (sr - mean) ** 2, 0) / successRates.length;
  return { mean, threshold: mean - stdevFactor * Math.sqrt(variance) };
}
