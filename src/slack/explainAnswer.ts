/**
 * What on-call reads first: one headline and the three lines that explain it, taken from an answer. The
 * full answer (every hop, every endpoint) is one click away in the portal, or in GraphQL.
 */
import type { EffectivePolicy, Ejection, EndpointShare, Hop, Scenario, WhatIf } from '../engine/index.js';
import {
  SEVERITY_RANK,
  code,
  escapeMrkdwn,
  formatFactor,
  formatPercent,
  formatProxy,
  formatRef,
} from './textFormat.js';

export interface Explanation {
  /** mrkdwn, one or two lines. */
  readonly headline: string;
  /** At most three mrkdwn lines. */
  readonly lines: readonly string[];
}

export const EXPLANATION_LINES = 3;
/** Priority levels and endpoints named in one line; the portal shows the rest. */
const MAX_LEVELS_SHOWN = 3;
const MAX_NAMES_SHOWN = 3;
/** Share changes smaller than this (percentage points) are rounding, not movement. */
const SHARE_EPSILON = 0.05;

const endpointKey = (e: EndpointShare): string => `${e.cluster ?? ''}/${e.name}`;

function more(total: number, shown: number): string {
  return total > shown ? ` (+${total - shown} more)` : '';
}

/** The whole path on one line: who balances each hop, at which layer, and where it ends. */
export function pathLine(policy: EffectivePolicy): string {
  if (policy.hops.length === 0) return '_No hop: the client reaches no endpoint of this backend._';
  const proxies = policy.hops.map((hop) => `${escapeMrkdwn(formatProxy(hop.from))} (${hop.layer})`);
  const last = policy.hops.at(-1);
  const count = last?.endpoints.length ?? 0;
  return `${proxies.join(' → ')} → ${count} endpoint${count === 1 ? '' : 's'} of ${code(last?.to ?? '')}`;
}

function decisionLine(hop: Hop, index: number): string {
  const td = hop.trafficDistribution;
  const origin = td.resource === undefined ? '' : ` on ${escapeMrkdwn(formatRef(td.resource))}`;
  const dr =
    hop.destinationRule === undefined ? 'no DestinationRule' : escapeMrkdwn(formatRef(hop.destinationRule));
  return `Hop ${index + 1}: ${code(hop.loadBalancer)}, ${code(td.mode)} from ${td.source}${origin}; ${dr}.`;
}

function prioritiesLine(hop: Hop, baseline?: Hop): string {
  const before = new Map((baseline?.priorities ?? []).map((p) => [p.level, p.loadPercent]));
  const levels = hop.priorities.slice(0, MAX_LEVELS_SHOWN).map((p) => {
    const was = before.get(p.level);
    const load =
      baseline === undefined || was === undefined || Math.abs(was - p.loadPercent) < SHARE_EPSILON
        ? formatPercent(p.loadPercent)
        : `${formatPercent(was)} → ${formatPercent(p.loadPercent)}`;
    const meaning = p.meaning === undefined ? '' : `, ${escapeMrkdwn(p.meaning)}`;
    return `P${p.level} ${load} (${p.healthy}/${p.endpoints} healthy${meaning})${p.panic ? ' *panic*' : ''}`;
  });
  return `Load by priority: ${levels.join(' · ')}${more(hop.priorities.length, MAX_LEVELS_SHOWN)}.`;
}

function outlierLine(hop: Hop): string {
  const od = hop.outlierDetection;
  if (od === undefined) return 'No outlier detection on this hop: a failing endpoint keeps its share.';
  return (
    `Outlier detection: ${od.consecutive5xxErrors} × 5xx ejects for ${od.baseEjectionTimeSeconds}s, ` +
    `at most ${od.maxEjectionPercent}% of endpoints; panic below ${hop.panicThresholdPercent}% healthy.`
  );
}

function worstDiagnosticLine(policy: EffectivePolicy): string | undefined {
  const worst = [...policy.diagnostics]
    .filter((d) => d.severity !== 'INFO')
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0];
  return worst === undefined ? undefined : `${code(worst.code)} ${escapeMrkdwn(worst.message)}`;
}

/**
 * Where the client's requests end up per locality, composed over every replica (`backendShares`); only
 * when some hop has several replicas, since otherwise it repeats the last hop.
 */
