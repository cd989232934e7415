/**
 * One endpoint's entry in an answer (`EndpointShare`): what the resolver knows of it plus the share and
 * flags a placement gave it.
 */
import type { EndpointShare } from '../model/answer.js';
import type { ResolvedEndpoint } from '../model/resolved.js';

/**
 * Fields the resolver left out stay out (exactOptionalPropertyTypes). Runs once per endpoint per
 * placement: optional fields are assigned, never spread, and always in the same order, so every entry
 * has one of a few stable shapes.
 *
 * @example endpointShare(pod, 'us-east-1/us-east-1a/', 50, true, false) // → { name: 'pod', …, sharePercent: 50 }
 */
export function endpointShare(
  e: ResolvedEndpoint,
  locality: string,
  sharePercent: number,
  healthy: boolean,
  ejected: boolean,
  utilizationPercent?: number,
  failing = false,
  attemptsPercent?: number,
  failingPercent?: number,
): EndpointShare {
  const { address, node, localityWeight, stateReason } = e;
  const share: { -readonly [K in keyof EndpointShare]: EndpointShare[K] } = {
    name: e.name,
    cluster: e.cluster,
    network: e.network,
    locality,
    priority: e.priority,
    healthy,
    ejected,
    sharePercent,
    priorityReason: e.priorityReason,
    held: e.health !== 'EXCLUDED',
  };
  if (address !== undefined) share.address = address;
  if (node !== undefined) share.node = node;
  if (localityWeight !== undefined) share.localityWeight = localityWeight;
  if (utilizationPercent !== undefined) share.utilizationPercent = utilizationPercent;
  if (stateReason !== undefined) share.stateReason = stateReason;
  if (failing) share.failing = true;
  if (attemptsPercent !== undefined) share.attemptsPercent = attemptsPercent;
  if (failing && failingPercent !== undefined) share.failingPercent = failingPercent;
  return share;
}
