import { INGRESS_USE_WAYPOINT_LABEL } from '../../istio/index.js';
import type { AnalysisCheck } from '../check.js';

/**
 * SPW0019. Ingress gateways send traffic straight to a service's endpoints unless the service (or its
 * namespace) sets `istio.io/ingress-use-waypoint: "true"` (upstream `ambient/waypoints.go`).
 */
export const ingressBypassesWaypoint = {
  code: 'SPW0019',
  id: 'INGRESS_BYPASSES_WAYPOINT',
  severity: 'INFO',
  title: 'The ingress gateway bypasses the service waypoint (no istio.io/ingress-use-waypoint)',
  upstream: 'pilot/pkg/serviceregistry/ambient/waypoints.go: ingress uses the waypoint only when opted in',
  scopes: ['hop', 'mesh'],
  subject: 'waypointUse',
  run: ({ outcome, backendHost, backend, use }) =>
    outcome === 'INGRESS_BYPASS'
      ? [
          {
            message: `The ingress gateway sends ${backendHost} straight to its endpoints; waypoint ${use.namespace}/${use.name} and its L7 policy are skipped. Label the service ${INGRESS_USE_WAYPOINT_LABEL}=true to route through it.`,
            resources: [backend, use.source],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'waypointUse'>;
