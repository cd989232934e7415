/**
 * What the offered load does on every hop of a path whose placement Envoy and ztunnel decided on health
 * alone: circuit-breaker overflow (`circuitBreakers.ts`) and, where capacity is known, each endpoint's
 * utilisation and the requests beyond capacity (`endpointUtilization.ts`).
 */
import type { ResolvedHop } from '../model/resolved.js';
import { FULL_LOAD_PERCENT } from '../spillover/index.js';
import { circuitBreakerOverflow, type ProxyReplicaLoad } from './circuitBreakers.js';
import { endpointUtilization, type CapacitySource } from './endpointUtilization.js';

export interface LoadInputs {
  readonly loadFactor: number;
  /** The backend endpoints' mean utilisation at nominal load (the last hop's capacity). */
  readonly utilizationPercent?: number;
  readonly requestsPerSecond?: number;
  readonly latencyMs?: number;
  /** The backend's capacity from its HorizontalPodAutoscalers, used when `utilizationPercent` is absent. */
  readonly autoscaledCapacity?: CapacitySource;
}

export interface HopLoad {
  /** Per endpoint, percent of capacity; undefined when the hop's capacity is unknown. */
  readonly utilization?: Float64Array;
  /** Share of the hop's requests beyond capacity; undefined when the capacity is unknown. */
  readonly saturatedPercent?: number;
  /** Share of the hop's requests its circuit breakers refuse. */
  readonly overflowPercent: number;
  readonly notes: readonly string[];
}

/** The proxies of hop `h`: the client's own for the first hop, else the endpoints of the hop before. */
function replicasOf(
  h: number,
  shares: readonly Float64Array[],
  requestsPerSecond: number | undefined,
): ProxyReplicaLoad[] {
  if (requestsPerSecond === undefined) return [];
  if (h === 0) return [{ sharePercent: FULL_LOAD_PERCENT, requestsPerSecond }];
  const replicas: ProxyReplicaLoad[] = [];
  for (const share of shares[h - 1] ?? []) {
    if (share > 0)
      replicas.push({
        sharePercent: share,
        requestsPerSecond: (requestsPerSecond * share) / FULL_LOAD_PERCENT,
      });
  }
  return replicas;
}

/**
 * The capacity a hop's endpoints have: for the backend's hop the scenario's utilisation, else its HPAs'
 * target; unknown on every other hop.
 */
function capacityOf(h: number, hops: readonly ResolvedHop[], inputs: LoadInputs): CapacitySource | undefined {
  if (h !== hops.length - 1) return undefined;
  if (inputs.utilizationPercent === undefined) return inputs.autoscaledCapacity;
  return { utilizationPercent: inputs.utilizationPercent, source: 'ScenarioInput.utilizationPercent' };
}

/**
 * @example pathLoads([waypointHop], [thirds], [[0, 50, 50]], { loadFactor: 1.5, utilizationPercent: 60 })
 * // → [{ utilization: [0, 135, 135], saturatedPercent: 25.93, overflowPercent: 0, notes: [...] }]
 */
export function pathLoads(
  hops: readonly ResolvedHop[],
  nominalShares: readonly Float64Array[],
  shares: readonly Float64Array[],
  inputs: LoadInputs,
  attemptsPerRequest: readonly number[] = [],
): HopLoad[] {
  return hops.map((hop, h) => {
    // Envoy's max_requests counts every upstream request in flight, retries included (issue 14 item 5).
    const retried = attemptsPerRequest[h] ?? 1;
    const breakers = circuitBreakerOverflow(
      hop.circuitBreakers,
      replicasOf(h, shares, inputs.requestsPerSecond).map((r) => ({
        ...r,
        requestsPerSecond: r.requestsPerSecond * retried,
      })),
      inputs.latencyMs,
      inputs.loadFactor,
    );
    const capacity = capacityOf(h, hops, inputs);
    const hopShares = shares[h];
    const nominal = nominalShares[h];
    if (capacity === undefined || hopShares === undefined || nominal === undefined)
      return { overflowPercent: breakers.overflowPercent, notes: breakers.notes };
    // Refused requests never reach an endpoint.
    const offered = inputs.loadFactor * (1 - breakers.overflowPercent / FULL_LOAD_PERCENT);
    const used = endpointUtilization(hop, nominal, hopShares, offered, capacity);
    if (used === undefined) return { overflowPercent: breakers.overflowPercent, notes: breakers.notes };
    return {
      utilization: used.utilization,
      saturatedPercent: (used.saturatedPercent * offered) / inputs.loadFactor,
      overflowPercent: breakers.overflowPercent,
      notes: [
        ...breakers.notes,
        `Capacity from ${capacity.source} (${capacity.utilizationPercent.toString()} % mean utilisation of the endpoints serving at nominal load, ` +
          'capacity proportional to endpoint weight): utilisation and saturation are estimates.',
      ],
    };
  });
}