export function endToEndLine(policy: EffectivePolicy): string | undefined {
  if (!policy.hops.some((h) => (h.replicas?.length ?? 0) > 1)) return undefined;
  const byLocality = new Map<string, number>();
  for (const e of policy.backendShares) {
    const where = e.locality === undefined || e.locality === '' ? 'unknown locality' : e.locality;
    byLocality.set(where, (byLocality.get(where) ?? 0) + e.sharePercent);
  }
  const reached = [...byLocality.entries()]
    .filter(([, share]) => share > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = reached
    .slice(0, MAX_NAMES_SHOWN)
    .map(([where, share]) => `${formatPercent(share)} ${escapeMrkdwn(where)}`);
  return `*End to end*: ${shown.join(' · ')}${more(reached.length, MAX_NAMES_SHOWN)}`;
}

export function explainPolicy(policy: EffectivePolicy): Explanation {
  const last = policy.hops.at(-1);
  const index = policy.hops.length - 1;
  if (last === undefined) return { headline: `*Path*: ${pathLine(policy)}`, lines: [] };
  const lines = [
    decisionLine(last, index),
    prioritiesLine(last),
    worstDiagnosticLine(policy) ?? outlierLine(last),
  ];
  const endToEnd = endToEndLine(policy);
  const path = `*Path*: ${pathLine(policy)}`;
  return { headline: endToEnd === undefined ? path : `${path}\n${endToEnd}`, lines };
}

/** The hop whose shares moved most between baseline and scenario (the first hop when nothing moved). */
export function mostChangedHop(answer: WhatIf): number {
  // Nothing moved: the hop to the backend is the one people ask about.
  let best = Math.max(0, answer.scenario.hops.length - 1);
  let bestMove = SHARE_EPSILON;
  answer.scenario.hops.forEach((hop, index) => {
    const before = new Map(
      (answer.baseline.hops[index]?.endpoints ?? []).map((e) => [endpointKey(e), e.sharePercent]),
    );
    let move = 0;
    for (const e of hop.endpoints) {
      move += Math.abs(e.sharePercent - (before.get(endpointKey(e)) ?? 0));
      before.delete(endpointKey(e));
    }
    for (const gone of before.values()) move += gone;
    if (move > bestMove) {
      best = index;
      bestMove = move;
    }
  });
  return best;
}

function outcomeWords(e: Ejection): string {
  const words = e.outcome.replaceAll('_', ' ').toLowerCase();
  return e.ejectionSeconds === undefined ? words : `${words} for ${e.ejectionSeconds}s`;
}

function failuresLine(answer: WhatIf, scenario: Scenario): string | undefined {
  if (answer.ejections.length > 0) {
    const shown = answer.ejections
      .slice(0, MAX_NAMES_SHOWN)
      .map((e) => `${code(e.endpoint)} ${outcomeWords(e)}`);
    return `Ejections: ${shown.join(' · ')}${more(answer.ejections.length, MAX_NAMES_SHOWN)}.`;
  }
  const localities = scenario.failLocalities ?? [];
  if (localities.length > 0) {
    const gone = answer.baseline.hops.reduce((sum, hop, i) => {
      const after = new Set((answer.scenario.hops[i]?.endpoints ?? []).map(endpointKey));
      return sum + hop.endpoints.filter((e) => !after.has(endpointKey(e))).length;
    }, 0);
    return `Failed ${localities.map(code).join(', ')}: ${gone} endpoint${gone === 1 ? '' : 's'} gone from the path.`;
  }
  return undefined;
}

function shiftLine(answer: WhatIf): string {
  const index = mostChangedHop(answer);
  const hop = answer.scenario.hops[index];
  if (hop === undefined) return 'No hop: the client reaches no endpoint of this backend.';
  const before = new Map(
    (answer.baseline.hops[index]?.endpoints ?? []).map((e) => [endpointKey(e), e.sharePercent]),
  );
  const changes = hop.endpoints
    .map((e) => ({ name: e.name, was: before.get(endpointKey(e)) ?? 0, now: e.sharePercent }))
    .filter((c) => Math.abs(c.now - c.was) >= SHARE_EPSILON)
    .sort((a, b) => Math.abs(b.now - b.was) - Math.abs(a.now - a.was));
  const named = changes
    .slice(0, MAX_NAMES_SHOWN)
    .map((c) => `${code(c.name)} ${formatPercent(c.was)} → ${formatPercent(c.now)}`);
  const where = `Hop ${index + 1} (${escapeMrkdwn(formatProxy(hop.from))} → ${code(hop.to)})`;
  if (named.length === 0) return `${where}: ${prioritiesLine(hop, answer.baseline.hops[index])}`;
  return `${where}: ${named.join(', ')}${more(changes.length, MAX_NAMES_SHOWN)}.`;
}

/** Why requests fail: endpoints that fail yet still get traffic, and why nothing takes them out. */
function causeLine(answer: WhatIf): string | undefined {
  const failing = answer.scenario.hops.flatMap((hop, index) =>
    hop.endpoints
      .filter((e) => e.failing === true && !e.ejected && e.sharePercent > 0)
      .map((e) => ({ e, hop, index })),
  );
  if (failing.length === 0) return undefined;
  const shown = failing.slice(0, MAX_NAMES_SHOWN).map(({ e, hop, index }) => {
    const refused = answer.ejections.some(
      (x) => x.outcome === 'REFUSED_BY_CAP' && (x.endpoint === e.name || x.endpoint === e.address),
    );
    const why = refused
      ? 'the ejection cap keeps it'
      : hop.outlierDetection === undefined
        ? `no outlier detection on hop ${index + 1}`
        : 'not ejected';
    return `${code(e.name)} still gets ${formatPercent(e.sharePercent)} (${why})`;
  });
  return `Failing but serving: ${shown.join('; ')}${more(failing.length, MAX_NAMES_SHOWN)}.`;
}

/** The overload cascade and the backend's autoscaling, when the answer has them, in one sentence each. */
function capacitySentences(answer: WhatIf): string {
  const parts: string[] = [];
  const cascade = answer.cascade;
  if (cascade !== undefined && cascade.outcome !== 'CAPACITY_UNKNOWN')
    parts.push(
      ` Overload cascade: ${cascade.outcome.toLowerCase().replaceAll('_', ' ')}, errors ${formatPercent(cascade.errorPercent)}` +
        (cascade.firstEjectionLoadFactor === null
          ? '.'
          : `; first ejection at ${formatFactor(cascade.firstEjectionLoadFactor)}.`),
    );
  const [hpa] = answer.autoscalers ?? [];
  if (hpa?.desiredReplicas != null && hpa.desiredReplicas > hpa.currentReplicas)
    parts.push(
      ` HPA ${hpa.autoscaler.name} wants ${hpa.desiredReplicas.toString()} replicas (max ${hpa.maxReplicas.toString()})` +
        (hpa.canAbsorb === true
          ? `, reachable in ${String(hpa.scaleUpSeconds ?? '?')} s of syncs.`
          : ': not enough.'),
    );
  return parts.join('');
}

/** The load model in one line: what a higher load does, and where the overflow figure comes from. */
function loadLine(answer: WhatIf, scenario: Scenario): string | undefined {
  if (scenario.loadFactor === undefined || scenario.loadFactor === 1) return undefined;
  return (
    `Load ${formatFactor(scenario.loadFactor)}: Envoy and ztunnel move traffic on health only, so shares stay as they are ` +
    `until overloaded endpoints fail or are ejected; overflow (${formatPercent(answer.overflowPercent)}) is what ` +
    'circuit breakers refuse.' +
    (answer.saturatedPercent === null
      ? ' Capacity unknown (no utilizationPercent, no HPA target): saturation not estimated.'
      : '') +
    capacitySentences(answer)
  );
}

function headlineOf(answer: WhatIf, scenario: Scenario): string {
  const saturated = answer.saturatedPercent;
  const icon =
    answer.errorPercent > 0
      ? ':red_circle:'
      : answer.overflowPercent > 0 || (saturated ?? 0) > 0
        ? ':large_yellow_circle:'
        : ':large_green_circle:';
  const figures = [
    `*Errors ${formatPercent(answer.errorPercent)}*`,
    // Unknown capacity is said in the load line, not as a figure.
    ...(saturated === null ? [] : [`saturation ${formatPercent(saturated)}`]),
    `overflow ${formatPercent(answer.overflowPercent)}`,
  ];
  return `${icon} ${figures.join(' · ')}\n_${escapeMrkdwn(scenarioText(scenario))}_`;
}

export function scenarioText(scenario: Scenario): string {
  const parts: string[] = [];
  if (scenario.ejectEndpoints !== undefined && scenario.ejectEndpoints.length > 0)
    parts.push(`eject ${scenario.ejectEndpoints.join(', ')}`);
  if (scenario.loadFactor !== undefined) parts.push(`load ${formatFactor(scenario.loadFactor)}`);
  if (scenario.failLocalities !== undefined && scenario.failLocalities.length > 0)
    parts.push(`fail ${scenario.failLocalities.join(', ')}`);
  if (scenario.overprovisioningFactor !== undefined)
    parts.push(`overprovisioning ${scenario.overprovisioningFactor}%`);
  if (scenario.failure !== undefined && scenario.failure !== 'HTTP_5XX')
    parts.push(`failure ${scenario.failure === 'CONNECT_FAILURE' ? 'connect' : 'not-ready'}`);
  return parts.length === 0 ? 'no change (baseline)' : parts.join(' · ');
}

export function explainWhatIf(answer: WhatIf, scenario: Scenario): Explanation {
  const candidates = [
    failuresLine(answer, scenario),
    shiftLine(answer),
    causeLine(answer),
    loadLine(answer, scenario),
    worstDiagnosticLine(answer.scenario),
  ].filter((line): line is string => line !== undefined);
  return { headline: headlineOf(answer, scenario), lines: candidates.slice(0, EXPLANATION_LINES) };
}
