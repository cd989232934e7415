/**
 * Failures behind an east-west gateway endpoint (`EndpointsByNetworkFilter`, istio.md §12 addendum): the
 * client's Envoy holds the gateway, not the remote endpoints, so the gateway host fails (and can be ejected)
 * only when every endpoint it stands for fails. While some still answer, the remote side keeps balancing
 * over them and the gateway stays a working host.
 */
import type { ResolvedEndpoint } from '../model/resolved.js';

/**
 * Add each gateway endpoint whose members all fail to `failing` (endpoint index → how it was named).
 *
 * @example markFailingGateways([podA, podB, gatewayForAB], new Map([[0, 'a'], [1, 'b']])) // adds 2
 */
export function markFailingGateways(
  endpoints: readonly ResolvedEndpoint[],
  failing: Map<number, string>,
): void {
  let indexById: Map<string, number> | undefined;
  for (let i = 0; i < endpoints.length; i += 1) {
    const members = endpoints[i]?.standsFor;
    if (members === undefined || members.length === 0 || failing.has(i)) continue;
    indexById ??= new Map(endpoints.map((e, j) => [e.id, j]));
    const ids = indexById;
    if (members.every((id) => failing.has(ids.get(id) ?? -1)))
      failing.set(i, `${endpoints[i]?.name ?? ''} (every endpoint behind it fails)`);
  }
}
