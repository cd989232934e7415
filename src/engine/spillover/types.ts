/**
 * Data shapes of the spillover model. Counts follow Envoy's host partitioning per priority
 * (`ClusterImplBase::partitionHostList`, envoy.md §1): `total` includes excluded hosts; `healthy`,
 * `degraded` and `excluded` are disjoint; the rest are unhealthy. A hop's scenario, placement and
 * ejection outcomes follow.
 */
import type { EjectionOutcome, FailureKind, HopRetries, PriorityLevel } from '../model/answer.js';
import type { EjectionCapRule } from './outlierEjection.js';
import type { RetryModel } from './retryAttempts.js';

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
}

export interface PriorityLoadResult {
  /** Envoy's health score per priority (`recalculatePerPriorityState`). */
  readonly health: readonly number[];
  readonly degradedHealth: readonly number[];
  /** Envoy's `calculateNormalizedTotalAvailability` on health alone (what Envoy itself computes). */
  readonly normalizedTotalAvailability: number;
  readonly healthyLoad: readonly number[];
  readonly degradedLoad: readonly number[];
  readonly panic: readonly boolean[];
  /** Every priority in panic: loads follow host counts (`recalculateLoadInTotalPanic`). */
  readonly totalPanic: boolean;
  /** Panic disabled and nothing available: everything is aimed at P0 and finds no host. */
  readonly noHealthyUpstream: boolean;
  /** Each rule that fired, in evaluation order, with its numbers. */
  readonly trace: readonly string[];
}

/** What a scenario does to one hop. */
export interface HopScenario {
  /** Endpoint ids (ResolvedEndpoint.id) that start answering 5xx, in the order they start. */
  readonly failingEndpointIds?: readonly string[];
  /**
   * The same by position in `hop.endpoints`, for callers that found the endpoints by scanning the hop;
   * when given, `failingEndpointIds` is ignored. Out-of-range indexes and repeats are dropped.
   */
  readonly failingEndpointIndexes?: readonly number[];
  /** Overrides the hop's overprovisioning factor, integer percent. Validated by the caller. */
  readonly overprovisioningFactor?: number;
  /** Which Envoy `ejectHost` rule to apply; default ≥ 1.31 (`DEFAULT_EJECTION_CAP_RULE`). */
  readonly ejectionRule?: EjectionCapRule;
  /** How the failing endpoints fail; default `HTTP_5XX`. */
  readonly failure?: FailureKind;
  /**
   * `NOT_READY` on an Envoy hop: what EDS makes of a not-ready endpoint for this proxy (istiod's
   * `notReadyEndpointHealth`): sent as UNHEALTHY, or dropped (`EXCLUDED`). Default `EXCLUDED`.
   */
  readonly notReady?: { readonly health: 'UNHEALTHY' | 'EXCLUDED'; readonly reason: string };
  /** The retry policy in force on an Envoy hop and whether it retries this failure kind. */
  readonly retry?: RetryPolicyInForce;
}

/** A hop's retry policy as the placement applies it. */
export interface RetryPolicyInForce extends RetryModel {
  readonly description: string;
  readonly retried: boolean;
  readonly reason: string;
}

/** What outlier detection did with one failing endpoint. */
export interface HopEjection {
  readonly endpointId: string;
  readonly endpointName: string;
  readonly outcome: EjectionOutcome;
  readonly reason: string;
  readonly ejectionSeconds?: number;
}

/** One balancer's placement of a hop's traffic for a given health: shares per endpoint, levels, losses. */
export interface Placement {
  /** Share of the hop's traffic per endpoint (indexed like `hop.endpoints`), percent. */
  readonly shares: Float64Array;
  /** Traffic that reaches no endpoint ("no healthy upstream", STRICT without a match). */
  readonly droppedPercent: number;
  readonly priorities: readonly PriorityLevel[];
  readonly trace: readonly string[];
}

/**
 * A hop's traffic under a scenario, with the endpoints' shares and flags as arrays indexed like
 * `hop.endpoints`. The answer layer (`evaluate/`) rounds the shares and builds each endpoint's entry once.
 */
export interface HopPlacement extends Placement {
  readonly shareUnit: 'REQUEST' | 'CONNECTION';
  /** Traffic that lands on failing endpoints. */
  readonly errorPercent: number;
  readonly ejections: readonly HopEjection[];
  readonly notes: readonly string[];
  /** 1 when the endpoint is usable in this scenario: healthy or degraded, not ejected, not failing. */
  readonly healthy: Uint8Array;
  /** 1 when the scenario ejected the endpoint. */
  readonly ejected: Uint8Array;
  /** 1 when the endpoint fails in this scenario (and still is in the proxy's view). */
  readonly failing: Uint8Array;
  /**
   * Per endpoint, the share (0–1) of what it receives that fails; present only when some failing endpoint
   * fails in part (an east-west gateway with some failing endpoints behind it). Absent: a failing endpoint
   * fails everything it receives.
   */
  readonly failingFraction?: Float64Array;
  /** Per endpoint, attempts per 100 requests of the hop, retries included (equals `shares` without retries). */
  readonly attempts: Float64Array;
  /** What retries did on an Envoy hop with failing endpoints. */
  readonly retries?: HopRetries;
  /** Per endpoint, the index of its `region/zone/subzone` in `localities`. */
  readonly localityIndex: Int32Array;
  readonly localities: readonly string[];
}
