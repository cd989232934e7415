import type { AnalysisCheck } from '../check.js';

/**
 * SPW0020. Cross-network endpoints are reached through their network's east-west gateway; Istio drops
 * them when it knows no gateway (istio.md §1.3). Snapshots are often per-cluster dumps without the remote
 * gateway, so the resolver keeps the endpoints and says what it assumed.
 */
export const noEastWestGateway = {
  code: 'SPW0020',
  id: 'NO_EAST_WEST_GATEWAY',
  severity: 'WARNING',
  title: 'Endpoints on another network, but the snapshot has no east-west gateway for that network',
  upstream:
    'pilot/pkg/xds/endpoints EndpointsByNetworkFilter: no gateway, no remote endpoints (istio.md §1.3)',
  scopes: ['hop', 'mesh'],
  subject: 'crossNetwork',
  run: ({ host, target, networksWithoutGateway }) =>
    networksWithoutGateway.map((network) => ({
      message: `Endpoints of ${host} on network ${network} are kept on the assumption that an east-west gateway serves that network, but the snapshot has none: without one Istio drops them. Their own locality is used.`,
      resources: target !== undefined ? [target] : [],
    })),
} as const satisfies AnalysisCheck<'crossNetwork'>;
