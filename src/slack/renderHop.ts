/**
 * One hop of an answer as Block Kit: what decides the balancing on it (traffic distribution and its source,
 * the DestinationRule in force, locality LB, outlier detection) and where the traffic goes (per priority, per
 * endpoint). With a baseline hop, every share reads `before → after`.
 */
import type { EffectivePolicy, EndpointShare, Ejection, Hop, PriorityLevel } from '../engine/model/answer.js';
import { codeBlock, context, fieldsSection, section } from './blockKit.js';
import type { Block } from './blockKit.js';
import { code, escapeMrkdwn, formatPercent, formatProxy, formatRef, shorten, table } from './textFormat.js';

/** Rows shown per hop; the rest are summed into one line, largest shares first. */
export const MAX_ENDPOINT_ROWS = 20;
export const MAX_PRIORITY_ROWS = 12;
export const MAX_NAME_CHARS = 36;
export const MAX_LOCALITY_CHARS = 28;
export const MAX_MEANING_CHARS = 48;
export const MAX_HOP_NOTES = 3;

export function hopTitle(hop: Hop, index: number): string {
  return `*Hop ${index + 1}* · ${escapeMrkdwn(formatProxy(hop.from))} → ${code(hop.to)} · ${hop.layer}`;
}

/** The path as one line per hop, for the top of an answer. */
export function pathText(policy: EffectivePolicy): string {
  if (policy.hops.length === 0) return '*Path*\n_No hop: the client reaches no endpoint of this backend._';
  const lines = policy.hops.map(
    (hop, i) => `${i + 1}. ${escapeMrkdwn(formatProxy(hop.from))} → ${code(hop.to)} (${hop.layer})`,
  );
  return `*Path*\n${lines.join('\n')}`;
}

function trafficDistributionText(hop: Hop): string {
  const td = hop.trafficDistribution;
  const origin = td.resource === undefined ? '' : ` on ${escapeMrkdwn(formatRef(td.resource))}`;
  const field = td.field === undefined ? '' : ` ${code(td.field)}`;
  const written = td.writtenValue === undefined ? '' : ` (written ${code(td.writtenValue)})`;
  return `*Traffic distribution*\n${code(td.mode)}${written} from ${td.source}${origin}${field}`;
}

function outlierText(hop: Hop): string {
  const od = hop.outlierDetection;
  if (od === undefined) return '*Outlier detection*\nnone';
  const gateway =
    od.consecutiveGatewayErrors === undefined ? '' : `, ${od.consecutiveGatewayErrors} gateway errors`;
  return (
    `*Outlier detection*\n${od.consecutive5xxErrors} × 5xx${gateway} · every ${od.intervalSeconds}s · ` +
    `eject ${od.baseEjectionTimeSeconds}s · cap ${od.maxEjectionPercent}%`
  );
}

function localityText(hop: Hop): string {
  const lb = hop.localityLb;
  const state = lb.active ? 'active' : 'inactive';
  const reason = lb.reason === undefined ? '' : ` — ${escapeMrkdwn(lb.reason)}`;
  const order =
    lb.failoverPriority.length === 0 ? '' : `\norder: ${lb.failoverPriority.map(code).join(' › ')}`;
  return `*Locality LB*\n${lb.mode} (${state})${reason}${order}`;
}

export function hopFields(hop: Hop): string[] {
  const dr = hop.destinationRule === undefined ? 'none' : escapeMrkdwn(formatRef(hop.destinationRule));
  const applied =
    hop.destinationRuleFieldsApplied.length === 0
      ? ''
      : `\napplies: ${hop.destinationRuleFieldsApplied.map(code).join(', ')}`;
  return [
    trafficDistributionText(hop),
    `*DestinationRule in force*\n${dr}${applied}`,
    localityText(hop),
    `*Load balancer*\n${code(hop.loadBalancer)}`,
    outlierText(hop),
    `*Panic threshold · overprovisioning*\n${hop.panicThresholdPercent}% · ${hop.overprovisioningFactor}%`,
  ];
}

const shift = (before: number | undefined, after: number): string =>
  before === undefined || Math.abs(before - after) < 0.05
    ? formatPercent(after)
    : `${formatPercent(before)} → ${formatPercent(after)}`;

export function priorityTable(hop: Hop, baseline?: Hop): string {
  const byLevel = new Map<number, PriorityLevel>((baseline?.priorities ?? []).map((p) => [p.level, p]));
  const rows = hop.priorities
    .slice(0, MAX_PRIORITY_ROWS)
    .map((p) => [
      `P${p.level}`,
      `${p.healthy}/${p.endpoints}`,
      formatPercent(p.healthPercent),
      baseline === undefined
        ? formatPercent(p.loadPercent)
        : shift(byLevel.get(p.level)?.loadPercent ?? 0, p.loadPercent),
      p.panic ? 'PANIC' : '',
      p.meaning === undefined ? '' : shorten(p.meaning, MAX_MEANING_CHARS),
    ]);
  const more = hop.priorities.length - rows.length;
  const lines = table(
    [['prio', 'healthy', 'health', 'load', 'panic', 'meaning'], ...rows],
    ['left', 'right', 'right', 'right', 'left', 'left'],
  );
  if (more > 0) lines.push(`… ${more} more priority levels`);
  return `*Priorities*\n${codeBlock(lines)}`;
}

