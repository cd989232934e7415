/**
 * Requests Envoy's circuit breakers refuse on one hop (issue 14 item 3). Thresholds hold per proxy replica
 * and per cluster (`ResourceManagerImpl`); a request that finds `max_requests` in flight, or every
 * connection (`max_connections`) busy and `max_pending_requests` already waiting, gets a local 503 with
 * response flag UO. Outlier detection does not count it (it never reached a host) and Envoy does not send
 * it to another priority (istio.md §12 addendum, "Circuit breakers").
 *
 * Concurrency comes from Little's law: in-flight requests = rate × latency. Arrivals are taken as Poisson
 * and refused requests as gone (`queueingLoss.ts`). Upstream connections are taken as HTTP/1.1, Istio's
 * default upstream protocol, where each in-flight request holds one connection.
 */
import type { CircuitBreakerLimits } from '../model/answer.js';
import { MS_PER_SECOND } from '../units.js';
import { blockingProbability, smallestLimitFor, UNLIMITED_CONCURRENCY } from './queueingLoss.js';

/** The overflow the suggested limit keeps below: one request in a thousand. */
export const SUGGESTED_OVERFLOW_SHARE = 0.001;

/** One proxy replica of the hop: its share of the hop's traffic and the requests per second it carries. */
export interface ProxyReplicaLoad {
  readonly sharePercent: number;
  readonly requestsPerSecond: number;
}

export interface CircuitBreakerOverflow {
  /** Share of the hop's requests refused, percent. */
  readonly overflowPercent: number;
  readonly notes: readonly string[];
}

function limitOf(value: number | undefined): number {
  return value === undefined || value >= UNLIMITED_CONCURRENCY ? Number.POSITIVE_INFINITY : value;
}

/** In-flight requests a replica may hold, and how many more may wait for a connection. */
function concurrencyLimits(limits: CircuitBreakerLimits): { servers: number; waitingRoom: number } {
  const maxRequests = limitOf(limits.maxRequests);
  const maxConnections = limitOf(limits.maxConnections);
  // Requests wait (max_pending_requests) only for a connection; the request limit refuses at once.
  const connectionBound = maxConnections < maxRequests;
  return {
    servers: Math.min(maxRequests, maxConnections),
    waitingRoom: connectionBound ? limitOf(limits.maxPendingRequests) : 0,
  };
}

function round(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/**
 * @example circuitBreakerOverflow({ maxRequests: 1 }, [{ sharePercent: 100, requestsPerSecond: 100 }], 50, 1)
 * // → overflowPercent 83.33 (5 in flight against 1: Erlang B 5 / 6)
 */
export function circuitBreakerOverflow(
  limits: CircuitBreakerLimits | undefined,
  replicas: readonly ProxyReplicaLoad[],
  latencyMs: number | undefined,
  loadFactor: number,
): CircuitBreakerOverflow {
  if (limits === undefined) return { overflowPercent: 0, notes: [] };
  if (latencyMs === undefined || replicas.length === 0) {
    return {
      overflowPercent: 0,
      notes: [
        'Circuit breakers are set (connectionPool) but overflow needs requestsPerSecond and latencyMs: reported as 0.',
      ],
    };
  }
  const { servers, waitingRoom } = concurrencyLimits(limits);
  if (!Number.isFinite(servers)) return { overflowPercent: 0, notes: [] };
  let overflow = 0;
  let busiest = 0;
  for (const r of replicas) {
    const inFlight = (loadFactor * r.requestsPerSecond * latencyMs) / MS_PER_SECOND;
    busiest = Math.max(busiest, inFlight);
    const refused = Number.isFinite(waitingRoom) ? blockingProbability(inFlight, servers, waitingRoom) : 0;
    overflow += r.sharePercent * refused;
  }
  const notes = [
    `Circuit breakers: up to ${round(busiest, 3)} requests in flight per proxy replica (rate × latency, Little's law) ` +
      `against ${servers.toString()} allowed${Number.isFinite(waitingRoom) && waitingRoom > 0 ? ` plus ${waitingRoom.toString()} pending` : ''}: ` +
      `${round(overflow, 3)} % refused locally (503, flag UO; not seen by outlier detection, not spilled).`,
  ];
  if (!Number.isFinite(waitingRoom) && busiest >= servers)
    notes.push(
      'Connections are the limit and pending requests are unlimited: requests queue instead of overflowing, and latency grows.',
    );
  if (overflow > 0)
    notes.push(
      `A limit of ${smallestLimitFor(busiest, SUGGESTED_OVERFLOW_SHARE).toString()} concurrent requests would refuse at most ` +
        `${round(SUGGESTED_OVERFLOW_SHARE * 100, 3)} % at this load (Erlang B).`,
    );
  return { overflowPercent: overflow, notes };
}
