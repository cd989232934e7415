import type { IntakeCheck } from '../check.js';

/** SPW1004, reported by snapshot intake: istio.io/use-waypoint names a waypoint that is not in the snapshot. */
export const waypointNotInSnapshot = {
  code: 'SPW1004',
  id: 'WAYPOINT_NOT_IN_SNAPSHOT',
  severity: 'WARNING',
  title: 'istio.io/use-waypoint names a waypoint that is not in the snapshot',
  equivalent: 'IST0171',
  upstream: 'pilot/pkg/serviceregistry/ambient/waypoints.go: use-waypoint binds to a Gateway by name',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
