/**
 * The spillover model's entry point: one resolved hop plus a per-hop scenario in, priority levels,
 * endpoint shares, drops, errors, overflow and ejection outcomes out, with a trace of the rules applied.
 *
 * Balancers:
 * - ENVOY: ejections (cap, in order) → priority load and panic (`priorityLoad.ts`) → inside a priority not
 *   in panic, locality weights when `localityWeighted` (`localityWeights.ts`) → hosts of a locality by LB
 *   weight (the LB policy spreads evenly in the long run). A priority in panic spreads its load over all
 *   its hosts, ejected and unhealthy ones included (`hostSourceToUse`).
 * - ZTUNNEL: `ztunnelShare.ts`; no outlier detection.
 * - KUBE_PROXY: uniform over ready endpoints; no outlier detection.
 * Failing endpoints answer 5xx: whatever share they keep is the hop's error rate.
 */
import type { EjectionOutcome, EndpointShare, PriorityLevel } from '../model/answer.js';
import type { EndpointHealth, ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import { MS_PER_SECOND } from '../units.js';
import { FULL_LOAD_PERCENT, SCENARIO_FAILURE_HTTP_STATUS } from './constants.js';
import { loadAdjustedScorePercent, NOMINAL_LOAD_FACTOR, overflowPercentFor } from './loadFactor.js';
import { localityShares } from './localityWeights.js';
import type { LocalityAvailability } from './localityWeights.js';
import { envoyConfigFromIstio } from './outlierConfig.js';
import { isHttpGatewayError } from './outlierDetector.js';
import { DEFAULT_EJECTION_CAP_RULE, ejectionCapDecision, ejectionDurationMs } from './outlierEjection.js';
import type { EjectionCapRule } from './outlierEjection.js';
import { computePriorityLoad } from './priorityLoad.js';
import type { PriorityHostCounts, PriorityLoadResult } from './types.js';
import { isZtunnelEligible, ztunnelShare } from './ztunnelShare.js';

export interface HopScenario {
  /** Endpoint ids (ResolvedEndpoint.id) that start answering 5xx, in the order they start. */
  readonly failingEndpointIds?: readonly string[];
  /**
   * The same by position in `hop.endpoints`, for callers that found the endpoints by scanning the hop;
   * when given, `failingEndpointIds` is ignored. Out-of-range indexes and repeats are dropped.
   */
  readonly failingEndpointIndexes?: readonly number[];
  /** Offered load relative to nominal; default 1 (Envoy exactly). Validated by the caller. */
  readonly loadFactor?: number;
  /** Overrides the hop's overprovisioning factor, integer percent. Validated by the caller. */
  readonly overprovisioningFactor?: number;
  /** Which Envoy `ejectHost` rule to apply; default ≥ 1.31 (`DEFAULT_EJECTION_CAP_RULE`). */
  readonly ejectionRule?: EjectionCapRule;
}

export interface HopEjection {
  readonly endpointId: string;
  readonly endpointName: string;
  readonly outcome: EjectionOutcome;
  readonly reason: string;
  readonly ejectionSeconds?: number;
}

export interface HopTraffic {
  readonly shareUnit: 'REQUEST' | 'CONNECTION';
  readonly priorities: readonly PriorityLevel[];
  readonly endpoints: readonly EndpointShare[];
  /** Traffic that reaches no endpoint ("no healthy upstream", STRICT without a match). */
  readonly droppedPercent: number;
  /** Traffic that lands on failing endpoints. */
  readonly errorPercent: number;
  /** Offered demand beyond what the serving endpoints absorb (load-factor model). */
  readonly overflowPercent: number;
  readonly ejections: readonly HopEjection[];
  readonly notes: readonly string[];
  readonly trace: readonly string[];
}

/** `region/zone/subzone`, the key Istio groups `LocalityLbEndpoints` by. */
export function localityKey(endpoint: ResolvedEndpoint): string {
  const l = endpoint.locality;
  return `${l.region}/${l.zone}/${l.subzone}`;
}

interface Placement {
  readonly shares: Float64Array;
  readonly droppedPercent: number;
  readonly overflowPercent: number;
  readonly priorities: readonly PriorityLevel[];
  readonly trace: readonly string[];
}

interface Level {
  readonly level: number;
  readonly members: number[];
}

/**
 * Whether the proxy holds the endpoint at all. The resolver marks `EXCLUDED` what the proxy never has:
 * endpoints istiod does not send (not ready and not forced, `internalTrafficPolicy: Local` off the node,
 * a locality `distribute` leaves out) and what ztunnel filters before ranking (unhealthy, STRICT
 * mismatch, no address). Such an endpoint is listed for explanation only: it is no host of any
 * priority, never counts in the health scores, the panic split or the ejection cap, and never receives
 * traffic — not even in panic or under `ALLOW_ALL`.
 */
export function inHostSet(endpoint: ResolvedEndpoint): boolean {
  return endpoint.health !== 'EXCLUDED';
}

/**
 * Endpoint indexes of the proxy's host set grouped by dense priority level, levels in ascending order.
 * Every level an endpoint names is kept (so level numbers match the resolver's meanings), even when none
 * of its endpoints is in the host set.
 */
function levelsOf(endpoints: readonly ResolvedEndpoint[]): Level[] {
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

/** One locality of one priority: its members and its EDS weight (DR `distribute`, else summed endpoint weights). */
interface LocalityGroup {
  readonly members: number[];
  weight: number;
  explicitWeight: number | undefined;
}

/** Health as a small integer, so a placement copies one byte per endpoint instead of a pointer. */
const HEALTH_CODE_HEALTHY = 0;
const HEALTH_CODE_DEGRADED = 1;
const HEALTH_CODE_UNHEALTHY = 2;
const HEALTH_CODE_EXCLUDED = 3;
type HealthCode =
  | typeof HEALTH_CODE_HEALTHY
  | typeof HEALTH_CODE_DEGRADED
  | typeof HEALTH_CODE_UNHEALTHY
  | typeof HEALTH_CODE_EXCLUDED;

function healthCode(health: EndpointHealth): HealthCode {
  switch (health) {
    case 'HEALTHY':
      return HEALTH_CODE_HEALTHY;
    case 'DEGRADED':
      return HEALTH_CODE_DEGRADED;
    case 'UNHEALTHY':
      return HEALTH_CODE_UNHEALTHY;
    case 'EXCLUDED':
      return HEALTH_CODE_EXCLUDED;
  }
}

/**
 * The hop's static structure, computed once per call and shared by every placement the ejection loop
 * needs: levels, and per level its locality groups (Istio's `LocalityLbEndpoints`, keyed by
 * region/zone/subzone and split by priority).
 */
interface PreparedHop {
  readonly levels: readonly Level[];
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
 * Resolved hops are immutable, so their structure is cached by identity: the baseline, the scenario and
 * every sweep point of one request share it. Same input, same output; only the work is saved.
 */
const preparedHops = new WeakMap<ResolvedHop, PreparedHop>();

function prepareHop(hop: ResolvedHop): PreparedHop {
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
  const groupsByLevel = levels.map(({ members }) => {
    if (!hop.localityWeighted) return [];
    const byLocality: (LocalityGroup | undefined)[] = new Array<LocalityGroup | undefined>(keys.length);
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
  });
  return { levels, groupsByLevel, localityIndex, localities: keys, baseHealth, hostCount };
}

/** Spread `load` over the members passing `take`, proportionally to LB weight; returns what could not be placed. */
function spreadByWeight(
  endpoints: readonly ResolvedEndpoint[],
  members: readonly number[],
  take: (i: number) => boolean,
  load: number,
  shares: Float64Array,
): number {
  let weight = 0;
  for (let m = 0; m < members.length; m += 1) {
    const i = members[m] ?? -1;
    if (take(i)) weight += endpoints[i]?.weight ?? 0;
  }
  if (weight <= 0) return load;
  for (let m = 0; m < members.length; m += 1) {
    const i = members[m] ?? -1;
    if (take(i)) shares[i] = (shares[i] ?? 0) + (load * (endpoints[i]?.weight ?? 0)) / weight;
  }
  return 0;
}

/**
 * One pick class (healthy or degraded) of a priority not in panic: locality shares when
 * `localityWeighted` (`LocalityWrr`), else — or when no locality is eligible — all eligible hosts of the
 * priority. A locality's weight is its DR `distribute` weight, else the sum of its endpoints' weights,
 * which is what Istio sends as `load_balancing_weight`.
 */
function placeWithinPriority(
  hop: ResolvedHop,
  members: readonly number[],
  groups: readonly LocalityGroup[],
  health: Uint8Array,
  wanted: typeof HEALTH_CODE_HEALTHY | typeof HEALTH_CODE_DEGRADED,
  load: number,
  factor: number,
  shares: Float64Array,
): number {
  if (load <= 0) return 0;
  const endpoints = hop.endpoints;
  const isWanted = (i: number): boolean => health[i] === wanted;
  if (!hop.localityWeighted || groups.length === 0)
    return spreadByWeight(endpoints, members, isWanted, load, shares);
  const availability: LocalityAvailability[] = groups.map((group) => {
    let excluded = 0;
    let eligible = 0;
    const members = group.members;
    for (let m = 0; m < members.length; m += 1) {
      const h = health[members[m] ?? -1];
      if (h === HEALTH_CODE_EXCLUDED) excluded += 1;
      else if (h === wanted) eligible += 1;
    }
    return { weight: group.explicitWeight ?? group.weight, total: group.members.length, eligible, excluded };
  });
  const localityShare = localityShares(availability, factor);
  if (!localityShare.some((s) => s > 0)) return spreadByWeight(endpoints, members, isWanted, load, shares);
  let unplaced = 0;
  groups.forEach((group, k) => {
    const share = localityShare[k] ?? 0;
    if (share > 0) unplaced += spreadByWeight(endpoints, group.members, isWanted, load * share, shares);
  });
  return unplaced;
}

/** Envoy's placement for a given set of ejected endpoints. */
function placeEnvoy(
  hop: ResolvedHop,
  prepared: PreparedHop,
  ejected: ReadonlySet<number>,
  factor: number,
  loadFactor: number,
): Placement {
  const endpoints = hop.endpoints;
  // An ejection sets FAILED_OUTLIER_CHECK: the host turns unhealthy but an excluded host stays excluded.
  const health = prepared.baseHealth.slice();
  for (const i of ejected) if (health[i] !== HEALTH_CODE_EXCLUDED) health[i] = HEALTH_CODE_UNHEALTHY;
  const levels = prepared.levels;
  const counts: PriorityHostCounts[] = levels.map(({ members }) => {
    let healthy = 0;
    let degraded = 0;
    let excluded = 0;
    for (let m = 0; m < members.length; m += 1) {
      const h = health[members[m] ?? -1];
      if (h === HEALTH_CODE_HEALTHY) healthy += 1;
      else if (h === HEALTH_CODE_DEGRADED) degraded += 1;
      else if (h === HEALTH_CODE_EXCLUDED) excluded += 1;
    }
    return { total: members.length, healthy, degraded, excluded };
  });
  const result: PriorityLoadResult = computePriorityLoad(counts, {
    overprovisioningFactorPercent: factor,
    panicThresholdPercent: hop.panicThresholdPercent,
    loadFactor,
  });
  const shares = new Float64Array(endpoints.length);
  let dropped = 0;
  const trace = [...result.trace];
  levels.forEach(({ level, members }) => {
    const hl = result.healthyLoad[level] ?? 0;
    const dl = result.degradedLoad[level] ?? 0;
    if (hl + dl <= 0) return;
    if (result.panic[level] === true) {
      dropped += spreadByWeight(endpoints, members, () => true, hl + dl, shares);
      trace.push(
        `P${level.toString()} in panic: its ${(hl + dl).toString()} % goes to all ${members.length.toString()} hosts, unhealthy and ejected ones included`,
      );
      return;
    }
    const groups = prepared.groupsByLevel[level] ?? [];
    dropped += placeWithinPriority(hop, members, groups, health, HEALTH_CODE_HEALTHY, hl, factor, shares);
    dropped += placeWithinPriority(hop, members, groups, health, HEALTH_CODE_DEGRADED, dl, factor, shares);
  });
  if (levels.length === 0) dropped = FULL_LOAD_PERCENT;
  if (dropped > 0) trace.push(`${dropped.toString()} % finds no usable host ("no healthy upstream")`);
  const priorities: PriorityLevel[] = levels.map(({ level, members }) => {
    const meaning = hop.priorityMeanings[level];
    const c = counts[level];
    return {
      level,
      endpoints: members.length,
      healthy: c?.healthy ?? 0,
      healthPercent: result.health[level] ?? 0,
      loadPercent: (result.healthyLoad[level] ?? 0) + (result.degradedLoad[level] ?? 0),
      panic: result.panic[level] ?? false,
      ...(meaning === undefined ? {} : { meaning }),
    };
  });
  return { shares, droppedPercent: dropped, overflowPercent: result.overflowPercent, priorities, trace };
}

/**
 * The load-factor model for balancers that do not spill (ztunnel, kube-proxy): the serving set absorbs
 * `min(100, floor(F × eligible capacity / capacity / L))` percent of the offered demand, the rest overflows.
 */
function nonSpillingOverflow(
  hop: ResolvedHop,
  serving: (e: ResolvedEndpoint, i: number) => boolean,
  eligible: (e: ResolvedEndpoint, i: number) => boolean,
  factor: number,
  loadFactor: number,
): number {
  let capacity = 0;
  let eligibleCapacity = 0;
  hop.endpoints.forEach((e, i) => {
    if (!serving(e, i)) return;
    capacity += e.weight;
    if (eligible(e, i)) eligibleCapacity += e.weight;
  });
  return overflowPercentFor(loadAdjustedScorePercent(factor, eligibleCapacity, capacity, loadFactor));
}

function simpleLevels(
  hop: ResolvedHop,
  shares: Float64Array,
  eligible: (i: number) => boolean,
): PriorityLevel[] {
  return levelsOf(hop.endpoints).map(({ level, members }) => {
    const healthy = members.filter(eligible).length;
    let load = 0;
    for (const i of members) load += shares[i] ?? 0;
    const meaning = hop.priorityMeanings[level];
    return {
      level,
      endpoints: members.length,
      healthy,
      healthPercent: members.length > 0 ? Math.floor((FULL_LOAD_PERCENT * healthy) / members.length) : 0,
      loadPercent: load,
      panic: false,
      ...(meaning === undefined ? {} : { meaning }),
    };
  });
}

function placeZtunnel(hop: ResolvedHop, factor: number, loadFactor: number): Placement {
  const z = ztunnelShare(hop);
  const policy = hop.ztunnel?.healthPolicy ?? 'ONLY_HEALTHY';
  const isEligible = (e: ResolvedEndpoint): boolean => isZtunnelEligible(e, policy);
  const tier = z.servingTier;
  const serving = (e: ResolvedEndpoint): boolean => tier === undefined || e.priority === tier;
  const overflow =
    z.droppedPercent > 0 ? 0 : nonSpillingOverflow(hop, serving, isEligible, factor, loadFactor);
  const priorities = simpleLevels(hop, z.shares, (i) => {
    const e = hop.endpoints[i];
    return e !== undefined && isEligible(e);
  });
  return {
    shares: z.shares,
    droppedPercent: z.droppedPercent,
    overflowPercent: overflow,
    priorities,
    trace: z.trace,
  };
}

function placeKubeProxy(hop: ResolvedHop, factor: number, loadFactor: number): Placement {
  const ready = (e: ResolvedEndpoint): boolean => e.health === 'HEALTHY' || e.health === 'DEGRADED';
  const shares = new Float64Array(hop.endpoints.length);
  const readyCount = hop.endpoints.filter(ready).length;
  hop.endpoints.forEach((e, i) => {
    if (ready(e)) shares[i] = FULL_LOAD_PERCENT / readyCount;
  });
  const trace = [
    `kube-proxy: uniform over ${readyCount.toString()} ready endpoints, no priorities, no outlier detection`,
  ];
  const priorities = simpleLevels(hop, shares, (i) => {
    const e = hop.endpoints[i];
    return e !== undefined && ready(e);
  });
  const droppedPercent = readyCount === 0 ? FULL_LOAD_PERCENT : 0;
  // kube-proxy weighs every endpoint the same, so capacity here is a count, not a weight.
  const uniform: ResolvedHop = { ...hop, endpoints: hop.endpoints.map((e) => ({ ...e, weight: 1 })) };
  const overflow =
    droppedPercent > 0 ? 0 : nonSpillingOverflow(uniform, () => true, ready, factor, loadFactor);
  return { shares, droppedPercent, overflowPercent: overflow, priorities, trace };
}

function seconds(ms: number): number {
  return ms / MS_PER_SECOND;
}

/**
 * Which detector trips first on a failing endpoint's 503s (gateway is checked before 5xx), or undefined
 * when Istio leaves both unenforced (`consecutive5xxErrors: 0` and no gateway field).
 */
function trippingDetector(hop: ResolvedHop): { readonly name: string; readonly streak: number } | undefined {
  const od = hop.outlierDetection;
  if (od === undefined) return undefined;
  const config = envoyConfigFromIstio(od);
  const candidates: { name: string; streak: number }[] = [];
  if (config.enforcingConsecutiveGatewayFailure > 0 && isHttpGatewayError(SCENARIO_FAILURE_HTTP_STATUS)) {
    candidates.push({ name: 'consecutiveGatewayErrors', streak: config.consecutiveGatewayFailure });
  }
  if (config.enforcingConsecutive5xx > 0)
    candidates.push({ name: 'consecutive5xxErrors', streak: config.consecutive5xx });
  candidates.sort((a, b) => a.streak - b.streak);
  return candidates[0];
}

/** The given endpoint indexes in their order, out-of-range ones and repeats dropped. */
function validIndexes(endpoints: readonly ResolvedEndpoint[], indexes: readonly number[]): number[] {
  const seen = new Set<number>();
  for (const i of indexes) if (Number.isInteger(i) && i >= 0 && i < endpoints.length) seen.add(i);
  return [...seen];
}

/** Endpoint indexes for the given ids, in the ids' order, unknown ids and repeats dropped. */
function indexesInOrder(endpoints: readonly ResolvedEndpoint[], ids: readonly string[]): number[] {
  if (ids.length === 0) return [];
  const wanted = new Map<string, number>();
  for (const id of ids) wanted.set(id, -1);
  endpoints.forEach((e, i) => {
    if (wanted.get(e.id) === -1) wanted.set(e.id, i);
  });
  const out: number[] = [];
  for (const index of wanted.values()) if (index >= 0) out.push(index);
  return out;
}

/**
 * The public share of one endpoint; fields the resolver left out stay out (exactOptionalPropertyTypes).
 * Runs once per endpoint per placement: optional fields are assigned, never spread, and always in the
 * same order, so every entry has one of a few stable shapes.
 */
export function endpointShare(
  e: ResolvedEndpoint,
  locality: string,
  sharePercent: number,
  healthy: boolean,
  ejected: boolean,
): EndpointShare {
  const { address, node, localityWeight } = e;
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
  };
  if (address !== undefined) share.address = address;
  if (node !== undefined) share.node = node;
  if (localityWeight !== undefined) share.localityWeight = localityWeight;
  return share;
}

/**
 * A hop's traffic before it is spelled out per endpoint: everything `HopTraffic` says, with the endpoints'
 * shares and flags as arrays indexed like `hop.endpoints`. The answer layer rounds the shares and builds
 * each endpoint's entry once (`endpointShare`), instead of building them here and copying them there.
 */
export interface HopPlacement extends Omit<HopTraffic, 'endpoints'> {
  /** Share of the hop's traffic per endpoint, percent. */
  readonly shares: Float64Array;
  /** 1 when the endpoint is usable in this scenario: healthy or degraded, not ejected, not failing. */
  readonly healthy: Uint8Array;
  /** 1 when the scenario ejected the endpoint. */
  readonly ejected: Uint8Array;
  /** Per endpoint, the index of its `region/zone/subzone` in `localities`. */
  readonly localityIndex: Int32Array;
  readonly localities: readonly string[];
}

/**
 * @example computeHopTraffic(httpbinHop, { failingEndpointIds: ['pod-1'] })
 * // with maxEjectionPercent 50: pod-1 EJECTED (1 of 3 hosts = 33.3 % ≤ 50 %), the other two 50 % each
 */
export function computeHopTraffic(hop: ResolvedHop, scenario: HopScenario = {}): HopTraffic {
  return hopTrafficOf(hop, computeHopPlacement(hop, scenario));
}

/** A placement spelled out per endpoint (`computeHopTraffic`'s answer). */
export function hopTrafficOf(hop: ResolvedHop, placed: HopPlacement): HopTraffic {
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
      ),
    );
  }
  return {
    shareUnit: placed.shareUnit,
    priorities: placed.priorities,
    endpoints,
    droppedPercent: placed.droppedPercent,
    errorPercent: placed.errorPercent,
    overflowPercent: placed.overflowPercent,
    ejections: placed.ejections,
    notes: placed.notes,
    trace: placed.trace,
  };
}

