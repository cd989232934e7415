import type { AnalysisCheck } from '../check.js';
import { waypointRef } from '../ruleRef.js';

/** SPW0017. Ambient multicluster: a global service's waypoint must be global too (ecosystem.md §1.9 item 9). */
export const globalServiceWaypointNotGlobal = {
  code: 'SPW0017',
  id: 'GLOBAL_SERVICE_WAYPOINT_NOT_GLOBAL',
  severity: 'WARNING',
  title: 'A global service uses a waypoint that is not global',
  upstream:
    'Solo ambient multicluster: clients in other clusters reach only global waypoints (seed 002; ecosystem.md §1.9)',
  scopes: ['hop', 'mesh'],
  subject: 'waypointUse',
  run: ({ outcome, backendHost, backend, backendGlobal, waypointGlobal, cluster, use }) =>
    outcome === 'BOUND' && backendGlobal && waypointGlobal !== true
      ? [
          {
            message: `${backendHost} is global but its waypoint ${use.namespace}/${use.name} is not: clients in other clusters cannot reach the waypoint, so label its Service solo.io/service-scope=global.`,
            resources: [backend, waypointRef(use, cluster)],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'waypointUse'>;
