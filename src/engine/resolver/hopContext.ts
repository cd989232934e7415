/**
 * What a hop builder needs to know about the balancing proxy and the destination it balances over.
 */
import type { Proxy, ProxyKind } from '../model/answer.js';
import type { Labels, Locality, ResourceRef, ServiceEntryModel, ServiceModel } from '../model/meshModel.js';
import { augmentLabels, localityString, type TrafficDistributionTarget } from '../istio/index.js';
import type { EndpointCandidate } from './collectEndpoints.js';

export interface HopSource {
  readonly kind: ProxyKind;
  /** Pod (or ztunnel) name. */
  readonly name?: string;
  readonly cluster: string;
  readonly network: string;
  readonly locality: Locality;
  readonly node?: string;
  /** The proxy's config namespace: where its DestinationRule lookup starts. */
  readonly namespace: string;
  /** The proxy pod's own labels, before topology augmentation. */
  readonly labels: Labels;
}

export interface HopDestination {
  /** The hop's `to`: the waypoint's or the backend's host. */
  readonly host: string;
  readonly target: TrafficDistributionTarget;
  readonly kind: 'Service' | 'ServiceEntry';
  /** The Service whose settings apply (traffic distribution, internalTrafficPolicy…). */
  readonly primary?: ServiceModel;
  readonly serviceEntry?: ServiceEntryModel;
  readonly namespace: string;
  readonly endpoints: readonly EndpointCandidate[];
  /** The service port the request uses (port-level DR settings). */
  readonly port?: number;
  /**
   * The host whose DestinationRule the proxy applies. On a sidecar/ingress hop to a waypoint it is the
   * backend's host: the proxy's cluster is the backend's, with the waypoint as its endpoints (seed 000:
   * the backend rule "also applies to the path from the client to the waypoint").
   */
  readonly ruleHost: string;
  readonly ruleNamespace: string;
}

/** The answer's `Proxy` for a hop source. */
export function proxyOf(source: HopSource): Proxy {
  const locality = localityString(source.locality);
  return {
    kind: source.kind,
    ...(source.name !== undefined ? { name: source.name } : {}),
    cluster: source.cluster,
    ...(source.network !== '' ? { network: source.network } : {}),
    ...(locality !== '' ? { locality } : {}),
    ...(source.node !== undefined ? { node: source.node } : {}),
  };
}

/** The Service (else ServiceEntry) whose settings a destination follows, as findings name it. */
export function destinationTarget(destination: HopDestination): ResourceRef | undefined {
  if (destination.primary !== undefined) {
    const s = destination.primary;
    return { kind: 'Service', name: s.name, namespace: s.namespace, cluster: s.cluster };
  }
  const se = destination.serviceEntry;
  return se === undefined
    ? undefined
    : { kind: 'ServiceEntry', name: se.name, namespace: se.namespace, cluster: se.cluster };
}

/** The proxy's own labels plus the topology labels Istio adds for it (`augmentLabels`). */
export function sourceLabels(source: HopSource): Labels {
  return augmentLabels(source.labels, {
    locality: source.locality,
    cluster: source.cluster,
    network: source.network,
    ...(source.node !== undefined ? { nodeName: source.node } : {}),
  });
}
