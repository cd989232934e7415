import type { IntakeCheck } from '../check.js';

/** SPW1005, reported by snapshot intake: a waypoint Gateway has no pods in the snapshot. */
export const waypointWithoutPods = {
  code: 'SPW1005',
  id: 'WAYPOINT_WITHOUT_PODS',
  severity: 'WARNING',
  title: 'A waypoint Gateway has no pods in the snapshot',
  upstream: 'A waypoint serves traffic only through its deployed pods (seed 000)',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
