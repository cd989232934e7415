/**
 * One sentence in words per behaviour change (api.md: "web.shop: clients in us-east-1a now fail over to
 * us-east-1b before us-west-2 (DestinationRule shop/web-failover added)"): the backend, the client class,
 * the most telling detail, and the configuration object that caused it when one did.
 */
import type { ChangeAspect, ChangeDetail } from '../model/meshWide.js';

/** Which detail leads the sentence: the one that explains the others first. */
const ORDER: readonly ChangeAspect[] = [
  'CLIENT',
  'PATH',
  'DESTINATION_RULE',
  'PRIORITIES',
  'LOCALITY_LB',
  'TRAFFIC_DISTRIBUTION',
  'LOAD_BALANCER',
  'OUTLIER_DETECTION',
  'PANIC_THRESHOLD',
  'ENDPOINTS',
  'SHARES',
];

const WORDS: { readonly [A in ChangeAspect]: string } = {
  CLIENT: 'client',
  PATH: 'path',
  TRAFFIC_DISTRIBUTION: 'traffic distribution',
  DESTINATION_RULE: 'DestinationRule',
  LOCALITY_LB: 'locality load balancing',
  LOAD_BALANCER: 'load balancer',
  OUTLIER_DETECTION: 'outlier detection',
  PANIC_THRESHOLD: 'panic threshold',
  PRIORITIES: 'priorities',
  ENDPOINTS: 'endpoints',
  SHARES: 'endpoint shares',
};

/** `in-ambient.httpbin.svc.cluster.local` → `in-ambient.httpbin`; other hosts as they are. */
export function shortHost(host: string): string {
  return host.endsWith('.svc.cluster.local') ? host.slice(0, -'.svc.cluster.local'.length) : host;
}

function phrase(d: ChangeDetail): string {
  const on = d.at === undefined ? '' : ` on ${d.at}`;
  switch (d.aspect) {
    case 'PATH':
      return `now go ${d.after} (was ${d.before})`;
    case 'DESTINATION_RULE':
      if (d.before === 'none') return `are now balanced under ${d.after}${on}`;
      if (d.after === 'none') return `are no longer under ${d.before}${on}`;
      return `are now under ${d.after} instead of ${d.before}${on}`;
    case 'PRIORITIES':
      return `now fail over in the order ${d.after} (was ${d.before})${on}`;
    case 'ENDPOINTS':
      return `see endpoints change${on}: ${d.after}; ${d.before}`;
    case 'CLIENT':
    case 'TRAFFIC_DISTRIBUTION':
    case 'LOCALITY_LB':
    case 'LOAD_BALANCER':
    case 'OUTLIER_DETECTION':
    case 'PANIC_THRESHOLD':
    case 'SHARES':
      return `see ${WORDS[d.aspect]} change from ${d.before} to ${d.after}${on}`;
  }
}

/** Details sorted so the most telling comes first (then by hop). */
export function sortDetails(details: readonly ChangeDetail[]): ChangeDetail[] {
  return [...details].sort(
    (a, b) => ORDER.indexOf(a.aspect) - ORDER.indexOf(b.aspect) || (a.hop ?? 0) - (b.hop ?? 0),
  );
}

/**
 * @param causes configuration objects behind the change, in words ("DestinationRule httpbin/in-ambient-failover added")
 * @example changeSummary('in-ambient.httpbin.svc.cluster.local', 'ambient clients in us-east-1/us-east-1a', details, ['DestinationRule httpbin/in-ambient-failover added'])
 *   // → "in-ambient.httpbin: ambient clients in us-east-1/us-east-1a are now balanced under DestinationRule httpbin/in-ambient-failover on waypoint → in-ambient.httpbin.svc.cluster.local, and 3 more changes (DestinationRule httpbin/in-ambient-failover added)."
 */
export function changeSummary(
  backend: string,
  clients: string,
  details: readonly ChangeDetail[],
  causes: readonly string[],
): string {
  const [first, ...rest] = sortDetails(details);
  if (first === undefined) return `${shortHost(backend)}: no change for ${clients}.`;
  const more =
    rest.length === 0 ? '' : `, and ${rest.length.toString()} more change${rest.length === 1 ? '' : 's'}`;
  const why = causes.length === 0 ? '' : ` (${causes.join('; ')})`;
  return `${shortHost(backend)}: ${clients} ${phrase(first)}${more}${why}.`;
}
