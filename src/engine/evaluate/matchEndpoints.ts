/**
 * Matching scenario references to a hop's endpoints (api.md "endpoint": a pod name, a WorkloadEntry name
 * or an address; the resolver's id is accepted too) and locality selectors to endpoints.
 */
import type { ResolvedEndpoint } from '../model/resolved.js';

/**
 * One reference (compared as given, trimmed by the caller) as a predicate over a hop's endpoints: its name,
 * address or id equals it. Lengths are compared first, so the endpoints that cannot match (nearly all of
 * them) cost no string comparison.
 *
 * @example referenceMatcher('10.0.0.7')(pod) // → true when that is its address
 */
export function referenceMatcher(reference: string): (endpoint: ResolvedEndpoint) => boolean {
  const length = reference.length;
  return ({ name, address, id }) =>
    (name.length === length && name === reference) ||
    (address !== undefined && address.length === length && address === reference) ||
    (id.length === length && id === reference);
}

/**
 * A `failLocalities` entry as a predicate, parsed once: "cluster:NAME" matches by cluster; otherwise the
 * selector's region[/zone[/subzone]] parts must equal the endpoint's, part by part. An east-west gateway
 * stand-in carries the locality of the remote endpoints it stands for, not its own pod's, so a locality
 * never names it: it fails through the endpoints behind it (`gatewayFailures`). Its cluster is the
 * gateway's own, so "cluster:NAME" does.
 *
 * @example localityMatcher('us-east/us-east-1a')(endpointInUsEast1a) // → true
 */
export function localityMatcher(selector: string): (endpoint: ResolvedEndpoint) => boolean {
  if (selector.startsWith('cluster:')) {
    const cluster = selector.slice('cluster:'.length);
    return (endpoint) => endpoint.cluster === cluster;
  }
  const [region, zone, subzone] = selector.split('/');
  return ({ locality: l, standsFor }) =>
    standsFor === undefined &&
    l.region === region &&
    (zone === undefined || l.zone === zone) &&
    (subzone === undefined || l.subzone === subzone);
}
