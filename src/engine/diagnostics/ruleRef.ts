/**
 * The references findings carry, and how a message names them.
 */
import type { DestinationRuleModel, ResourceRef } from '../model/meshModel.js';

/** @example ruleRef(dr) // → { kind: 'DestinationRule', name: 'r', namespace: 'httpbin', cluster: 'cluster1' } */
export function ruleRef(dr: DestinationRuleModel): ResourceRef {
  return { kind: 'DestinationRule', name: dr.name, namespace: dr.namespace, cluster: dr.cluster };
}

/** The waypoint Gateway a `use-waypoint` label names, in `cluster`. */
export function waypointRef(
  use: { readonly name: string; readonly namespace: string },
  cluster: string,
): ResourceRef {
  return { kind: 'Gateway', name: use.name, namespace: use.namespace, cluster };
}

/** @example describeRef({ kind: 'Namespace', name: 'httpbin' }) // → 'Namespace httpbin' */
export function describeRef(ref: ResourceRef): string {
  return `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`;
}
