/**
 * Labels that bind traffic to waypoints (`pilot/pkg/serviceregistry/ambient/waypoints.go`,
 * `pkg/config/constants`).
 */

/** Set on an ingress-bound Service (or its namespace) so ingress gateways go through its waypoint. */
export const INGRESS_USE_WAYPOINT_LABEL = 'istio.io/ingress-use-waypoint';