/** `computeHopTraffic` without the per-endpoint entries (`HopPlacement`). */
export function computeHopPlacement(hop: ResolvedHop, scenario: HopScenario = {}): HopPlacement {
  const endpoints = hop.endpoints;
  const factor = scenario.overprovisioningFactor ?? hop.overprovisioningFactor;
  const loadFactor = scenario.loadFactor ?? NOMINAL_LOAD_FACTOR;
  const rule = scenario.ejectionRule ?? DEFAULT_EJECTION_CAP_RULE;
  const failingOrder =
    scenario.failingEndpointIndexes === undefined
      ? indexesInOrder(endpoints, scenario.failingEndpointIds ?? [])
      : validIndexes(endpoints, scenario.failingEndpointIndexes);
  const failing = new Set<number>(failingOrder);
  const shareUnit: HopTraffic['shareUnit'] =
    hop.balancer === 'ZTUNNEL' || hop.layer === 'L4' ? 'CONNECTION' : 'REQUEST';
  const notes: string[] = [];
  const ejections: HopEjection[] = [];
  const ejected = new Set<number>();
  const prepared = prepareHop(hop);
  let placement: Placement;

  switch (hop.balancer) {
    case 'ENVOY': {
      const detector = trippingDetector(hop);
      const od = hop.outlierDetection;
      const decided = new Set<number>();
      const config = od === undefined ? undefined : envoyConfigFromIstio(od);
      // The cap counts the cluster's hosts (`ejectHost`): only the endpoints Envoy actually holds.
      const hostCount = prepared.hostCount;
      placement = placeEnvoy(hop, prepared, ejected, factor, loadFactor);
      for (const i of failingOrder) {
        const e = endpoints[i];
        if (e === undefined) continue;
        if (!inHostSet(e)) {
          decided.add(i);
          ejections.push({
            endpointId: e.id,
            endpointName: e.name,
            outcome: 'NOT_ON_PATH',
            reason: `this proxy never receives it from istiod (${e.priorityReason}): it gets no traffic, so its failure changes nothing here`,
          });
        } else if (e.health === 'UNHEALTHY') {
          decided.add(i);
          ejections.push({
            endpointId: e.id,
            endpointName: e.name,
            outcome: 'ALREADY_UNHEALTHY',
            reason: 'EDS already reports it UNHEALTHY: it gets traffic only while its priority is in panic',
          });
        } else if (od === undefined || detector === undefined) {
          decided.add(i);
          ejections.push({
            endpointId: e.id,
            endpointName: e.name,
            outcome: 'NO_OUTLIER_DETECTION',
            reason:
              od === undefined
                ? 'no outlierDetection in force on this hop: the endpoint keeps its share and that share fails'
                : 'consecutive5xxErrors is 0 and consecutiveGatewayErrors is unset: Envoy counts errors but never ejects',
          });
        }
      }
      // Ejection needs traffic: an endpoint is judged once it receives some, in the order given, and
      // ejections can shift load onto further failing endpoints, so repeat until nothing changes.
      for (
        let changed = true;
        changed && od !== undefined && config !== undefined && detector !== undefined;
      ) {
        changed = false;
        for (const i of failingOrder) {
          const e = endpoints[i];
          if (e === undefined || decided.has(i) || (placement.shares[i] ?? 0) <= 0) continue;
          decided.add(i);
          const decision = ejectionCapDecision({
            rule,
            activeEjections: ejected.size,
            totalHosts: hostCount,
            maxEjectionPercent: od.maxEjectionPercent,
          });
          if (decision.allowed) {
            ejected.add(i);
            changed = true;
            const durationMs = ejectionDurationMs(1, config.baseEjectionTimeMs, config.maxEjectionTimeMs);
            ejections.push({
              endpointId: e.id,
              endpointName: e.name,
              outcome: 'EJECTED',
              reason:
                `${detector.streak.toString()} consecutive ${SCENARIO_FAILURE_HTTP_STATUS.toString()}s trip ${detector.name}; ${decision.reason}. ` +
                `First ejection lasts baseEjectionTime; repeated ejections last base × multiplier, capped at ${seconds(config.maxEjectionTimeMs).toString()} s`,
              ejectionSeconds: seconds(durationMs),
            });
          } else {
            ejections.push({
              endpointId: e.id,
              endpointName: e.name,
              outcome: 'REFUSED_BY_CAP',
              reason: `${detector.streak.toString()} consecutive ${SCENARIO_FAILURE_HTTP_STATUS.toString()}s trip ${detector.name}, but ${decision.reason}: it keeps its share and that share fails`,
            });
          }
        }
        if (changed) placement = placeEnvoy(hop, prepared, ejected, factor, loadFactor);
      }
      for (const i of failingOrder) {
        const e = endpoints[i];
        if (e === undefined || decided.has(i)) continue;
        ejections.push({
          endpointId: e.id,
          endpointName: e.name,
          outcome: 'NOT_ON_PATH',
          reason:
            'it receives no traffic in this scenario, so outlier detection never sees its errors and it is not ejected',
        });
      }
      notes.push(
        `Envoy ${hop.loadBalancer}: shares are long-run request shares; inside a locality the LB policy spreads evenly by endpoint weight.`,
      );
      if (placement.priorities.some((p) => p.panic)) {
        notes.push(
          'A priority in panic sends its share to all its hosts, unhealthy and ejected ones included (Envoy hostSourceToUse).',
        );
      }
      break;
    }
    case 'ZTUNNEL':
      placement = placeZtunnel(hop, factor, loadFactor);
      notes.push(
        'ztunnel: shares are connection shares; all connections go to the best tier with an eligible endpoint, with no gradual spillover.',
      );
      ejections.push(
        ...neverEjected(
          failingOrder,
          endpoints,
          'ztunnel has no outlier detection: the endpoint keeps its share and that share fails',
        ),
      );
      break;
    case 'KUBE_PROXY':
      placement = placeKubeProxy(hop, factor, loadFactor);
      notes.push(
        'kube-proxy: connections spread uniformly over ready endpoints; no priorities and no outlier detection.',
      );
      ejections.push(
        ...neverEjected(
          failingOrder,
          endpoints,
          'no mesh proxy balances this hop: the endpoint keeps its share and that share fails',
        ),
      );
      break;
  }

  let errorPercent = 0;
  for (const i of failing) errorPercent += placement.shares[i] ?? 0;
  const healthy = new Uint8Array(endpoints.length);
  const ejectedFlags = new Uint8Array(endpoints.length);
  for (let i = 0; i < endpoints.length; i += 1) {
    const h = endpoints[i]?.health;
    if (h === 'HEALTHY' || h === 'DEGRADED') healthy[i] = 1;
  }
  for (const i of ejected) {
    ejectedFlags[i] = 1;
    healthy[i] = 0;
  }
  for (const i of failing) healthy[i] = 0;
  return {
    shareUnit,
    priorities: placement.priorities,
    droppedPercent: placement.droppedPercent,
    errorPercent,
    overflowPercent: placement.overflowPercent,
    ejections,
    notes,
    trace: placement.trace,
    shares: placement.shares,
    healthy,
    ejected: ejectedFlags,
    localityIndex: prepared.localityIndex,
    localities: prepared.localities,
  };
}

/** Failing endpoints on a hop with no outlier detection at all (ztunnel, kube-proxy) keep failing in place. */
function neverEjected(
  failingOrder: readonly number[],
  endpoints: readonly ResolvedEndpoint[],
  reason: string,
): HopEjection[] {
  const out: HopEjection[] = [];
  for (const i of failingOrder) {
    const e = endpoints[i];
    if (e !== undefined)
      out.push({ endpointId: e.id, endpointName: e.name, outcome: 'NO_OUTLIER_DETECTION', reason });
  }
  return out;
}
