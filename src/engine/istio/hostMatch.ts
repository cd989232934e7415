/**
 * Host matching for DestinationRules: `pilot/pkg/model/config.go` `MostSpecificHostMatch` and
 * `pkg/config/host/names.go` `MoreSpecific` (istio.md §2.3).
 */
import { ISTIO_DEFAULT_CLUSTER_DOMAIN } from '../envoyDefaults.js';

export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/**
 * Whether `a` is more specific than `b`: a non-wildcard beats a wildcard; otherwise the longer host;
 * ties alphabetically.
 */
export function moreSpecific(a: string, b: string): boolean {
  const aw = isWildcardHost(a);
  const bw = isWildcardHost(b);
  if (aw !== bw) return !aw;
  if (a.length !== b.length) return a.length > b.length;
  return a < b;
}

/** `*.x` covers `h` when `.x` is a suffix of `h` (a wildcard lookup host included); `*` covers all. */
function wildcardCovers(ruleHost: string, lookup: string): boolean {
  if (ruleHost === '*') return true;
  return lookup.endsWith(ruleHost.slice(1)) && lookup !== ruleHost.slice(1);
}

/**
 * The rule host that applies to `lookup`: an exact non-wildcard host first; otherwise the most
 * specific wildcard whose suffix covers it. A wildcard lookup consults wildcard rules only.
 *
 * @example mostSpecificHostMatch('foo.com', ['*.foo.com', '*.com']) // → '*.com'
 */
export function mostSpecificHostMatch(lookup: string, ruleHosts: Iterable<string>): string | undefined {
  const hosts = [...ruleHosts];
  const lookupWildcard = isWildcardHost(lookup);
  if (!lookupWildcard && hosts.includes(lookup)) return lookup;
  let best: string | undefined;
  for (const h of hosts) {
    if (!isWildcardHost(h)) continue;
    if (lookupWildcard && h === lookup) return h;
    if (!wildcardCovers(h, lookup)) continue;
    if (best === undefined || moreSpecific(h, best)) best = h;
  }
  return best;
}

/**
 * A DR host as Istio indexes it: a name without a dot gets `.<namespace>.svc.<domain>`; `*`, IPs and
 * anything with a dot stay as written (so `reviews.ns` is not expanded).
 *
 * @example resolveShortnameToFqdn('reviews', 'bookinfo') // → 'reviews.bookinfo.svc.cluster.local'
 */
export function resolveShortnameToFqdn(
  host: string,
  namespace: string,
  domain: string = ISTIO_DEFAULT_CLUSTER_DOMAIN,
): string {
  if (host === '' || host === '*' || host.includes('.') || host.includes(':')) return host;
  let out = host;
  if (namespace !== '') out = `${out}.${namespace}`;
  if (domain !== '') out = `${out}.svc.${domain}`;
  return out;
}
