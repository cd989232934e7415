/**
 * One hop's traffic spelled out per endpoint at full precision: `computeHopPlacement` with an
 * `EndpointShare` per endpoint. Answers round it (`toHop.ts`); tests and benchmarks read it whole.
 */
import type { EndpointShare } from '../model/answer.js';
import type { ResolvedHop } from '../model/resolved.js';
import { computeHopPlacement, localityKey } from '../spillover/index.js';
import type { HopPlacement, HopScenario } from '../spillover/index.js';
import { endpointShare } from './endpointShare.js';
import { failingPercent } from './failingPercent.js';

export interface HopTraffic extends Omit<
  HopPlacement,
  'shares' | 'healthy' | 'ejected' | 'failing' | 'attempts' | 'localityIndex' | 'localities'
> {
  readonly endpoints: readonly EndpointShare[];
}

/** A placement spelled out per endpoint. */
function hopTrafficOf(hop: ResolvedHop, placed: HopPlacement): HopTraffic {
  const endpoints: EndpointShare[] = [];
  for (let i = 0; i < hop.endpoints.length; i += 1) {
    const e = hop.endpoints[i];
    if (e === undefined) continue;
    endpoints.push(
      endpointShare(
        e,
        placed.localities[placed.localityIndex[i] ?? -1] ?? localityKey(e),
        placed.shares[i] ?? 0,
        placed.healthy[i] === 1,
        placed.ejected[i] === 1,
        undefined,
        placed.failing[i] === 1,
        placed.retries?.retried === true ? (placed.attempts[i] ?? 0) : undefined,
        failingPercent(placed, i),
      ),
    );
  }
  return {
    shareUnit: placed.shareUnit,
    priorities: placed.priorities,
    endpoints,
    droppedPercent: placed.droppedPercent,
    errorPercent: placed.errorPercent,
    ejections: placed.ejections,
    notes: placed.notes,
    trace: placed.trace,
    ...(placed.retries === undefined ? {} : { retries: placed.retries }),
  };
}

/**
 * @example computeHopTraffic(httpbinHop, { failingEndpointIds: ['pod-1'] })
 * // with maxEjectionPercent 50: pod-1 EJECTED (1 of 3 hosts = 33.3 % ≤ 50 %), the other two 50 % each
 */
export function computeHopTraffic(hop: ResolvedHop, scenario: HopScenario = {}): HopTraffic {
  return hopTrafficOf(hop, computeHopPlacement(hop, scenario));
}
