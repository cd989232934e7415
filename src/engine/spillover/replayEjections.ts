/**
 * Envoy's outlier detection replayed over a scenario's failing endpoints (`DetectorImpl::ejectHost`,
 * `onConsecutiveErrorWorker`; envoy.md §7). Failing endpoints answer 503 (`SCENARIO_FAILURE_HTTP_STATUS`);
 * a refused connection counts the same (`putResultNoLocalExternalSplit` records it as a 503).
 * A failing endpoint is judged once it receives traffic, in the order the scenario gives; each ejection
 * can shift load onto further failing endpoints, so judging repeats until nothing changes. The cap counts
 * active ejections against every host the proxy holds, across all priorities.
 *
 * The replay takes the placement as a function of the ejected set, so any balancer model with outlier
 * detection can run it.
 */
import type { ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import { MS_PER_SECOND } from '../units.js';
import { SCENARIO_FAILURE_HTTP_STATUS } from './constants.js';
import { inHostSet } from './hostHealth.js';
import { meanRequestsToStreak } from './meanRequestsToStreak.js';
import { envoyConfigFromIstio } from './outlierConfig.js';
import {
  ejectionCapDecision,
  ejectionDurationMs,
  isHttpGatewayError,
  type EjectionCapRule,
} from './outlierEjection.js';
import type { HopEjection, Placement } from './types.js';

export interface EjectionReplay {
  /** The placement once nothing changes any more. */
  readonly placement: Placement;
  /** Indexes of the endpoints outlier detection ejected. */
  readonly ejected: ReadonlySet<number>;
  /** One outcome per failing endpoint, in the order they were decided. */
  readonly ejections: readonly HopEjection[];
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

/** Why the detector trips: every request fails, or a run of failures among successes (`meanRequestsToStreak`). */
function tripText(
  detector: { readonly name: string; readonly streak: number },
  failureWord: string,
  fraction: number | undefined,
): string {
  const streak = detector.streak.toString();
  if (fraction === undefined || fraction >= 1)
    return `${streak} consecutive ${failureWord} trip ${detector.name}`;
  const mean = meanRequestsToStreak(fraction, detector.streak);
  return (
    `only ${(Math.round(fraction * 10_000) / 100).toString()} % of its requests fail, interleaved with successes that reset the count, ` +
    `but a run of ${streak} consecutive ${failureWord} still trips ${detector.name} while traffic flows: ` +
    `after about ${Math.round(mean).toString()} requests on average ((1 − φ^${streak}) / ((1 − φ)·φ^${streak}), independent requests; ` +
    'requests pinned to one failing connection trip it sooner). Ejecting it cuts off every endpoint behind the gateway'
  );
}

/** Failing endpoints decided before any traffic flows: not held, already unhealthy, or nothing ejects. */
function decidedUpFront(hop: ResolvedHop, e: ResolvedEndpoint, ejects: boolean): HopEjection | undefined {
  if (!inHostSet(e)) {
    return {
      endpointId: e.id,
      endpointName: e.name,
      outcome: 'NOT_ON_PATH',
      reason: `this proxy never receives it from istiod (${e.priorityReason}): it gets no traffic, so its failure changes nothing here`,
    };
  }
  if (e.health === 'UNHEALTHY') {
    return {
      endpointId: e.id,
      endpointName: e.name,
      outcome: 'ALREADY_UNHEALTHY',
      reason: 'EDS already reports it UNHEALTHY: it gets traffic only while its priority is in panic',
    };
  }
  if (!ejects) {
    return {
      endpointId: e.id,
      endpointName: e.name,
      outcome: 'NO_OUTLIER_DETECTION',
      reason:
        hop.outlierDetection === undefined
          ? 'no outlierDetection in force on this hop: the endpoint keeps its share and that share fails'
          : 'consecutive5xxErrors is 0 and consecutiveGatewayErrors is unset: Envoy counts errors but never ejects',
    };
  }
  return undefined;
}

/**
 * @example replayEjections(httpbinHop, [0], 3, 'ENVOY_1_31', place) // maxEjectionPercent 50 → pod 0 EJECTED, the others 50 % each
 */
export function replayEjections(
  hop: ResolvedHop,
  failing: readonly number[],
  hostCount: number,
  rule: EjectionCapRule,
  place: (ejected: ReadonlySet<number>) => Placement,
  failureWord = `${SCENARIO_FAILURE_HTTP_STATUS.toString()}s`,
  /** Hosts that fail only part of what they receive (gateway stand-ins): index → φ. */
  fractions: ReadonlyMap<number, number> = new Map(),
): EjectionReplay {
  const endpoints = hop.endpoints;
  const detector = trippingDetector(hop);
  const od = hop.outlierDetection;
  const config = od === undefined ? undefined : envoyConfigFromIstio(od);
  const ejections: HopEjection[] = [];
  const ejected = new Set<number>();
  const decided = new Set<number>();
  let placement = place(ejected);
  for (const i of failing) {
    const e = endpoints[i];
    if (e === undefined) continue;
    const outcome = decidedUpFront(hop, e, od !== undefined && detector !== undefined);
    if (outcome === undefined) continue;
    decided.add(i);
    ejections.push(outcome);
  }
  for (let changed = true; changed && od !== undefined && config !== undefined && detector !== undefined;) {
    changed = false;
    for (const i of failing) {
      const e = endpoints[i];
      if (e === undefined || decided.has(i) || (placement.shares[i] ?? 0) <= 0) continue;
      decided.add(i);
      const decision = ejectionCapDecision({
        rule,
        activeEjections: ejected.size,
        totalHosts: hostCount,
        maxEjectionPercent: od.maxEjectionPercent,
      });
      const trips = tripText(detector, failureWord, fractions.get(i));
      if (decision.allowed) {
        ejected.add(i);
        changed = true;
        const durationMs = ejectionDurationMs(1, config.baseEjectionTimeMs, config.maxEjectionTimeMs);
        ejections.push({
          endpointId: e.id,
          endpointName: e.name,
          outcome: 'EJECTED',
          reason:
            `${trips}; ${decision.reason}. ` +
            `First ejection lasts baseEjectionTime; repeated ejections last base × multiplier, capped at ${seconds(config.maxEjectionTimeMs).toString()} s`,
          ejectionSeconds: seconds(durationMs),
        });
      } else {
        ejections.push({
          endpointId: e.id,
          endpointName: e.name,
          outcome: 'REFUSED_BY_CAP',
          reason: `${trips}, but ${decision.reason}: it keeps its share and that share fails`,
        });
      }
    }
    if (changed) placement = place(ejected);
  }
  for (const i of failing) {
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
  return { placement, ejected, ejections };
}

/**
 * Failing endpoints on a hop with no outlier detection at all (ztunnel, kube-proxy) keep failing in place.
 *
 * @example neverEjected([0], ztunnelHop.endpoints, 'ztunnel has no outlier detection…') // → [{ outcome: 'NO_OUTLIER_DETECTION', … }]
 */
export function neverEjected(
  failing: readonly number[],
  endpoints: readonly ResolvedEndpoint[],
  reason: string,
): HopEjection[] {
  const out: HopEjection[] = [];
  for (const i of failing) {
    const e = endpoints[i];
    if (e !== undefined)
      out.push({ endpointId: e.id, endpointName: e.name, outcome: 'NO_OUTLIER_DETECTION', reason });
  }
  return out;
}
