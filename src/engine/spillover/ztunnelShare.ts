/**
 * ztunnel's endpoint choice (istio.md §7, `ztunnel:src/state.rs` `load_balance`): no priority load and no
 * gradual spillover. Endpoints are ranked by matched scopes; only the best-ranked tier that still has an
 * eligible endpoint receives connections, each endpoint weighted by its capacity. STRICT keeps only full
 * matches (tier 0) and refuses the connection when none is eligible. Shares are connection shares.
 */
import type { ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';

export interface ZtunnelShareResult {
  /** Percent of the hop's connections per endpoint, aligned with the input endpoints. */
  readonly shares: Float64Array;
  /** The tier that receives everything, when ranking applies and one is eligible. */
  readonly servingTier?: number;
  readonly droppedPercent: number;
  readonly trace: readonly string[];
}

/**
 * The health filter applied when endpoints enter ztunnel's store (istio.md §7.2): only healthy ones
 * (DEGRADED counts as healthy, ztunnel knows no degraded state) unless the policy is ALLOW_ALL.
 * `EXCLUDED` endpoints were filtered out before ranking (a STRICT mismatch, no address, or unhealthy
 * under ONLY_HEALTHY): `ALLOW_ALL` relaxes the health filter only, so they never serve.
 */
export function isZtunnelEligible(
  endpoint: ResolvedEndpoint,
  healthPolicy: 'ONLY_HEALTHY' | 'ALLOW_ALL',
): boolean {
  if (endpoint.health === 'EXCLUDED') return false;
  if (healthPolicy === 'ALLOW_ALL') return true;
  return endpoint.health === 'HEALTHY' || endpoint.health === 'DEGRADED';
}

/**
 * @example ztunnelShare(hop with tier 0 = [a (unhealthy)], tier 1 = [b, c]) // → b 50, c 50, servingTier 1
 */
export function ztunnelShare(hop: ResolvedHop): ZtunnelShareResult {
  const endpoints = hop.endpoints;
  const mode = hop.ztunnel?.mode ?? 'STANDARD';
  const policy = hop.ztunnel?.healthPolicy ?? 'ONLY_HEALTHY';
  const shares = new Float64Array(endpoints.length);
  const trace: string[] = [];
  const eligible = endpoints.map((e) => isZtunnelEligible(e, policy) && e.weight > 0);

  let servingTier: number | undefined;
  let inTier: (e: ResolvedEndpoint) => boolean;
  switch (mode) {
    case 'STANDARD':
    case 'PASSTHROUGH':
      // Standard skips ranking; passthrough keeps the original destination, spread here as Standard would.
      inTier = (): boolean => true;
      trace.push(`ztunnel ${mode}: no ranking, every eligible endpoint by capacity`);
      break;
    case 'FAILOVER': {
      let best: number | undefined;
      endpoints.forEach((e, i) => {
        if (eligible[i] === true && (best === undefined || e.priority < best)) best = e.priority;
      });
      servingTier = best;
      inTier = (e): boolean => e.priority === best;
      trace.push(
        best === undefined
          ? 'ztunnel FAILOVER: no eligible endpoint in any tier'
          : `ztunnel FAILOVER: all connections to tier ${best.toString()}, the best tier with an eligible endpoint`,
      );
      break;
    }
    case 'STRICT':
      servingTier = 0;
      inTier = (e): boolean => e.priority === 0;
      trace.push('ztunnel STRICT: only full matches (tier 0) may serve');
      break;
  }

  let capacity = 0;
  endpoints.forEach((e, i) => {
    if (eligible[i] === true && inTier(e)) capacity += e.weight;
  });
  if (capacity === 0) {
    trace.push('no eligible endpoint: the connection fails');
    return { shares, droppedPercent: 100, trace };
  }
  endpoints.forEach((e, i) => {
    if (eligible[i] === true && inTier(e)) shares[i] = (100 * e.weight) / capacity;
  });
  return servingTier === undefined
    ? { shares, droppedPercent: 0, trace }
    : { shares, servingTier, droppedPercent: 0, trace };
}
