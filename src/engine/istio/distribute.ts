/**
 * Locality weights from DR `distribute`: `loadbalancer.go` `applyLocalityWeights` with
 * `util.LocalityMatch` (istio.md §5.4).
 */
import type { Locality } from '../model/meshModel.js';
import type { LocalityGroupInput } from './priorityGroups.js';

export interface DistributeRule {
  readonly from: string;
  readonly to: Readonly<Record<string, number>>;
}

/**
 * Whether a locality matches a `region/zone/subzone` pattern: the region must be equal or `*`; zone and
 * subzone equal, `*` or absent from the pattern.
 *
 * @example localityMatch({ region: 'region1', zone: 'zone1', subzone: '' }, 'region1/zone1') // → true
 */
export function localityMatch(locality: Locality | null, pattern: string): boolean {
  const l = locality ?? { region: '', zone: '', subzone: '' };
  const [region = '', zone = '', subzone = ''] = pattern.split('/');
  const regionOk = region === '*' || region === l.region;
  const zoneOk = zone === '*' || zone === '' || zone === l.zone;
  const subzoneOk = subzone === '*' || subzone === '' || subzone === l.subzone;
  return regionOk && zoneOk && subzoneOk;
}

export interface DistributeResult {
  /** The `from` entry that applied; absent when none matched (weights untouched, all endpoints kept). */
  readonly rule?: DistributeRule;
  /** New weight per group (input order); `undefined` where the group's weight was left unset. */
  readonly weights: readonly (number | undefined)[];
  /** Groups no `to` entry matched: they keep their weight but lose every endpoint. */
  readonly removedGroups: readonly number[];
  /** The `to` pattern that claimed each group. */
  readonly matchedPattern: readonly (string | undefined)[];
}

/**
 * The first `distribute` entry whose `from` matches the proxy is used. Each `to` pattern (in the order
 * written) claims the still-unclaimed groups it matches and splits its weight over them in proportion
 * to their weights (unset = 1), rounding up; only results > 0 are assigned.
 *
 * @example two groups of weight 40 and 20 under `region1/zone1/*: 50` → 34 and 17.
 */
export function applyDistribute(
  proxy: Locality,
  groups: readonly LocalityGroupInput[],
  distribute: readonly DistributeRule[],
): DistributeResult {
  const rule = distribute.find((r) => localityMatch(proxy, r.from));
  const weights: (number | undefined)[] = groups.map((g) => g.weight);
  if (rule === undefined) return { weights, removedGroups: [], matchedPattern: groups.map(() => undefined) };
  const claimed: (string | undefined)[] = groups.map(() => undefined);
  for (const [pattern, toWeight] of Object.entries(rule.to)) {
    const matched: number[] = [];
    groups.forEach((g, i) => {
      if (claimed[i] === undefined && localityMatch(g.locality, pattern)) matched.push(i);
    });
    const total = matched.reduce((acc, i) => acc + (groups[i]?.weight ?? 1), 0);
    for (const i of matched) {
      claimed[i] = pattern;
      const original = groups[i]?.weight ?? 1;
      const w = Math.ceil((original * toWeight) / total);
      if (w > 0) weights[i] = w;
    }
  }
  const removedGroups = claimed.flatMap((c, i) => (c === undefined ? [i] : []));
  return { rule, weights, removedGroups, matchedPattern: claimed };
}
