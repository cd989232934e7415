import type { AnalysisCheck } from '../check.js';
import { waypointRef } from '../ruleRef.js';

/**
 * SPW0016. A waypoint with no ready pod, or not Programmed, cannot take the traffic addressed through it
 * (istioctl IST0171 "waypoint not ready").
 */
export const waypointUnready = {
  code: 'SPW0016',
  id: 'WAYPOINT_UNREADY',
  severity: 'ERROR',
  title: 'The waypoint has no ready pod: traffic addressed through it fails',
  equivalent: 'IST0171',
  upstream: 'Gateway API Programmed condition; istioctl analyze IST0171 (ecosystem.md §1.1)',
  scopes: ['hop', 'mesh'],
  subject: 'waypoint',
  run: ({ namespace, name, cluster, readyPods, pods, programmed }) =>
    readyPods > 0 && programmed !== false
      ? []
      : [
          {
            message: `Waypoint ${namespace}/${name} in ${cluster} has ${readyPods.toString()} ready pod(s) of ${pods.toString()}${programmed === false ? ' and is not Programmed' : ''}; traffic through it fails.`,
            resources: [waypointRef({ namespace, name }, cluster)],
          },
        ],
} as const satisfies AnalysisCheck<'waypoint'>;
