/**
 * The topology label keys Istio puts on proxies and endpoints before comparing them
 * (`pilot/pkg/serviceregistry/util/label/label.go` `AugmentLabels`, istio.md §1.1–1.3).
 */
import type { Labels, Locality } from '../model/meshModel.js';

export const LABEL_REGION = 'topology.kubernetes.io/region';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_SUBZONE = 'topology.istio.io/subzone';
export const LABEL_CLUSTER = 'topology.istio.io/cluster';
export const LABEL_NETWORK = 'topology.istio.io/network';
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

/** Region, zone and subzone keys: validation rejects them in failoverPriority next to `failover` rules. */
export const LOCALITY_LABEL_KEYS: readonly string[] = [LABEL_REGION, LABEL_ZONE, LABEL_SUBZONE];

export interface TopologyIdentity {
  readonly locality: Locality;
  readonly cluster: string;
  /** Node name; WorkloadEntries and gateway endpoints have none. */
  readonly nodeName?: string;
  readonly network: string;
}

/**
 * The labels a proxy or endpoint carries once istiod augments them: region/zone/subzone from the
 * locality (only when non-empty), the cluster id, the node name, and the network, which never overrides
 * a network label already present (a pod or namespace label wins). `AugmentLabels`, istio.md §1.1/§1.2.
 *
 * @example augmentLabels({ app: 'a' }, { locality: { region: 'r1', zone: '', subzone: '' }, cluster: 'c1', network: 'n1' })
 *   // → { app: 'a', 'topology.kubernetes.io/region': 'r1', 'topology.istio.io/cluster': 'c1', 'topology.istio.io/network': 'n1' }
 */
export function augmentLabels(labels: Labels, identity: TopologyIdentity): Labels {
  const out: Record<string, string> = { ...labels };
  if (identity.locality.region !== '') out[LABEL_REGION] = identity.locality.region;
  if (identity.locality.zone !== '') out[LABEL_ZONE] = identity.locality.zone;
  if (identity.locality.subzone !== '') out[LABEL_SUBZONE] = identity.locality.subzone;
  if (identity.cluster !== '') out[LABEL_CLUSTER] = identity.cluster;
  if (identity.nodeName !== undefined && identity.nodeName !== '') out[LABEL_HOSTNAME] = identity.nodeName;
  if (identity.network !== '' && out[LABEL_NETWORK] === undefined) out[LABEL_NETWORK] = identity.network;
  return out;
}

/**
 * Labels of the gateway endpoint that stands in for an endpoint on another network: only the cluster
 * and network, so it never matches region, zone or hostname in failoverPriority. It stays in the
 * original locality group. `EndpointsByNetworkFilter` (`ep_filters.go`), istio.md §1.3.
 */
export function gatewayEndpointLabels(gatewayCluster: string, gatewayNetwork: string): Labels {
  return augmentLabels(
    {},
    { locality: { region: '', zone: '', subzone: '' }, cluster: gatewayCluster, network: gatewayNetwork },
  );
}

/** `region/zone/subzone` with trailing empty segments dropped, as Istio prints localities. */
export function localityString(locality: Locality | null | undefined): string {
  if (locality === null || locality === undefined) return '';
  const parts = [locality.region, locality.zone, locality.subzone];
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.join('/');
}

/** Parse `region/zone/subzone`; missing segments are `''` (`util.ConvertLocality`). */
export function parseLocality(value: string): Locality {
  const [region = '', zone = '', subzone = ''] = value.split('/');
  return { region, zone, subzone };
}
