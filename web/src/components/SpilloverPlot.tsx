/**
 * How a hop's load spreads over its priority levels as offered load rises (WhatIf.sweep): one line per
 * priority level and one for overflow, in percent of the hop's traffic, over the load factor; where the server
 * has the load model's fields (api.md Additions), also the busiest endpoint's utilisation (with the 100 %
 * capacity line) and the share of the hop's requests that meet a saturated endpoint. A null value (capacity
 * unknown) leaves a gap, never a guessed point. Each series has its own colour, dash and marker; the same
 * numbers are in a table below the plot.
 */
import { useState } from 'preact/hooks';
import type { Hop, SweepPoint } from '../api/types';
import { factor, percent, words } from '../format';
import {
  ERROR_COLOUR,
  OVERFLOW_COLOUR,
  SATURATION_COLOUR,
  UTILIZATION_COLOUR,
  seriesColour,
  seriesDash,
  seriesMarker,
  type Marker,
} from '../palette';

const WIDTH = 980;
const UTILIZATION_SERIES = 'utilisation, busiest endpoint';
const HEIGHT = 380;
const PAD = { left: 64, right: 170, top: 20, bottom: 52 };
const Y_TICKS = [0, 25, 50, 75, 100];

interface Series {
  readonly name: string;
  readonly colour: string;
  readonly dash: string;
  readonly marker: Marker;
  /** null: not known at this point (capacity unknown); the line breaks there. */
  readonly values: readonly (number | null)[];
}

/** The load model's series, present only when the server sends the field and knows the capacity somewhere. */
export function loadModelSeries(sweep: readonly SweepPoint[], hopIndex: number): Series[] {
  const hop = (p: SweepPoint) => p.hops.find((h) => h.hop === hopIndex);
  const utilization = sweep.map((p) => hop(p)?.maxUtilizationPercent);
  const saturated = sweep.map((p) => hop(p)?.saturatedPercent);
  const known = (values: readonly (number | null | undefined)[]): boolean =>
    values.some((v) => typeof v === 'number');
  return [
    ...(known(utilization)
      ? [
          {
            name: UTILIZATION_SERIES,
            colour: UTILIZATION_COLOUR,
            dash: '10 3 2 3',
            marker: 'square' as const,
            values: utilization.map((v) => v ?? null),
          },
        ]
      : []),
    ...(known(saturated)
      ? [
          {
            name: 'saturated requests',
            colour: SATURATION_COLOUR,
            dash: '6 2 2 2',
            marker: 'triangle' as const,
            values: saturated.map((v) => v ?? null),
          },
        ]
      : []),
  ];
}

/**
 * The request's error rate over every hop (SweepPoint.errorPercent), where the server sends it: not a hop's
 * figure, so the same line whichever hop is plotted.
 */
export function requestSeries(sweep: readonly SweepPoint[]): Series[] {
  if (sweep[0]?.errorPercent === undefined) return [];
  return [
    {
      name: 'request errors, all hops',
      colour: ERROR_COLOUR,
      dash: '12 2',
      marker: 'circle',
      values: sweep.map((p) => p.errorPercent ?? null),
    },
  ];
}

/** Whether the server sent the load model's fields but could not fill them: capacity unknown. */
export function capacityUnknown(sweep: readonly SweepPoint[], hopIndex: number): boolean {
  const first = sweep[0];
  if (first === undefined) return false;
  const sent = first.hops.some(
    (h) => h.hop === hopIndex && (h.maxUtilizationPercent !== undefined || h.saturatedPercent !== undefined),
  );
  return sent && loadModelSeries(sweep, hopIndex).length === 0;
}

