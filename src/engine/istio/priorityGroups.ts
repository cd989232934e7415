/**
 * The input and output shapes of Envoy priority assignment: endpoints grouped by locality, as
 * `endpoint_builder.go` `generate` builds `LocalityLbEndpoints` (istio.md §5 preamble).
 */
import type { Labels, Locality } from '../model/meshModel.js';

export interface LbEndpointInput {
  /** Unique within the cluster (the resolver's endpoint id). */
  readonly id: string;
  /** Augmented labels (`augmentLabels`, or `gatewayEndpointLabels` for cross-network stand-ins). */
  readonly labels: Labels;
  /** `LbWeight`; default 1. */
  readonly weight?: number;
}

export interface LocalityGroupInput {
  /** `null` when the endpoints carry no locality. */
  readonly locality: Locality | null;
  /** Locality weight as built (sum of endpoint weights); unset counts as 1 in `distribute`. */
  readonly weight?: number;
  readonly endpoints: readonly LbEndpointInput[];
}

/** One output `LocalityLbEndpoints`. */
export interface AssignedGroup {
  readonly locality: Locality | null;
  /** Index of the input group it came from (failoverPriority splits one group into several). */
  readonly sourceGroupIndex: number;
  /** Dense priority (0 = most preferred). */
  readonly priority: number;
  /** Value before dense compaction, for explanation. */
  readonly rawPriority: number;
  /** Locality weight after the algorithm (`distribute` rewrites it; splitting recomputes it). */
  readonly weight?: number;
  /** Endpoints kept; `distribute` empties groups it does not match. */
  readonly endpoints: readonly LbEndpointInput[];
  /** Why the group sits at this priority. */
  readonly reason: string;
}

/**
 * Renumber the distinct values present densely 0..N-1 in ascending order; the result does not depend on
 * the order the values come in (`loadbalancer.go` priority compaction, istio.md §5.1).
 *
 * @example compactPriorities([0, 4, 3]) // → [0, 2, 1]
 */
export function compactPriorities(values: readonly number[]): number[] {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const dense = new Map<number, number>(distinct.map((v, i) => [v, i]));
  return values.map((v) => dense.get(v) ?? 0);
}

/** Sum of endpoint weights, each defaulting to 1 (`LocalityLbEndpoints.LoadBalancingWeight`). */
export function sumEndpointWeights(endpoints: readonly LbEndpointInput[]): number {
  return endpoints.reduce((acc, e) => acc + (e.weight ?? 1), 0);
}
