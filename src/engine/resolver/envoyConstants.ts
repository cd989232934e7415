/**
 * Envoy defaults Istio never overrides.
 */

/** `ClusterLoadAssignment.policy.overprovisioning_factor` default; Istio never sets it (istio.md §5.6). */
export const DEFAULT_OVERPROVISIONING_FACTOR_PERCENT = 140;