function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number) {
  let pen = 'M';
  const parts: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      pen = 'M';
      return;
    }
    parts.push(`${pen}${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    pen = 'L';
  });
  return parts.join(' ');
}

function markerPath(marker: Marker, x: number, y: number): string {
  const r = 4;
  switch (marker) {
    case 'circle':
      return `M${x - r},${y} a${r},${r} 0 1,0 ${2 * r},0 a${r},${r} 0 1,0 ${-2 * r},0`;
    case 'square':
      return `M${x - r},${y - r} h${2 * r} v${2 * r} h${-2 * r} z`;
    case 'triangle':
      return `M${x},${y - r - 1} L${x + r + 1},${y + r} L${x - r - 1},${y + r} z`;
    case 'diamond':
      return `M${x},${y - r - 1} L${x + r + 1},${y} L${x},${y + r + 1} L${x - r - 1},${y} z`;
  }
}

function niceTicks(from: number, to: number): number[] {
  const span = to - from;
  if (span <= 0) return [from];
  const raw = span / 6;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to + 1e-9; t += step) ticks.push(Number(t.toFixed(6)));
  return ticks;
}

/** The hop whose spillover is worth looking at first: the last with more than one priority level. */
export function defaultPlotHop(hops: readonly Hop[]): number {
  for (let i = hops.length - 1; i >= 0; i -= 1) if ((hops[i]?.priorities.length ?? 0) > 1) return i;
  return Math.max(0, hops.length - 1);
}

export function SpilloverPlot({
  sweep,
  hops,
  currentLoad,
}: {
  readonly sweep: readonly SweepPoint[];
  readonly hops: readonly Hop[];
  readonly currentLoad: number;
}) {
  const [hopIndex, setHopIndex] = useState(() => defaultPlotHop(hops));
  if (sweep.length === 0 || hops.length === 0) return <p class="muted">No sweep points.</p>;
  const points = sweep.map((p) => ({
    loadFactor: p.loadFactor,
    hop: p.hops.find((h) => h.hop === hopIndex),
  }));
  const levels = Math.max(0, ...points.map((p) => p.hop?.loads.length ?? 0));
  const series: Series[] = [
    ...Array.from({ length: levels }, (_, level) => ({
      name: `priority ${level}`,
      colour: seriesColour(level),
      dash: seriesDash(level),
      marker: seriesMarker(level),
      values: points.map((p) => p.hop?.loads[level] ?? 0),
    })),
    {
      name: 'overflow',
      colour: OVERFLOW_COLOUR,
      dash: '3 3',
      marker: 'diamond' as const,
      values: points.map((p) => p.hop?.overflowPercent ?? 0),
    },
    ...loadModelSeries(sweep, hopIndex),
    ...requestSeries(sweep),
  ];
  const showsEjected = sweep[0]?.ejectedEndpoints !== undefined;
  // Null at every point without `overload` in the scenario: no column then.
  const showsCascade = sweep.some((p) => typeof p.cascade === 'string');
  const showsUtilization = series.some((s) => s.name === UTILIZATION_SERIES);
  const xs = points.map((p) => p.loadFactor);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yMax = Math.max(100, ...series.flatMap((s) => s.values.filter((v) => v !== null)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const sx = (v: number): number =>
    PAD.left + (xMax === xMin ? plotW / 2 : ((v - xMin) / (xMax - xMin)) * plotW);
  const sy = (v: number): number => PAD.top + plotH - (v / yMax) * plotH;
  const markerEvery = Math.max(1, Math.ceil(points.length / 10));
  const hop = hops[hopIndex];
  const at = points.reduce(
    (best, p, i) =>
      Math.abs(p.loadFactor - currentLoad) < Math.abs((points[best]?.loadFactor ?? 0) - currentLoad)
        ? i
        : best,
    0,
  );
  const summary = series.map((s) => `${s.name} ${percent(s.values[at])}`).join(', ');
  // The scenario's own figures are exact at its load; the plotted points are a grid around it.
  const scenarioLoads = (hop?.priorities ?? [])
    .map((p) => `priority ${p.level} ${percent(p.loadPercent)}`)
    .join(', ');
  return (
    <figure class="spillover">
      <div class="plot-controls">
        <label for="plot-hop">Hop</label>
        <select
          id="plot-hop"
          value={String(hopIndex)}
          onChange={(event) => setHopIndex(Number(event.currentTarget.value))}
        >
          {hops.map((h, i) => (
            <option key={i} value={String(i)}>
              {i + 1}: {words(h.from.kind)} → {h.to}
            </option>
          ))}
        </select>
      </div>
      <div class="svg-scroll">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width={WIDTH}
          height={HEIGHT}
          role="img"
          aria-labelledby="spill-title"
          class="plot-svg"
        >
          <title id="spill-title">
            {`Spillover on hop ${hopIndex + 1} (${hop?.to ?? ''}) from load ${factor(xMin)} to ${factor(xMax)}. At ${factor(points[at]?.loadFactor ?? currentLoad)}: ${summary}.`}
          </title>
          {Y_TICKS.map((t) => (t / 100) * yMax).map((t) => (
            <g key={`y-${t}`} class="tick">
              <line x1={PAD.left} x2={PAD.left + plotW} y1={sy(t)} y2={sy(t)} stroke="#ddd" />
              <text x={PAD.left - 8} y={sy(t) + 4} text-anchor="end">
                {percent(t, 0)}
              </text>
            </g>
          ))}
          {niceTicks(xMin, xMax).map((t) => (
            <g key={`x-${t}`} class="tick">
              <line x1={sx(t)} x2={sx(t)} y1={PAD.top + plotH} y2={PAD.top + plotH + 5} stroke="#555" />
              <text x={sx(t)} y={PAD.top + plotH + 20} text-anchor="middle">
                {factor(t)}
              </text>
            </g>
          ))}
          <line x1={PAD.left} x2={PAD.left + plotW} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="#555" />
          <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + plotH} stroke="#555" />
          <text x={PAD.left + plotW / 2} y={HEIGHT - 10} text-anchor="middle" class="axis-label">
            load factor (offered ÷ nominal load)
          </text>
          <text
            transform={`translate(16 ${PAD.top + plotH / 2}) rotate(-90)`}
            text-anchor="middle"
            class="axis-label"
          >
            {showsUtilization ? '% (traffic, requests, utilisation)' : "% of the hop's traffic"}
          </text>
          {showsUtilization && (
            <g class="capacity">
              <line
                x1={PAD.left}
                x2={PAD.left + plotW}
                y1={sy(100)}
                y2={sy(100)}
                stroke={UTILIZATION_COLOUR}
                stroke-width={1}
                stroke-dasharray="1 3"
              />
              <text x={PAD.left + 4} y={sy(100) - 4} class="small-label">
                capacity: 100 % utilisation
              </text>
            </g>
          )}
          {currentLoad >= xMin && currentLoad <= xMax && (
            <g class="current">
              <line
                x1={sx(currentLoad)}
                x2={sx(currentLoad)}
                y1={PAD.top}
                y2={PAD.top + plotH}
                stroke="#333"
                stroke-dasharray="2 4"
              />
              <text x={sx(currentLoad) + 4} y={PAD.top + 12} class="small-label">
                scenario {factor(currentLoad)}
              </text>
            </g>
          )}
          {series.map((s) => (
            <g key={s.name} class="series" data-series={s.name}>
              <path
                d={linePath(s.values, (i) => sx(xs[i] ?? 0), sy)}
                fill="none"
                stroke={s.colour}
                stroke-width={2.5}
                stroke-dasharray={s.dash}
              />
              {s.values.map((v, i) =>
                v !== null && (i % markerEvery === 0 || i === s.values.length - 1) ? (
                  <path
                    key={i}
                    d={markerPath(s.marker, sx(xs[i] ?? 0), sy(v))}
                    fill={s.colour}
                    stroke="#fff"
                    stroke-width={1}
                  />
                ) : null,
              )}
            </g>
          ))}
          {series.map((s, i) => (
            <g
              key={`legend-${s.name}`}
              class="legend"
              transform={`translate(${PAD.left + plotW + 16} ${PAD.top + 10 + i * 24})`}
            >
              <line
                x1={0}
                x2={30}
                y1={0}
                y2={0}
                stroke={s.colour}
                stroke-width={2.5}
                stroke-dasharray={s.dash}
              />
              <path d={markerPath(s.marker, 15, 0)} fill={s.colour} stroke="#fff" />
              <text x={38} y={4}>
                {s.name}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption>
        Hop {hopIndex + 1}, {hop === undefined ? '' : `${words(hop.from.kind)} → ${hop.to}`}, under the
        scenario at {factor(currentLoad)}: {scenarioLoads}. Priority loads, overflow and saturated requests
        are in percent of the hop's traffic (saturated: those that meet an endpoint beyond its capacity),
        utilisation in percent of the busiest endpoint's capacity; request errors in percent of the client's
        requests, over every hop. Envoy moves traffic between priorities on health only; the other series come
        from the load model (see the notes).
        {capacityUnknown(sweep, hopIndex) && (
          <strong class="capacity-unknown">
            {' '}
            Capacity is unknown, so utilisation and saturation are not plotted: give the endpoints'
            utilisation at nominal load in the what-if panel, or scale the backend with a
            HorizontalPodAutoscaler.
          </strong>
        )}
      </figcaption>
      <details>
        <summary>Show the numbers as a table</summary>
        <div class="table-scroll">
          <table class="sweep-table">
            <thead>
              <tr>
                <th scope="col">load factor</th>
                {series.map((s) => (
                  <th scope="col" key={s.name}>
                    {s.name}
                  </th>
                ))}
                {showsEjected && <th scope="col">ejected endpoints</th>}
                {showsCascade && <th scope="col">overload cascade</th>}
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={p.loadFactor}>
                  <th scope="row">{factor(p.loadFactor)}</th>
                  {series.map((s) => (
                    <td key={s.name}>{percent(s.values[i])}</td>
                  ))}
                  {showsEjected && <td class="ejected-count">{sweep[i]?.ejectedEndpoints ?? ''}</td>}
                  {showsCascade && <td class="cascade">{words(sweep[i]?.cascade ?? '—')}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
