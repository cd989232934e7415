/**
 * Label-based failoverPriority: `loadbalancer.go` `applyFailoverPriorities`,
 * `applyFailoverPriorityPerLocality` and `priorityLabelOverrides` (istio.md §5.2).
 */
import type { Labels } from '../model/meshModel.js';
import { friendlyLabel } from './modePriorities.js';
import type { AssignedGroup, LbEndpointInput, LocalityGroupInput } from './priorityGroups.js';
import { compactPriorities, sumEndpointWeights } from './priorityGroups.js';
import { LABEL_NETWORK, localityString } from './topologyLabels.js';

export interface FailoverPriorityEntry {
  readonly key: string;
  /** `key=value`: compare against this literal instead of the proxy's label. */
  readonly override?: string;
}

/**
 * Split each entry on `=`: exactly one `=` gives an override; more than one keeps only the key.
 *
 * @example parseFailoverPriority(['topology.istio.io/network=n1', 'a=b=c']) // → [{ key: 'topology.istio.io/network', override: 'n1' }, { key: 'a' }]
 */
export function parseFailoverPriority(entries: readonly string[]): FailoverPriorityEntry[] {
  return entries.map((entry) => {
    const parts = entry.split('=');
    const [key = '', value] = parts;
    return parts.length === 2 && value !== undefined ? { key, override: value } : { key };
  });
}

export interface FailoverPriorityRank {
  /** Raw priority before compaction. */
  readonly raw: number;
  /** Keys that matched before the walk stopped (skipped network excluded). */
  readonly matched: readonly string[];
  /** The key whose mismatch stopped the walk. */
  readonly mismatch?: string;
  /** The network differed but was only preferred (1.31+), shifting the endpoint by N. */
  readonly otherNetwork: boolean;
  readonly reason: string;
}

/**
 * One endpoint's raw priority. The first mismatching key j gives N − j; with the network preferred
 * (first entry exactly `topology.istio.io/network`, 1.31+) a network mismatch adds N and the walk goes
 * on. Labels missing on both sides match (`"" == ""`, istio.md §1.2).
 */
export function failoverPriorityRank(
  proxyLabels: Labels,
  endpointLabels: Labels,
  entries: readonly string[],
  networkPreferred: boolean,
): FailoverPriorityRank {
  const parsed = parseFailoverPriority(entries);
  const n = parsed.length;
  const includesNetwork = networkPreferred && entries[0] === LABEL_NETWORK;
  let adjust = 0;
  const matched: string[] = [];
  for (let j = 0; j < n; j++) {
    const entry = parsed[j];
    if (entry === undefined) continue;
    const want = entry.override ?? proxyLabels[entry.key] ?? '';
    const have = endpointLabels[entry.key] ?? '';
    if (want === have) {
      matched.push(entry.key);
      continue;
    }
    if (j === 0 && includesNetwork) {
      adjust = n;
      continue;
    }
    const raw = n - j + adjust;
    return {
      raw,
      matched,
      mismatch: entry.key,
      otherNetwork: adjust > 0,
      reason: describe(matched, entry.key, adjust > 0),
    };
  }
  return { raw: adjust, matched, otherNetwork: adjust > 0, reason: describe(matched, undefined, adjust > 0) };
}

function describe(matched: readonly string[], mismatch: string | undefined, otherNetwork: boolean): string {
  const parts: string[] = [];
  if (otherNetwork) parts.push('other network (preferred, not required)');
  parts.push(
    matched.length === 0 ? 'no leading label matches' : `matches ${matched.map(friendlyLabel).join(' + ')}`,
  );
  if (mismatch !== undefined) parts.push(`differs on ${friendlyLabel(mismatch)}`);
  return parts.join('; ');
}

export interface FailoverPrioritySplit {
  /** Output groups: each input group split per distinct priority, ascending, compacted cluster-wide. */
  readonly groups: readonly AssignedGroup[];
  /** Raw per endpoint id. */
  readonly rankByEndpoint: ReadonlyMap<string, FailoverPriorityRank>;
}

/**
 * Apply failoverPriority to a cluster: split every locality group into one group per distinct raw
 * priority (weights recomputed), then compact across the whole cluster. No-op when the proxy has no
 * labels or there are no groups.
 */
export function applyFailoverPriority(
  proxyLabels: Labels,
  groups: readonly LocalityGroupInput[],
  entries: readonly string[],
  networkPreferred: boolean,
): FailoverPrioritySplit {
  const rankByEndpoint = new Map<string, FailoverPriorityRank>();
  if (Object.keys(proxyLabels).length === 0 || groups.length === 0) {
    return {
      groups: groups.map((g, i) => ({
        locality: g.locality,
        sourceGroupIndex: i,
        priority: 0,
        rawPriority: 0,
        ...(g.weight === undefined ? {} : { weight: g.weight }),
        endpoints: g.endpoints,
        reason: 'failoverPriority not applied: the proxy has no labels',
      })),
      rankByEndpoint,
    };
  }
  const split: { group: number; raw: number; endpoints: LbEndpointInput[]; reason: string }[] = [];
  groups.forEach((g, gi) => {
    const byRaw = new Map<number, { endpoints: LbEndpointInput[]; reason: string }>();
    for (const ep of g.endpoints) {
      const rank = failoverPriorityRank(proxyLabels, ep.labels, entries, networkPreferred);
      rankByEndpoint.set(ep.id, rank);
      const bucket = byRaw.get(rank.raw);
      if (bucket === undefined) byRaw.set(rank.raw, { endpoints: [ep], reason: rank.reason });
      else bucket.endpoints.push(ep);
    }
    for (const raw of [...byRaw.keys()].sort((a, b) => a - b)) {
      const bucket = byRaw.get(raw);
      if (bucket !== undefined)
        split.push({ group: gi, raw, endpoints: bucket.endpoints, reason: bucket.reason });
    }
  });
  const dense = compactPriorities(split.map((s) => s.raw));
  return {
    groups: split.map((s, i) => ({
      locality: groups[s.group]?.locality ?? null,
      sourceGroupIndex: s.group,
      priority: dense[i] ?? 0,
      rawPriority: s.raw,
      weight: sumEndpointWeights(s.endpoints),
      endpoints: s.endpoints,
      reason: `${localityString(groups[s.group]?.locality) || '(no locality)'}: ${s.reason}`,
    })),
    rankByEndpoint,
  };
}
