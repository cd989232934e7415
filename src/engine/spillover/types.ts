/**
 * Data shapes of the spillover model. Counts follow Envoy's host partitioning per priority
 * (`ClusterImplBase::partitionHostList`, envoy.md §1): `total` includes excluded hosts; `healthy`,
 * `degraded` and `excluded` are disjoint; the rest are unhealthy.
 */

/** One priority level's host counts (T_p, H_p, D_p, X_p in envoy.md). */
export interface PriorityHostCounts {
  readonly total: number;
  readonly healthy: number;
  readonly degraded: number;
  readonly excluded: number;
  /** Summed LB weights per state; used only with `weighted_priority_health` (envoy.md §3). */
  readonly weights?: PriorityHostWeights;
}

export interface PriorityHostWeights {
  readonly healthy: number;
  readonly degraded: number;
  /** Every host's weight, excluded ones included. */
  readonly total: number;
  readonly excluded: number;
}

export interface PriorityLoadOptions {
  readonly overprovisioningFactorPercent: number;
  /** 0 disables panic; values above 100 act as 100. */
  readonly panicThresholdPercent: number;
  /** `ClusterLoadAssignment.Policy.weighted_priority_health`; Istio never sets it. */
  readonly weightedPriorityHealth?: boolean;
  /** Offered load relative to nominal (the load-factor model, `loadFactor.ts`); default 1. */
  readonly loadFactor?: number;
}

export interface PriorityLoadResult {
  /** Envoy's health score per priority at the offered load (equal to Envoy's own at load factor 1). */
  readonly health: readonly number[];
  readonly degradedHealth: readonly number[];
  /** Envoy's `calculateNormalizedTotalAvailability` on health alone (what Envoy itself computes). */
  readonly normalizedTotalAvailability: number;
  /** The same sum on the load-adjusted scores: the share of offered demand the priorities can absorb. */
  readonly absorbablePercent: number;
  readonly healthyLoad: readonly number[];
  readonly degradedLoad: readonly number[];
  readonly panic: readonly boolean[];
  /** Every priority in panic: loads follow host counts (`recalculateLoadInTotalPanic`). */
  readonly totalPanic: boolean;
  /** Panic disabled and nothing available: everything is aimed at P0 and finds no host. */
  readonly noHealthyUpstream: boolean;
  /** Offered demand beyond what all priorities absorb (load-factor model), percent. */
  readonly overflowPercent: number;
  /** Each rule that fired, in evaluation order, with its numbers. */
  readonly trace: readonly string[];
}
