/**
 * What differs between two effective policies of one client × backend pair, aspect by aspect (api.md
 * "Mesh-wide questions", diff): the path, then on each hop the traffic-distribution mode and its source,
 * the DestinationRule in force, locality LB mode and activity, the LB algorithm, outlier detection, the
 * panic threshold, each endpoint's priority, endpoints added or removed, and shares moved by more than a
 * rounding step of the answer (`evaluate/presentPercent.ts`).
 */
import { ANSWER_PERCENT_DECIMALS } from '../evaluate/presentPercent.js';
import type { EffectivePolicy, EndpointShare, Hop, OutlierDetection } from '../model/answer.js';
import type { ResourceRef } from '../model/meshModel.js';
import type { ChangeAspect, ChangeDetail } from '../model/meshWide.js';

/** One rounding step of an answer's percentages: a share that moved less than this did not move. */
const SHARE_STEP_PERCENT = 10 ** -ANSWER_PERCENT_DECIMALS;
/** Endpoints named per detail before the rest is counted. */
const MAX_NAMED = 4;

export function refText(ref: ResourceRef | undefined): string {
  if (ref === undefined) return 'none';
  return `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;
}

function proxyText(hop: Hop): string {
  const kind = hop.from.kind === 'ZTUNNEL' ? 'ztunnel' : hop.from.kind.toLowerCase().replace('_', ' ');
  return `${kind} → ${hop.to}`;
}

export function pathText(policy: EffectivePolicy): string {
  return policy.hops.map(proxyText).join(', ');
}

function outlierText(o: OutlierDetection | undefined): string {
  if (o === undefined) return 'none';
  return `${o.consecutive5xxErrors.toString()} consecutive 5xx, interval ${o.intervalSeconds.toString()} s, base ejection ${o.baseEjectionTimeSeconds.toString()} s, max ejection ${o.maxEjectionPercent.toString()} %`;
}

function localityLbText(hop: Hop): string {
  const l = hop.localityLb;
  const order = l.failoverPriority.length > 0 ? ` [${l.failoverPriority.join(', ')}]` : '';
  return `${l.mode}${order}, ${l.active ? 'active' : 'inactive'}${l.resource === undefined ? '' : ` (${refText(l.resource)})`}`;
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMED).join(', ');
  return names.length > MAX_NAMED ? `${shown} and ${(names.length - MAX_NAMED).toString()} more` : shown;
}

/** Endpoints by priority level, each level's localities: "0: us-east-1b · 1: us-east-1a". */
function prioritiesText(endpoints: readonly EndpointShare[]): string {
  const levels = new Map<number, Set<string>>();
  for (const e of endpoints) {
    const set = levels.get(e.priority) ?? new Set<string>();
    set.add(e.locality === undefined || e.locality === '' ? e.name : e.locality.replace(/\/$/, ''));
    levels.set(e.priority, set);
  }
  return [...levels]
    .sort(([a], [b]) => a - b)
    .map(([level, where]) => `${level.toString()}: ${[...where].sort().join(', ')}`)
    .join(' · ');
}

function sharesText(endpoints: readonly EndpointShare[], names: readonly string[]): string {
  return names
    .map((n) => {
      const e = endpoints.find((x) => x.name === n);
      return `${n} ${e === undefined ? '—' : `${(Math.round(e.sharePercent * 10) / 10).toString()} %`}`;
    })
    .join(', ');
}

function hopDetails(before: Hop, after: Hop, hop: number): ChangeDetail[] {
  const out: ChangeDetail[] = [];
  const at = proxyText(after);
  const add = (aspect: ChangeAspect, b: string, a: string): void => {
    if (b !== a) out.push({ aspect, hop, at, before: b, after: a });
  };
  const td = (h: Hop): string =>
    `${h.trafficDistribution.mode} (${h.trafficDistribution.source}${h.trafficDistribution.resource === undefined ? '' : `, ${refText(h.trafficDistribution.resource)}`})`;
  add('TRAFFIC_DISTRIBUTION', td(before), td(after));
  add('DESTINATION_RULE', refText(before.destinationRule), refText(after.destinationRule));
  add('LOCALITY_LB', localityLbText(before), localityLbText(after));
  add('LOAD_BALANCER', before.loadBalancer, after.loadBalancer);
  add('OUTLIER_DETECTION', outlierText(before.outlierDetection), outlierText(after.outlierDetection));
  add(
    'PANIC_THRESHOLD',
    `${before.panicThresholdPercent.toString()} %`,
    `${after.panicThresholdPercent.toString()} %`,
  );

  const beforeBy = new Map(before.endpoints.map((e) => [e.name, e]));
  const afterBy = new Map(after.endpoints.map((e) => [e.name, e]));
  const removed = before.endpoints.filter((e) => !afterBy.has(e.name)).map((e) => e.name);
  const added = after.endpoints.filter((e) => !beforeBy.has(e.name)).map((e) => e.name);
  if (removed.length > 0 || added.length > 0) {
    out.push({
      aspect: 'ENDPOINTS',
      hop,
      at,
      before: removed.length > 0 ? `${listed(removed)} (removed)` : 'none removed',
      after: added.length > 0 ? `${listed(added)} (added)` : 'none added',
    });
  }
  const common = after.endpoints.filter((e) => beforeBy.has(e.name));
  if (common.some((e) => beforeBy.get(e.name)?.priority !== e.priority)) {
    add('PRIORITIES', prioritiesText(before.endpoints), prioritiesText(after.endpoints));
  }
  const moved = common
    .filter((e) => Math.abs((beforeBy.get(e.name)?.sharePercent ?? 0) - e.sharePercent) > SHARE_STEP_PERCENT)
    .map((e) => e.name);
  if (moved.length > 0) {
    const shown = moved.slice(0, MAX_NAMED);
    const more = moved.length > MAX_NAMED ? ` and ${(moved.length - MAX_NAMED).toString()} more` : '';
    out.push({
      aspect: 'SHARES',
      hop,
      at,
      before: sharesText(before.endpoints, shown) + more,
      after: sharesText(after.endpoints, shown) + more,
    });
  }
  return out;
}

/**
 * @example behaviourDetails(httpbinBefore, httpbinAfter)
 *   // → [{ aspect: 'DESTINATION_RULE', hop: 1, before: 'none', after: 'DestinationRule httpbin/in-ambient-failover' }, …]
 */
export function behaviourDetails(before: EffectivePolicy, after: EffectivePolicy): ChangeDetail[] {
  const shape = (p: EffectivePolicy): string => p.hops.map((h) => `${h.from.kind}>${h.to}`).join('|');
  if (shape(before) !== shape(after)) {
    return [{ aspect: 'PATH', before: pathText(before), after: pathText(after) }];
  }
  return after.hops.flatMap((hop, i) => {
    const previous = before.hops[i];
    return previous === undefined ? [] : hopDetails(previous, hop, i);
  });
}
