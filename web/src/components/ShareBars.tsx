/**
 * Where one hop's traffic goes: endpoints grouped by priority level, then by locality, each with a bar of its
 * share. Given a baseline hop, every row shows the baseline bar beside the scenario bar, and endpoints the
 * scenario removed (a failed locality) stay visible as "gone".
 */
import { useState } from 'preact/hooks';
import type { EndpointShare, Ejection, Hop, PriorityLevel } from '../api/types';
import { locality, percent, plural, words } from '../format';
import { seriesColour } from '../palette';

const key = (e: EndpointShare): string => `${e.cluster ?? ''}/${e.name}`;

/** Rows shown per locality before "show all": large services have hundreds of endpoints in one zone. */
export const ROWS_PER_LOCALITY = 40;

interface Row {
  readonly endpoint: EndpointShare;
  readonly before?: number;
  readonly after: number;
  readonly state: string;
}

function state(endpoint: EndpointShare | undefined, ejections: readonly Ejection[]): string {
  if (endpoint === undefined) return 'gone';
  if (endpoint.ejected) return 'ejected';
  const refused = ejections.some(
    (e) =>
      e.outcome === 'REFUSED_BY_CAP' && (e.endpoint === endpoint.name || e.endpoint === endpoint.address),
  );
  if (refused) return 'failing, kept by the ejection cap';
  // `healthy` is what the proxy counts; a failing endpoint it has not ejected still looks healthy to it.
  if (endpoint.failing === true) return 'failing, not ejected';
  return endpoint.healthy ? 'healthy' : 'unhealthy';
}

function Bar({
  value,
  colour,
  label,
  faint,
}: {
  readonly value: number;
  readonly colour: string;
  readonly label: string;
  readonly faint?: boolean;
}) {
  const width = Math.max(0, Math.min(100, value));
  return (
    <svg
      class={faint ? 'bar bar-baseline' : 'bar'}
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <rect class="bar-track" x="0" y="0" width="100" height="10" />
      <rect x="0" y="0" width={width} height="10" fill={faint ? '#9a9a9a' : colour} />
    </svg>
  );
}

function groupBy<T>(items: readonly T[], by: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = by(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

function PriorityHeading({
  level,
  baseline,
  compare,
}: {
  readonly level: PriorityLevel;
  readonly baseline: PriorityLevel | undefined;
  readonly compare: boolean;
}) {
  const load = compare
    ? `${percent(baseline?.loadPercent ?? 0)} → ${percent(level.loadPercent)}`
    : percent(level.loadPercent);
  return (
    <h5 class="priority-heading">
      <span class="swatch" data-priority={level.level} aria-hidden="true">
        <svg viewBox="0 0 10 10" width="12" height="12">
          <rect width="10" height="10" fill={seriesColour(level.level)} />
        </svg>
      </span>
      Priority {level.level}
      <span class="muted">
        {' '}
        · load {load} · {level.healthy}/{level.endpoints} healthy · health {percent(level.healthPercent, 0)}
        {level.panic && <strong class="panic"> · panic mode</strong>}
      </span>
      {level.meaning !== null && <span class="meaning">{level.meaning}</span>}
    </h5>
  );
}

function LocalityRows({
  where,
  rows,
  compare,
  unit,
}: {
  readonly where: string;
  readonly rows: readonly Row[];
  readonly compare: boolean;
  readonly unit: string;
}) {
  const [all, setAll] = useState(false);
  const largest = [...rows].sort((a, b) => b.after - a.after || (b.before ?? 0) - (a.before ?? 0));
  const shown = all || rows.length <= ROWS_PER_LOCALITY ? rows : largest.slice(0, ROWS_PER_LOCALITY);
  return (
    <div class="locality-group">
      <h6>
        {where}
        {rows[0]?.endpoint.cluster !== null && <span class="muted"> · {rows[0]?.endpoint.cluster}</span>}
      </h6>
      <table class="bars">
        <thead class="visually-hidden">
          <tr>
            <th scope="col">Endpoint</th>
            <th scope="col">{unit}</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr
              key={key(row.endpoint)}
              class={`endpoint endpoint-${row.state.split(',')[0]?.replaceAll(' ', '-')}`}
            >
              <th scope="row" class="endpoint-name" title={row.endpoint.priorityReason ?? undefined}>
                {row.endpoint.name}
                {row.endpoint.address !== null && <span class="muted small"> {row.endpoint.address}</span>}
              </th>
              <td class="bar-cell">
                {compare && (
                  <Bar value={row.before ?? 0} colour="" faint label={`baseline ${percent(row.before)}`} />
                )}
                <Bar
                  value={row.after}
                  colour={seriesColour(row.endpoint.priority)}
                  label={`${compare ? 'scenario ' : ''}${percent(row.after)}`}
                />
              </td>
              <td class="share-value">
                {compare ? (
                  <>
                    <span class="before">{percent(row.before)}</span> → <strong>{percent(row.after)}</strong>
                  </>
                ) : (
                  <strong>{percent(row.after)}</strong>
                )}
                {row.endpoint.utilizationPercent !== undefined && (
                  <span class="muted small">
                    {' · '}
                    {row.endpoint.utilizationPercent === null
                      ? 'capacity unknown'
                      : `utilisation ${percent(row.endpoint.utilizationPercent)}`}
                  </span>
                )}
              </td>
              <td class={`endpoint-state state-${row.state.split(',')[0]?.replaceAll(' ', '-')}`}>
                {row.state}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length < rows.length && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          Show all {rows.length} endpoints in {where} (the {shown.length} largest shares are shown)
        </button>
      )}
    </div>
  );
}

