/**
 * Snapshot-wide analysis: the registry's mesh checks over every DestinationRule, Service and waypoint, the
 * status conditions objects carry, and Services that share a name across clusters
 * (the `analyze` query). This file gathers each object's facts; the checks (`../diagnostics/checks/`)
 * decide and say. Path-specific findings (client outside the mesh, ingress bypassing a waypoint, no
 * endpoint on the client's node…) come from `resolvePath`.
 */
import { dedupeDiagnostics, runChecks } from '../diagnostics/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { Profile } from '../model/meshModel.js';
import type { CompiledMesh } from '../resolver/index.js';
import { meshKey } from '../resolver/meshKeys.js';
import { sameNameServiceDiagnostics } from './multiclusterFacts.js';
import { consultingNamespaces, ruleDiagnostics } from './ruleFacts.js';
import { serviceDiagnostics } from './serviceFacts.js';
import { statusDiagnostics } from './statusFacts.js';

/**
 * Run every mesh check under `profile` (default: the snapshot's).
 *
 * @example analyzeMesh(compileMesh(model)) // → [{ code: 'SPW0008', … }, …]
 */
export function analyzeMesh(mesh: CompiledMesh, profile: Profile = mesh.profile): Diagnostic[] {
  const consulting = consultingNamespaces(mesh);
  const out: Diagnostic[] = [];
  for (const cluster of mesh.model.clusters) {
    for (const dr of cluster.destinationRules) out.push(...ruleDiagnostics(mesh, dr, profile, consulting));
    for (const svc of cluster.services) out.push(...serviceDiagnostics(mesh, svc, profile));
    for (const wp of cluster.waypoints) {
      const readyPods = wp.podNames.filter((p) => {
        const pod = mesh.workloads.get(meshKey(cluster.name, wp.namespace, p));
        return pod !== undefined && pod.ready && !pod.terminating;
      }).length;
      out.push(
        ...runChecks('mesh', 'waypoint', {
          namespace: wp.namespace,
          name: wp.name,
          cluster: cluster.name,
          readyPods,
          pods: wp.podNames.length,
          ...(wp.programmed !== undefined ? { programmed: wp.programmed } : {}),
        }),
      );
    }
    out.push(...statusDiagnostics(cluster));
  }
  out.push(...sameNameServiceDiagnostics(mesh.model));
  return dedupeDiagnostics(out);
}
