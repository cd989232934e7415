/**
 * `istio.io/use-waypoint` on a namespace, service, ServiceEntry, pod or WorkloadEntry: a waypoint name,
 * or `none` to opt out of a waypoint set at a broader level; `istio.io/use-waypoint-namespace` points at a
 * waypoint in another namespace (Istio ambient waypoint docs; ecosystem.md §2 #10).
 */
import type { Labels, ResourceRef, WaypointUse } from '../model/meshModel.js';
import { LABEL_USE_WAYPOINT, LABEL_USE_WAYPOINT_NAMESPACE } from './wellKnownLabels.js';

const OPT_OUT_VALUE = 'none';

/**
 * @example waypointUseFromLabels({ 'istio.io/use-waypoint': 'wp' }, 'ns', ref) // → { kind: 'waypoint', name: 'wp', namespace: 'ns', source: ref }
 */
export function waypointUseFromLabels(
  labels: Labels,
  ownNamespace: string,
  source: ResourceRef,
): WaypointUse | undefined {
  const name = labels[LABEL_USE_WAYPOINT];
  if (name === undefined || name === '') return undefined;
  if (name === OPT_OUT_VALUE) return { kind: 'none', source };
  const namespace = labels[LABEL_USE_WAYPOINT_NAMESPACE];
  return {
    kind: 'waypoint',
    name,
    namespace: namespace === undefined || namespace === '' ? ownNamespace : namespace,
    source,
  };
}
