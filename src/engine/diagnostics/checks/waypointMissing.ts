import type { AnalysisCheck } from '../check.js';
import { describeRef, waypointRef } from '../ruleRef.js';

/**
 * SPW0015. `istio.io/use-waypoint` names a Gateway that does not exist: istiod marks the service
 * WaypointBound=False and its traffic skips L7 policy (upstream `ambient/waypoints.go`).
 */
export const waypointMissing = {
  code: 'SPW0015',
  id: 'WAYPOINT_MISSING',
  severity: 'ERROR',
  title: 'The waypoint named by istio.io/use-waypoint does not exist',
  equivalent: 'IST0171',
  upstream: 'pilot/pkg/serviceregistry/ambient/waypoints.go: an unknown waypoint leaves the service unbound',
  scopes: ['hop', 'mesh'],
  subject: 'waypointUse',
  run: ({ outcome, backendHost, cluster, use }) =>
    outcome === 'MISSING'
      ? [
          {
            message: `${describeRef(use.source)} asks for waypoint ${use.namespace}/${use.name}, which does not exist in cluster ${cluster}; traffic to ${backendHost} bypasses any L7 policy.`,
            resources: [use.source, waypointRef(use, cluster)],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'waypointUse'>;
