import type { AnalysisCheck } from '../check.js';
import { waypointRef } from '../ruleRef.js';

/** SPW0018. `istio.io/waypoint-for: workload|none` says the waypoint takes no service-addressed traffic. */
export const waypointDoesNotServeServices = {
  code: 'SPW0018',
  id: 'WAYPOINT_DOES_NOT_SERVE_SERVICES',
  severity: 'WARNING',
  title: 'The waypoint does not accept service traffic (istio.io/waypoint-for)',
  equivalent: 'IST0171',
  upstream: 'pilot/pkg/serviceregistry/ambient/waypoints.go: waypoint-for must be service or all',
  scopes: ['hop', 'mesh'],
  subject: 'waypointUse',
  run: ({ outcome, backendHost, cluster, use, waypointFor }) =>
    outcome === 'NOT_FOR_SERVICES'
      ? [
          {
            message: `Waypoint ${use.namespace}/${use.name} is for '${waypointFor ?? ''}' traffic; ${backendHost} is reached without it.`,
            resources: [waypointRef(use, cluster), use.source],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'waypointUse'>;