/** `region/zone/` with an empty subzone reads as `region/zone`. */
export const displayLocality = (locality: string | undefined): string => (locality ?? '').replace(/\/+$/, '');

const endpointKey = (e: EndpointShare): string => `${e.cluster ?? ''}/${e.name}`;

/** Matched by the name or address the user asked to eject; an endpoint sits on one hop of a path. */
function refusedByCap(endpoint: EndpointShare, ejections: readonly Ejection[]): boolean {
  return ejections.some(
    (e) =>
      e.outcome === 'REFUSED_BY_CAP' &&
      (e.endpoint === endpoint.name || (endpoint.address !== undefined && e.endpoint === endpoint.address)),
  );
}

function endpointState(endpoint: EndpointShare | undefined, refused: boolean): string {
  if (endpoint === undefined) return 'gone';
  if (endpoint.ejected) return 'ejected';
  if (refused) return 'refused by cap';
  return endpoint.healthy ? 'healthy' : 'unhealthy';
}

interface EndpointRow {
  readonly name: string;
  readonly locality: string;
  readonly priority: string;
  readonly before: number | undefined;
  readonly after: number;
  readonly state: string;
}

export function endpointTable(hop: Hop, baseline?: Hop, ejections: readonly Ejection[] = []): string {
  const before = new Map<string, EndpointShare>((baseline?.endpoints ?? []).map((e) => [endpointKey(e), e]));
  const seen = new Set<string>();
  const rows: EndpointRow[] = hop.endpoints.map((e) => {
    seen.add(endpointKey(e));
    return {
      name: e.name,
      locality: displayLocality(e.locality) || (e.cluster ?? ''),
      priority: `P${e.priority}`,
      before: baseline === undefined ? undefined : (before.get(endpointKey(e))?.sharePercent ?? 0),
      after: e.sharePercent,
      state: endpointState(e, refusedByCap(e, ejections)),
    };
  });
  // Endpoints the scenario removed (a failed locality) still show where their traffic came from.
  for (const [key, e] of before) {
    if (!seen.has(key))
      rows.push({
        name: e.name,
        locality: displayLocality(e.locality),
        priority: `P${e.priority}`,
        before: e.sharePercent,
        after: 0,
        state: 'gone',
      });
  }
  const shown =
    rows.length <= MAX_ENDPOINT_ROWS
      ? rows
      : [...rows]
          .sort((a, b) => b.after - a.after || (b.before ?? 0) - (a.before ?? 0))
          .slice(0, MAX_ENDPOINT_ROWS);
  const header = [
    'endpoint',
    'locality',
    'prio',
    baseline === undefined ? 'share' : 'share before → after',
    'state',
  ];
  const lines = table(
    [
      header,
      ...shown.map((r) => [
        shorten(r.name, MAX_NAME_CHARS),
        shorten(r.locality, MAX_LOCALITY_CHARS),
        r.priority,
        shift(r.before, r.after),
        r.state,
      ]),
    ],
    ['left', 'left', 'left', 'right', 'left'],
  );
  const hidden = rows.length - shown.length;
  if (hidden > 0) {
    const hiddenShare =
      rows.reduce((sum, r) => sum + r.after, 0) - shown.reduce((sum, r) => sum + r.after, 0);
    lines.push(`… ${hidden} more endpoints with ${formatPercent(hiddenShare)} of the traffic`);
  }
  if (rows.length === 0) lines.push('(no endpoints)');
  const unit = hop.shareUnit === 'REQUEST' ? 'request shares' : 'connection shares';
  return `*Endpoints* (${unit})\n${codeBlock(lines.map(escapeMrkdwn))}`;
}

/** The blocks of one hop; `baseline` and `ejections` turn it into a before/after comparison. */
export function renderHopBlocks(
  hop: Hop,
  index: number,
  baseline?: Hop,
  ejections: readonly Ejection[] = [],
): Block[] {
  const blocks: Block[] = [
    section(hopTitle(hop, index)),
    fieldsSection(hopFields(hop)),
    section(priorityTable(hop, baseline)),
    section(endpointTable(hop, baseline, ejections)),
  ];
  const notes = [
    ...(hop.droppedPercent > 0
      ? [`${formatPercent(hop.droppedPercent)} of this hop's traffic reaches no endpoint.`]
      : []),
    ...hop.notes.slice(0, MAX_HOP_NOTES),
  ];
  if (notes.length > 0) blocks.push(context(...notes.map(escapeMrkdwn)));
  return blocks;
}
