/**
 * Overload as whatIf reports it beside Envoy's own numbers: how the user says overloaded endpoints fail, the
 * cascade that follows on the backend's hop, and what a HorizontalPodAutoscaler behind the backend would do.
 * Estimates from the capacity given, never inputs to Envoy's arithmetic (issue 14 items 2 and 4).
 */
import type { ResourceRef } from './meshModel.js';

/** How overloaded endpoints fail: 5xx for the requests beyond the threshold, or every request times out. */
export type OverloadFailure = 'HTTP_5XX' | 'TIMEOUT';

export interface OverloadInput {
  /** Utilisation (percent of capacity) past which an endpoint fails; 100 = at capacity. */
  readonly failsAbovePercent: number;
  /** Default HTTP_5XX. */
  readonly as?: OverloadFailure;
}

/**
 * NO_OVERLOAD: nothing passes the threshold. DEGRADED: overloaded endpoints keep failing in place (no outlier
 * detection, or the cap keeps them) and nothing changes any more. OSCILLATING: outlier detection ejects
 * overloaded endpoints, which return after their ejection time to the same load and are ejected again, or
 * the steps come back to an earlier state. CAPACITY_UNKNOWN: no utilizationPercent and no HPA target.
 */
export type CascadeOutcome = 'NO_OVERLOAD' | 'DEGRADED' | 'OSCILLATING' | 'CAPACITY_UNKNOWN';

/** One step of the overload cascade on the backend's hop. */
export interface CascadeStep {
  readonly step: number;
  /** Endpoints placed as failing from overload at this step (ejected ones stay for their ejection time). */
  readonly failing: readonly string[];
  /** Those of them outlier detection ejected at this step. */
  readonly ejected: readonly string[];
  /** Endpoints past the threshold at this step that were not failing yet: they fail at the next step. */
  readonly newlyOverloaded: readonly string[];
  /** The backend hop's priority loads for this step's health: Envoy's own arithmetic. */
  readonly loads: readonly number[];
  readonly maxUtilizationPercent: number;
  readonly saturatedPercent: number;
  /** The request's error rate at this step, composed over the hops. */
  readonly errorPercent: number;
}

export interface OverloadCascade {
  readonly failsAbovePercent: number;
  readonly as: OverloadFailure;
  readonly outcome: CascadeOutcome;
  /** True when the steps end in a state that lasts (NO_OVERLOAD, DEGRADED); null when capacity is unknown. */
  readonly stable: boolean | null;
  readonly steps: readonly CascadeStep[];
  /** The last step's error rate (the scenario's own errors plus overload). */
  readonly errorPercent: number;
  /** Headroom, with the scenario's failures: the load factor at which an endpoint first reaches 100 %. */
  readonly firstSaturationLoadFactor: number | null;
  /** ... at which outlier detection first ejects an overloaded endpoint; null if never (no OD, the cap). */
  readonly firstEjectionLoadFactor: number | null;
  /** ... at which circuit breakers first refuse 0.1 % of requests; null without limits or rate. */
  readonly firstOverflowLoadFactor: number | null;
  readonly reason: string;
}

/**
 * A HorizontalPodAutoscaler behind the backend at the scenario's load (issue 14 item 2): what it measures
 * over the pods on the path, the replicas it wants, whether `maxReplicas` allows them and how long the
 * scale-up policies take. Null where the capacity or the CPU target is unknown.
 */
export interface AutoscalerOutlook {
  readonly autoscaler: ResourceRef;
  readonly target: string;
  readonly cpuTargetPercent: number | null;
  readonly currentReplicas: number;
  readonly maxReplicas: number;
  /** Mean CPU utilisation the HPA measures over its pods on the path (pods without traffic count 0). */
  readonly measuredUtilizationPercent: number | null;
  /** ceil(current × measured / target), before the `maxReplicas` cap. */
  readonly desiredReplicas: number | null;
  readonly canAbsorb: boolean | null;
  /** Seconds of scale-up syncs to reach min(desired, maxReplicas); null when scale-up is disabled. */
  readonly scaleUpSeconds: number | null;
  readonly reason: string;
}
