import type { DestinationRuleProxyKind } from '../../istio/index.js';
import type { AnalysisCheck } from '../check.js';

/**
 * SPW0020. Cross-network endpoints are reached through their network's east-west gateway. Snapshots are
 * often per-cluster dumps without the remote gateway, so the resolver keeps the endpoints, with their own
 * locality, and says what upstream does when the gateway is really missing, which depends on the proxy
 * (`pilot/pkg/xds/endpoints/ep_filters.go` `EndpointsByNetworkFilter`, istio 1.30.3 to master):
 *  - a sidecar keeps them as if they were on its own network and addresses the pods directly, which works
 *    only where pods are routable across networks (kept "for years" so as not to break existing set-ups);
 *  - with ambient multi-network, a waypoint or gateway leaves out every remote-network endpoint without a
 *    reachable east-west gateway ("no reachable E/W gateway … skipping"); an ingress gateway leaves them
 *    out even with one unless `AMBIENT_ENABLE_MULTI_NETWORK_INGRESS` is true (default false);
 *  - ztunnel crosses networks only through the workload's network gateway: without one a workload with no
 *    address is no candidate (`state.rs` `load_balance`) and one with an address fails to connect
 *    (`outbound.rs` `build_request_through_gateway`, `NoValidDestination`).
 */
function withoutGateway(proxyKind: DestinationRuleProxyKind | undefined): string {
  switch (proxyKind) {
    case 'SIDECAR':
      return 'a sidecar then addresses the pods directly, as if they were on its own network, which works only if they are routable across networks';
    case 'WAYPOINT':
    case 'EAST_WEST_GATEWAY':
      return 'with ambient multi-network this proxy then leaves them out of its endpoints, so it would balance over fewer than shown';
    case 'INGRESS_GATEWAY':
      return 'an ingress gateway leaves remote-network endpoints out unless AMBIENT_ENABLE_MULTI_NETWORK_INGRESS is true (default false), and even then without a reachable east-west gateway';
    case undefined:
      return 'sidecars then address the pods directly (which works only if they are routable across networks), while with ambient multi-network waypoints and gateways leave them out and ztunnel cannot connect to them';
  }
}

export const noEastWestGateway = {
  code: 'SPW0020',
  id: 'NO_EAST_WEST_GATEWAY',
  severity: 'WARNING',
  title: 'Endpoints on another network, but the snapshot has no east-west gateway for that network',
  upstream:
    'pilot/pkg/xds/endpoints EndpointsByNetworkFilter: without a gateway a sidecar addresses remote endpoints directly, an ambient waypoint or gateway skips them; ztunnel state.rs/outbound.rs: remote workloads only through a network gateway (istio.md §1.3)',
  scopes: ['hop', 'mesh'],
  subject: 'crossNetwork',
  run: ({ host, target, networksWithoutGateway, proxyKind }) =>
    networksWithoutGateway.map((network) => ({
      message: `Endpoints of ${host} on network ${network} are kept, with their own locality, on the assumption that the snapshot lacks an east-west gateway that serves that network. If there is none, ${withoutGateway(proxyKind)}.`,
      resources: target !== undefined ? [target] : [],
    })),
} as const satisfies AnalysisCheck<'crossNetwork'>;
