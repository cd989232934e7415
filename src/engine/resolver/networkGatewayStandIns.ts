/**
 * Remote networks as an Envoy proxy really holds them (`pilot/pkg/xds/endpoints/ep_filters.go`
 * `EndpointsByNetworkFilter`, istio 1.30.3 and 1.31.0-rc.0; istio.md §1.3, §12 addendum): per locality
 * group, every endpoint on another network is replaced by one endpoint per east-west gateway of that
 * network, weighted by the summed weights of the endpoints it stands for, with no health status of its
 * own. Priority health, the ejection cap and errors are then computed on these hosts; the remote endpoints
 * stay listed, held by no proxy (`EXCLUDED`), with the gateway that carries their traffic.
 *
 * Gateways: `selectNetworkGateways` prefers the network's gateways in the endpoint's own cluster, else any
 * gateway of the network, and `splitWeightAmongGateways` divides the weight evenly (integer division).
 * With several gateways per network or cluster, upstream also scales every weight by
 * `GetLBWeightScaleFactor`; the shares are the same, so the scale is left out.
 *
 * Ambient multi-network (the east-west gateways here are ambient ones, class `istio-east-west`):
 * `AMBIENT_ENABLE_MULTI_NETWORK_INGRESS` (default false) keeps ingress gateways on their own network
 * upstream, so their remote endpoints are dropped; `..._WAYPOINT` (default true) lets waypoints cross.
 * SOLO's ingress gateways reach global services on every network (seed 002), so SOLO keeps them. A
 * network without an east-west gateway in the snapshot is left as it is (SPW0020 names it).
 */
import { augmentLabels, gatewayEndpointLabels, type DestinationRuleProxyKind } from '../istio/index.js';
import type { GatewayModel, Profile } from '../model/meshModel.js';
import type { EndpointHealth } from '../model/resolved.js';
import type { EndpointCandidate } from './collectEndpoints.js';
import type { CompiledMesh } from './compiledMesh.js';
import type { EdsEndpointView } from './edsEndpointView.js';
import type { HopSource } from './hopContext.js';
import { meshKey } from './meshKeys.js';

/** A gateway host standing in for remote endpoints: the view's index → the indexes it stands for. */
export interface NetworkGatewayView extends EdsEndpointView {
  readonly standIns: ReadonlyMap<number, readonly number[]>;
}

