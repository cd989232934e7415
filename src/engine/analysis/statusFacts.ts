/**
 * The facts of the status conditions a cluster's objects carry: Services, ServiceEntries, WorkloadEntries
 * and Gateways (waypoints included), the kinds of istioctl's condition analyzer that Spillway reads.
 */
import { runChecks } from '../diagnostics/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { ClusterModel, ResourceRef, StatusCondition } from '../model/meshModel.js';

interface WithConditions {
  readonly namespace: string;
  readonly name: string;
  readonly conditions?: readonly StatusCondition[];
}

/** Every status-condition check over one cluster's objects. */
export function statusDiagnostics(cluster: ClusterModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (kind: string, object: WithConditions, waypoint?: boolean): void => {
    if (object.conditions === undefined) return;
    const resource: ResourceRef = {
      kind,
      name: object.name,
      namespace: object.namespace,
      cluster: cluster.name,
    };
    out.push(
      ...runChecks('mesh', 'statusConditions', {
        resource,
        conditions: object.conditions,
        ...(waypoint === undefined ? {} : { waypoint }),
      }),
    );
  };
  for (const svc of cluster.services) check('Service', svc);
  for (const se of cluster.serviceEntries) check('ServiceEntry', se);
  for (const w of cluster.workloads) if (w.kind === 'WorkloadEntry') check('WorkloadEntry', w);
  for (const gw of cluster.gateways) check('Gateway', gw, false);
  for (const wp of cluster.waypoints) check('Gateway', wp, true);
  return out;
}
