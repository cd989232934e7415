/**
 * A hop's static structure, built once per `ResolvedHop` and shared by every placement of one request
 * (the baseline, the ejection replay's rounds, the scenario and every sweep point): priority levels, per
 * level its locality groups (Istio's `LocalityLbEndpoints`, keyed by region/zone/subzone and split by
 * priority), a dense locality index per endpoint, and the health each endpoint starts from.
 */
import type { ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import { healthCode, inHostSet, localityKey } from './hostHealth.js';

/** One priority level: the indexes (into `hop.endpoints`) of the hosts the proxy holds at it. */
export interface Level {
  readonly level: number;
  readonly members: number[];
}

/** One locality of one priority: its members and its EDS weight (DR `distribute`, else summed endpoint weights). */
export interface LocalityGroup {
  readonly members: number[];
  weight: number;
  explicitWeight: number | undefined;
}

export interface PreparedHop {
  readonly levels: readonly Level[];
  /** Per level, its locality groups; empty unless the hop is locality-weighted. */
  readonly groupsByLevel: readonly (readonly LocalityGroup[])[];
  /** Per endpoint, the index of its `region/zone/subzone` in `localities`. */
  readonly localityIndex: Int32Array;
  readonly localities: readonly string[];
  /** Each endpoint's health (`HealthCode`) before the scenario; placements copy it and mark their ejections. */
  readonly baseHealth: Uint8Array;
  /** Endpoints the proxy holds (`inHostSet`): what the ejection cap counts. */
  readonly hostCount: number;
}

/**
 * Endpoint indexes of the proxy's host set grouped by dense priority level, levels in ascending order.
 * Every level an endpoint names is kept (so level numbers match the resolver's meanings), even when none
 * of its endpoints is in the host set.
 *
 * @example levelsOf([{ priority: 1, health: 'HEALTHY' }, { priority: 0, health: 'EXCLUDED' }])
 * // → [{ level: 0, members: [] }, { level: 1, members: [0] }]
 */
export function levelsOf(endpoints: readonly ResolvedEndpoint[]): Level[] {
  let max = -1;
  for (let i = 0; i < endpoints.length; i += 1) {
    const priority = endpoints[i]?.priority;
    if (priority !== undefined && priority > max) max = priority;
  }
  const levels: Level[] = Array.from({ length: max + 1 }, (_, level) => ({ level, members: [] }));
  for (let i = 0; i < endpoints.length; i += 1) {
    const e = endpoints[i];
    if (e !== undefined && inHostSet(e)) levels[e.priority]?.members.push(i);
  }
  return levels;
}

/**
 * Resolved hops are immutable, so their structure is cached by identity. Same input, same output; only
 * the work is saved.
 */
const preparedHops = new WeakMap<ResolvedHop, PreparedHop>();

/** @example prepareHop(hop).levels.map((l) => l.members.length) // → hosts per priority */
export function prepareHop(hop: ResolvedHop): PreparedHop {
  const cached = preparedHops.get(hop);
  if (cached !== undefined) return cached;
  const prepared = buildPreparedHop(hop);
  preparedHops.set(hop, prepared);
  return prepared;
}

function buildPreparedHop(hop: ResolvedHop): PreparedHop {
  const levels = levelsOf(hop.endpoints);
  // Endpoints of one locality usually share its Locality object: each distinct object costs one key
  // string and two lookups, every further endpoint one identity lookup. The key joins region, zone and
  // subzone with `/`, which none of them can contain, so equal keys are equal localities; each distinct
  // key gets a dense index so grouping below needs no hashing.
  const indexOfObject = new Map<ResolvedEndpoint['locality'], number>();
  const indexOfKey = new Map<string, number>();
  const keys: string[] = [];
  const localityIndex = new Int32Array(hop.endpoints.length);
  const baseHealth = new Uint8Array(hop.endpoints.length);
  let hostCount = 0;
  for (let i = 0; i < hop.endpoints.length; i += 1) {
    const e = hop.endpoints[i];
    if (e === undefined) continue;
    let index = indexOfObject.get(e.locality);
    if (index === undefined) {
      const key = localityKey(e);
      index = indexOfKey.get(key);
      if (index === undefined) {
        index = keys.length;
        keys.push(key);
        indexOfKey.set(key, index);
      }
      indexOfObject.set(e.locality, index);
    }
    localityIndex[i] = index;
    baseHealth[i] = healthCode(e.health);
    if (inHostSet(e)) hostCount += 1;
  }
  const groupsByLevel = levels.map(({ members }) =>
    hop.localityWeighted ? localityGroupsOf(hop, members, localityIndex, keys.length) : [],
  );
  return { levels, groupsByLevel, localityIndex, localities: keys, baseHealth, hostCount };
}

/** The members of one level grouped by locality, in order of first appearance. */
function localityGroupsOf(
  hop: ResolvedHop,
  members: readonly number[],
  localityIndex: Int32Array,
  localityCount: number,
): LocalityGroup[] {
  const byLocality: (LocalityGroup | undefined)[] = new Array<LocalityGroup | undefined>(localityCount);
  const groups: LocalityGroup[] = [];
  for (let m = 0; m < members.length; m += 1) {
    const i = members[m] ?? -1;
    const e = hop.endpoints[i];
    if (e === undefined) continue;
    const index = localityIndex[i] ?? 0;
    let group = byLocality[index];
    if (group === undefined) {
      group = { members: [], weight: 0, explicitWeight: undefined };
      byLocality[index] = group;
      groups.push(group);
    }
    group.members.push(i);
    group.weight += e.weight;
    if (e.localityWeight !== undefined) group.explicitWeight = e.localityWeight;
  }
  return groups;
}
