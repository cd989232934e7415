import type { IntakeCheck } from '../check.js';

/** SPW1007, reported by snapshot intake: unknown istio.io/waypoint-for value; the default (service) is assumed. */
export const unknownWaypointFor = {
  code: 'SPW1007',
  id: 'UNKNOWN_WAYPOINT_FOR',
  severity: 'WARNING',
  title: 'Unknown istio.io/waypoint-for value; the default (service) is assumed',
  upstream: 'pilot/pkg/serviceregistry/ambient/waypoints.go: waypoint-for service | workload | all | none',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
