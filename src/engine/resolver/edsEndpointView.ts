/**
 * The endpoints of a destination as EDS hands them to one Envoy proxy: each endpoint's health (or its
 * absence: `EXCLUDED`), the labels priority assignment compares, and the locality group it lands in
 * (`endpoint_builder.go`, istio.md §1.3, §4.2). Cross-network endpoints become east-west gateway
 * stand-ins: upstream they carry only cluster + network labels in their original locality group; Solo
 * takes their locality from the peering gateway (seed 002).
 */
import {
  augmentLabels,
  gatewayEndpointLabels,
  localityString,
  notReadyEndpointHealth,
  supportsDrainingEndpoints,
  type DestinationRuleProxyKind,
  type TrafficDistributionMode,
  type TrafficPolicyResolution,
} from '../istio/index.js';
import type { Labels, Locality, Profile } from '../model/meshModel.js';
import type { EndpointHealth } from '../model/resolved.js';
import { candidateTopology } from './candidateTopology.js';
import type { EndpointCandidate } from './collectEndpoints.js';
import type { CompiledMesh } from './compiledMesh.js';
import { eastWestGatewayFor, eastWestLocality } from './eastWestGateway.js';
import type { HopDestination, HopSource } from './hopContext.js';

/**
 * Every endpoint's view, as arrays indexed like the candidates (one object per endpoint would be
 * thousands of short-lived objects per query).
 */
export interface EdsEndpointView {
  readonly candidates: readonly EndpointCandidate[];
  readonly health: readonly EndpointHealth[];
  readonly why: readonly (string | undefined)[];
  readonly labels: readonly Labels[];
  /** `localityString` of the locality each endpoint is grouped in. */
  readonly localityKeys: readonly string[];
  /** Cross-network endpoints: index → the locality they are grouped in; every other endpoint uses its own. */
  readonly crossNetwork: ReadonlyMap<number, Locality>;
  /** `CandidateTopology.classIndex`/`classCount`: valid for every endpoint not in `crossNetwork`. */
  readonly classIndex: Int32Array;
  readonly classCount: number;
}

/**
 * @example edsEndpointView(mesh, waypointSource, inAmbient, 'SOLO', 'Any', 'WAYPOINT', outlier).health
 *   // → ['HEALTHY', 'HEALTHY', 'HEALTHY']
 */
export function edsEndpointView(
  mesh: CompiledMesh,
  source: HopSource,
  destination: HopDestination,
  profile: Profile,
  mode: TrafficDistributionMode,
  proxyKind: DestinationRuleProxyKind,
  outlier: TrafficPolicyResolution['policy']['outlierDetection'],
): EdsEndpointView {
  const nodeLocal = destination.primary?.internalTrafficPolicy === 'Local';
  const persistentSession =
    destination.primary !== undefined && supportsDrainingEndpoints(destination.primary.labels);
  const candidates = destination.endpoints;
  const topology = candidateTopology(candidates);
  // Shared with every query until a cross-network endpoint needs its own entry.
  let ownLabels: Labels[] | undefined;
  let ownKeys: string[] | undefined;
  const crossNetwork = new Map<number, Locality>();
  const health: EndpointHealth[] = [];
  const why: (string | undefined)[] = [];
  // The same for every endpoint of the hop: it depends on the profile, mode, proxy and rule only.
  let notReady: { readonly health: EndpointHealth; readonly why: string } | undefined;
  for (let i = 0; i < candidates.length; i += 1) {
    const e = candidates[i];
    if (e === undefined) continue;
    if (e.network !== source.network && e.network !== '' && source.network !== '') {
      ownLabels ??= topology.labels.slice();
      ownKeys ??= topology.localityKeys.slice();
      // Solo: the peering gateway's locality, or the endpoint's own when the snapshot lacks the gateway
      // (flat networks exchange WorkloadEntries that carry it).
      const gwLocality = eastWestLocality(eastWestGatewayFor(mesh, e.network)) ?? e.locality;
      if (profile === 'SOLO') {
        ownLabels[i] = augmentLabels({}, { locality: gwLocality, cluster: e.cluster, network: e.network });
        ownKeys[i] = localityString(gwLocality);
        crossNetwork.set(i, gwLocality);
      } else {
        ownLabels[i] = gatewayEndpointLabels(e.cluster, e.network);
        crossNetwork.set(i, e.locality);
      }
    }
    if (nodeLocal && e.node !== source.node) {
      health.push('EXCLUDED');
      why.push(`internalTrafficPolicy Local: not on the proxy's node ${source.node ?? '(unknown)'}`);
      continue;
    }
    switch (e.status.health) {
      case 'HEALTHY':
        health.push('HEALTHY');
        why.push(undefined);
        break;
      case 'UNHEALTHY': {
        if (notReady === undefined) {
          const h = notReadyEndpointHealth({
            profile,
            mode,
            proxyKind,
            ...(outlier !== undefined ? { outlierDetection: outlier } : {}),
          });
          notReady = { health: h.health === 'UNHEALTHY' ? 'UNHEALTHY' : 'EXCLUDED', why: h.reason };
        }
        health.push(notReady.health);
        why.push(`${e.status.reason}: ${notReady.why}`);
        break;
      }
      case 'TERMINATING':
        health.push('EXCLUDED');
        why.push(
          `${e.status.reason}: left out of EDS, which never sends terminating endpoints, not even when it sends unhealthy ones (filterIstioEndpoint)`,
        );
        break;
      case 'DRAINING':
        if (persistentSession) {
          health.push('DRAINING');
          why.push(
            `${e.status.reason}: sent as DRAINING to this persistent-session service; Envoy holds it excluded and sends it traffic only in panic`,
          );
        } else {
          health.push('EXCLUDED');
          why.push(
            `${e.status.reason}: left out of EDS, which sends draining endpoints only to persistent-session services`,
          );
        }
        break;
    }
  }
  return {
    candidates,
    health,
    why,
    labels: ownLabels ?? topology.labels,
    localityKeys: ownKeys ?? topology.localityKeys,
    crossNetwork,
    classIndex: topology.classIndex,
    classCount: topology.classCount,
  };
}