const byKey = (a: GatewayModel, b: GatewayModel): number => {
  const ka = meshKey(a.cluster, a.namespace, a.name);
  const kb = meshKey(b.cluster, b.namespace, b.name);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** `selectNetworkGateways`: the network's gateways in the endpoint's cluster, else all of the network's. */
function gatewaysFor(mesh: CompiledMesh, network: string, cluster: string): readonly GatewayModel[] {
  const all = [...(mesh.eastWestGatewaysByNetwork.get(network) ?? [])].sort(byKey);
  const own = all.filter((g) => g.cluster === cluster);
  return own.length > 0 ? own : all;
}

interface Bucket {
  readonly gateway: GatewayModel;
  readonly localityKey: string;
  readonly first: number;
  readonly members: number[];
  weight: number;
}

function standInCandidate(mesh: CompiledMesh, b: Bucket, view: EdsEndpointView): EndpointCandidate {
  const template = view.candidates[b.first];
  const gw = b.gateway;
  const network = mesh.clusters.get(gw.cluster)?.network ?? template?.network ?? '';
  const names = b.members.map((i) => view.candidates[i]?.name ?? '').join(', ');
  const ref = { kind: 'Gateway', name: gw.name, namespace: gw.namespace, cluster: gw.cluster };
  return {
    id: `${meshKey(gw.cluster, gw.namespace, gw.name)}@${b.localityKey}`,
    name: `${gw.name}.${gw.namespace} (${gw.cluster}) for ${names}`,
    cluster: gw.cluster,
    network,
    // Upstream keeps the stand-in in the remote endpoints' locality group (`Locality` of the group).
    locality: template?.locality ?? { region: '', zone: '', subzone: '' },
    workload: ref,
    labels: {},
    ready: true,
    terminating: false,
    status: { health: 'HEALTHY', reason: 'east-west gateway endpoint: EDS gives it no health status' },
    ztunnelHealthy: true,
    ztunnelReason: 'not a ztunnel candidate',
    weight: Math.max(1, b.weight),
    serviceRef: template?.serviceRef ?? ref,
  };
}

/**
 * Collapse the remote-network endpoints of an Envoy hop's EDS view into east-west gateway endpoints.
 *
 * @example a sidecar on network1, two helloworld pods on network2 in one zone → one gateway host, weight 2
 */
export function networkGatewayStandIns(
  mesh: CompiledMesh,
  view: EdsEndpointView,
  source: HopSource,
  profile: Profile,
  proxyKind: DestinationRuleProxyKind,
): NetworkGatewayView {
  if (view.crossNetwork.size === 0) return { ...view, standIns: new Map() };
  const health = [...view.health];
  const why = [...view.why];
  const buckets = new Map<string, Bucket>();
  const dropIngress = proxyKind === 'INGRESS_GATEWAY' && profile !== 'SOLO';
  for (const i of view.crossNetwork.keys()) {
    const e = view.candidates[i];
    const h = health[i];
    if (e === undefined || h === undefined || e.network === source.network) continue;
    const gateways = gatewaysFor(mesh, e.network, e.cluster);
    if (gateways.length === 0) continue;
    if (h === 'EXCLUDED' || h === 'DRAINING') continue;
    health[i] = 'EXCLUDED';
    if (dropIngress) {
      why[i] =
        `on network ${e.network}: ingress gateways keep traffic on their own network (AMBIENT_ENABLE_MULTI_NETWORK_INGRESS defaults to false), so EDS leaves it out (EndpointsByNetworkFilter)`;
      continue;
    }
    const localityKey = view.localityKeys[i] ?? '';
    const share = Math.floor(e.weight / gateways.length);
    for (const gateway of gateways) {
      const key = `${localityKey}\n${meshKey(gateway.cluster, gateway.namespace, gateway.name)}`;
      let b = buckets.get(key);
      if (b === undefined) buckets.set(key, (b = { gateway, localityKey, first: i, members: [], weight: 0 }));
      b.members.push(i);
      b.weight += share;
    }
    why[i] =
      `on network ${e.network}: EDS replaces it with the east-west gateway ${gateways.map((g) => `${g.namespace}/${g.name} (${g.cluster})`).join(', ')}, which carries its weight (EndpointsByNetworkFilter); it is no host of this proxy${h === 'UNHEALTHY' ? '; its weight still counts, since the gateway endpoint has no health of its own' : ''}`;
  }
  if (buckets.size === 0 && !dropIngress) return { ...view, standIns: new Map() };
  const candidates = [...view.candidates];
  const labels = [...view.labels];
  const localityKeys = [...view.localityKeys];
  // The replaced endpoints are no hosts: their reason already names the gateway, or why they are left out.
  const crossNetwork = new Map(
    [...view.crossNetwork].filter(([i]) => health[i] !== 'EXCLUDED' || view.health[i] === 'EXCLUDED'),
  );
  const standIns = new Map<number, readonly number[]>();
  for (const b of buckets.values()) {
    const c = standInCandidate(mesh, b, view);
    const index = candidates.length;
    candidates.push(c);
    health.push('HEALTHY' satisfies EndpointHealth);
    why.push(
      `east-west gateway for ${b.members.length.toString()} endpoint(s) on network ${c.network}, weight ${c.weight.toString()} (their summed weights); no health of its own: failures behind it reach the client as errors unless the remote side removes the endpoint`,
    );
    // Upstream: `AugmentLabels(nil, gw.Cluster, "", "", gw.Network)`; SOLO compares remote endpoints with
    // the peering gateway's locality (seed 002), as the view did for the endpoints themselves.
    const grouped = view.crossNetwork.get(b.first) ?? c.locality;
    labels.push(
      profile === 'SOLO'
        ? augmentLabels({}, { locality: grouped, cluster: c.cluster, network: c.network })
        : gatewayEndpointLabels(c.cluster, c.network),
    );
    localityKeys.push(view.localityKeys[b.first] ?? b.localityKey);
    crossNetwork.set(index, grouped);
    standIns.set(index, b.members);
  }
  return {
    candidates,
    health,
    why,
    labels,
    localityKeys,
    crossNetwork,
    classIndex: view.classIndex,
    classCount: view.classCount,
    standIns,
  };
}