export function ShareBars({
  hop,
  index,
  baseline,
  ejections = [],
}: {
  readonly hop: Hop;
  readonly index: number;
  readonly baseline?: Hop;
  readonly ejections?: readonly Ejection[];
}) {
  const compare = baseline !== undefined;
  const before = new Map((baseline?.endpoints ?? []).map((e) => [key(e), e]));
  const rows: Row[] = hop.endpoints.map((endpoint) => ({
    endpoint,
    ...(compare ? { before: before.get(key(endpoint))?.sharePercent ?? 0 } : {}),
    after: endpoint.sharePercent,
    state: state(endpoint, ejections),
  }));
  const present = new Set(hop.endpoints.map(key));
  for (const [k, endpoint] of before) {
    if (!present.has(k)) rows.push({ endpoint, before: endpoint.sharePercent, after: 0, state: 'gone' });
  }
  const levels = new Map<number, PriorityLevel>(hop.priorities.map((p) => [p.level, p]));
  const baseLevels = new Map<number, PriorityLevel>((baseline?.priorities ?? []).map((p) => [p.level, p]));
  const byPriority = [...groupBy(rows, (r) => String(r.endpoint.priority)).entries()].sort(
    (a, b) => Number(a[0]) - Number(b[0]),
  );
  const unit = hop.shareUnit === 'REQUEST' ? 'request share' : 'connection share';
  return (
    <section class="share-bars" aria-label={`Hop ${index + 1} shares`}>
      <h4>
        Hop {index + 1}: {words(hop.from.kind)} {hop.from.name ?? ''} → <code>{hop.to}</code>
        <span class="muted">
          {' '}
          · {unit}s{compare ? ', baseline → scenario' : ''}
        </span>
      </h4>
      {rows.length === 0 && <p class="muted">No endpoint: nothing on this hop receives traffic.</p>}
      {byPriority.map(([priority, priorityRows]) => {
        const level = levels.get(Number(priority)) ?? baseLevels.get(Number(priority));
        return (
          <div class="priority-group" key={priority} data-priority={priority}>
            {level !== undefined && (
              <PriorityHeading level={level} baseline={baseLevels.get(level.level)} compare={compare} />
            )}
            {[...groupBy(priorityRows, (r) => locality(r.endpoint.locality)).entries()].map(
              ([where, localityRows]) => (
                <LocalityRows key={where} where={where} rows={localityRows} compare={compare} unit={unit} />
              ),
            )}
          </div>
        );
      })}
      {hop.droppedPercent > 0 && (
        <p class="warning">{percent(hop.droppedPercent)} of this hop's traffic reaches no endpoint.</p>
      )}
      <p class="muted small">{plural(hop.endpoints.length, 'endpoint')} on this hop.</p>
    </section>
  );
}
