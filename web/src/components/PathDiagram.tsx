/**
 * The request path as a picture: client → the proxy of each hop (ztunnel, sidecar, waypoint, gateway) → the
 * backend's endpoints. Each arrow is one hop, labelled with its layer, its traffic-distribution mode and where
 * that mode came from. A proxy reached over an earlier hop (a waypoint behind ztunnel) lists its replicas with
 * the share of connections each receives; the endpoints box shows where the client's requests end up, by
 * locality, when the server composes it end to end (`backendShares`, api.md Additions). Kinds are written
 * out, never told by colour alone; a text list repeats the picture for screen readers.
 */
import type { EffectivePolicy, EndpointShare, Hop, Proxy } from '../api/types';
import { locality, percent, plural, words } from '../format';

const BOX_WIDTH = 240;
/** The coloured heading band and the first text baseline below it. */
const BOX_HEADING = 46;
const BOX_LINE = 19;
const BOX_PADDING = 20;
/** A three-line box: arrows run at its middle whatever the tallest box. */
const BASE_BOX_HEIGHT = BOX_HEADING + BOX_PADDING + 2 * BOX_LINE;
/** Replicas or localities listed in a box before "+ N more". */
const MAX_LIST_LINES = 4;
const GAP = 160;
const MARGIN = 12;
const LABEL_LINE = 17;
const MAX_LABEL_CHARS = 32;

const KIND_COLOURS: Record<string, string> = {
  CLIENT: '#0072B2',
  ZTUNNEL: '#009E73',
  WAYPOINT: '#E69F00',
  SIDECAR: '#CC79A7',
  INGRESS_GATEWAY: '#56B4E9',
  ENDPOINTS: '#444444',
  NONE: '#777777',
};

interface DiagramNode {
  readonly kind: string;
  readonly heading: string;
  readonly lines: readonly string[];
  readonly full: string;
}

function shorten(text: string): string {
  if (text.length <= MAX_LABEL_CHARS) return text;
  const half = Math.floor((MAX_LABEL_CHARS - 1) / 2);
  return `${text.slice(0, half)}…${text.slice(text.length - half)}`;
}

/** Up to MAX_LIST_LINES lines, the last saying how many were left out. */
function capped(lines: readonly string[], what: string): string[] {
  if (lines.length <= MAX_LIST_LINES) return [...lines];
  return [...lines.slice(0, MAX_LIST_LINES - 1), `+ ${lines.length - MAX_LIST_LINES + 1} more ${what}`];
}

/** Each replica of a proxy reached over the previous hop, with the share of that hop's traffic it gets. */
export function replicaLines(replicas: readonly EndpointShare[]): string[] {
  if (replicas.length < 2) return [];
  const sorted = [...replicas].sort((a, b) => b.sharePercent - a.sharePercent);
  return capped(
    sorted.map((r) => {
      const state = r.ejected ? ' (ejected)' : r.healthy ? '' : ' (unhealthy)';
      return `${percent(r.sharePercent)} ${r.name}${state}`;
    }),
    'replicas',
  );
}

function proxyNode(proxy: Proxy, replicas: readonly EndpointShare[] | undefined): DiagramNode {
  const name = proxy.name ?? (proxy.node === null ? '' : `on ${proxy.node}`);
  const place = proxy.locality === null ? '' : locality(proxy.locality);
  const cluster = [proxy.cluster ?? '', replicas === undefined ? '' : plural(replicas.length, 'replica')]
    .filter((part) => part !== '')
    .join(' · ');
  const perReplica = replicaLines(replicas ?? []);
  const lines = [name, place, cluster, ...perReplica].filter((line) => line !== '');
  return {
    kind: proxy.kind,
    heading: words(proxy.kind),
    lines,
    full: `${words(proxy.kind)} ${[name, place, cluster].filter((l) => l !== '').join(', ')}${
      perReplica.length > 0 ? `; replicas: ${perReplica.join(', ')}` : ''
    }`,
  };
}

/** Where the client's requests end up, summed per locality (`backendShares`). */
export function compositionLines(backendShares: readonly EndpointShare[]): string[] {
  const byLocality = new Map<string, number>();
  for (const e of backendShares) {
    const where = locality(e.locality);
    byLocality.set(where, (byLocality.get(where) ?? 0) + e.sharePercent);
  }
  return capped(
    [...byLocality.entries()]
      .filter(([, share]) => share > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([where, share]) => `${percent(share)} ${where}`),
    'localities',
  );
}

function endpointsNode(hop: Hop, backendShares: readonly EndpointShare[] | undefined): DiagramNode {
  const ejected = hop.endpoints.filter((e) => e.ejected).length;
  const unhealthy = hop.endpoints.filter((e) => !e.healthy && !e.ejected).length;
  const state = [ejected > 0 ? `${ejected} ejected` : '', unhealthy > 0 ? `${unhealthy} unhealthy` : '']
    .filter((s) => s !== '')
    .join(' · ');
  const lines = [
    hop.to,
    `${plural(hop.endpoints.length, 'endpoint')} · ${plural(hop.priorities.length, 'priority', 'priorities')}`,
    ...(state === '' ? [] : [state]),
  ];
  const composition = backendShares === undefined ? [] : compositionLines(backendShares);
  return {
    kind: 'ENDPOINTS',
    heading: 'endpoints',
    lines: [...lines, ...(composition.length > 0 ? ['end to end:', ...composition] : [])],
    full: `endpoints of ${lines.join(', ')}${
      composition.length > 0 ? `; the client's requests end to end: ${composition.join(', ')}` : ''
    }`,
  };
}

export function diagramNodes(policy: EffectivePolicy): DiagramNode[] {
  const client = policy.client;
  const clientName = client.namespace === null ? client.name : `${client.namespace}/${client.name}`;
  const nodes: DiagramNode[] = [
    {
      kind: 'CLIENT',
      heading: 'client',
      lines: [clientName, client.cluster ?? ''].filter((l) => l !== ''),
      full: `client ${clientName}`,
    },
  ];
  policy.hops.forEach((hop, index) => {
    const previous = index > 0 ? policy.hops[index - 1] : undefined;
    nodes.push(proxyNode(hop.from, previous?.endpoints));
  });
  const last = policy.hops.at(-1);
  if (last !== undefined) nodes.push(endpointsNode(last, policy.backendShares));
  return nodes;
}

export function hopLabel(hop: Hop, index: number): string[] {
  const unit = hop.shareUnit === 'REQUEST' ? 'requests' : 'connections';
  return [
    `hop ${index + 1} · ${hop.layer} · ${unit}`,
    hop.trafficDistribution.mode,
    `from ${words(hop.trafficDistribution.source)}`,
    ...(hop.droppedPercent > 0 ? [`${percent(hop.droppedPercent)} reach no endpoint`] : []),
  ];
}

export function PathDiagram({ policy, title }: { readonly policy: EffectivePolicy; readonly title: string }) {
  const nodes = diagramNodes(policy);
  const BOX_HEIGHT =
    BOX_HEADING + BOX_PADDING + (Math.max(3, ...nodes.map((n) => n.lines.length)) - 1) * BOX_LINE;
  const labelLines = Math.max(2, ...policy.hops.map((hop, i) => hopLabel(hop, i).length));
  // Edge labels sit above the arrows (mid-height of the boxes); leave room for the tallest.
  const TOP = Math.max(16, (labelLines - 1) * LABEL_LINE - BASE_BOX_HEIGHT / 2 + 34);
  const width = MARGIN * 2 + nodes.length * BOX_WIDTH + (nodes.length - 1) * GAP;
  const height = TOP + BOX_HEIGHT + MARGIN;
  const x = (i: number): number => MARGIN + i * (BOX_WIDTH + GAP);
  // Arrows run at the height of a box's first lines, so taller boxes (many replicas) grow downwards.
  const mid = TOP + BASE_BOX_HEIGHT / 2;
  const titleId = `path-title-${title.replace(/\W+/g, '-')}`;
  return (
    <figure class="path-diagram">
      <div class="svg-scroll">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-labelledby={titleId}
          class="path-svg"
        >
          <title id={titleId}>{`${title}: ${nodes.map((n) => n.full).join(' → ')}`}</title>
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="8"
              markerHeight="8"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="#333" />
            </marker>
          </defs>
          {nodes.slice(1).map((_, index) => {
            const hop = index === 0 ? undefined : policy.hops[index - 1];
            const x1 = x(index) + BOX_WIDTH;
            const x2 = x(index + 1);
            const labels =
              hop === undefined
                ? ['outbound', policy.hops[0]?.from.kind === 'SIDECAR' ? 'in-pod' : 'captured']
                : hopLabel(hop, index - 1);
            const dropped = hop !== undefined && hop.droppedPercent > 0;
            return (
              <g key={`edge-${index}`} class="edge">
                <path
                  d={`M${x1},${mid} L${x2 - 2},${mid}`}
                  stroke={dropped ? '#D55E00' : '#333'}
                  stroke-width={hop === undefined ? 1.5 : 2.5}
                  stroke-dasharray={hop === undefined ? '4 3' : dropped ? '8 4' : ''}
                  fill="none"
                  marker-end="url(#arrow)"
                />
                {labels.map((line, l) => (
                  <text
                    key={l}
                    x={(x1 + x2) / 2}
                    y={mid - 10 - (labels.length - 1 - l) * LABEL_LINE}
                    text-anchor="middle"
                    class={l === 1 ? 'edge-mode' : 'edge-label'}
                  >
                    {line}
                  </text>
                ))}
              </g>
            );
          })}
          {nodes.map((node, index) => (
            <g key={`node-${index}`} class="node">
              <title>{node.full}</title>
              <rect
                x={x(index)}
                y={TOP}
                width={BOX_WIDTH}
                height={BOX_HEIGHT}
                rx={8}
                fill="#ffffff"
                stroke={KIND_COLOURS[node.kind] ?? '#777'}
                stroke-width={3}
              />
              <rect
                x={x(index)}
                y={TOP}
                width={BOX_WIDTH}
                height={26}
                rx={8}
                fill={KIND_COLOURS[node.kind] ?? '#777'}
              />
              <text x={x(index) + 10} y={TOP + 18} class="node-kind">
                {node.heading}
              </text>
              {node.lines.map((line, l) => (
                <text
                  key={l}
                  x={x(index) + 10}
                  y={TOP + BOX_HEADING + l * BOX_LINE}
                  class={l === 0 ? 'node-name' : 'node-line'}
                >
                  {shorten(line)}
                </text>
              ))}
            </g>
          ))}
        </svg>
      </div>
      <figcaption>
        <ol class="visually-hidden">
          {nodes.map((node, index) => (
            <li key={index}>{node.full}</li>
          ))}
          {policy.hops.map((hop, index) => (
            <li key={`hop-${index}`}>{hopLabel(hop, index).join(', ')}</li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}
