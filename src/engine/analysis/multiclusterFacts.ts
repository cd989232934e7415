/**
 * The facts of Services that share a namespace and name across clusters: istiod merges them into one
 * host in a multicluster mesh (namespace sameness), so the analysis compares them.
 */
import { runChecks } from '../diagnostics/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { MeshModel, ServiceModel } from '../model/meshModel.js';

/** The same-name check over every namespace/name present in two or more clusters, in cluster order. */
export function sameNameServiceDiagnostics(model: MeshModel): Diagnostic[] {
  if (model.clusters.length < 2) return [];
  const byName = new Map<string, ServiceModel[]>();
  for (const cluster of model.clusters) {
    for (const svc of cluster.services) {
      const key = `${svc.namespace}/${svc.name}`;
      const group = byName.get(key);
      if (group === undefined) byName.set(key, [svc]);
      else group.push(svc);
    }
  }
  const out: Diagnostic[] = [];
  for (const services of byName.values()) {
    const [first] = services;
    if (first === undefined || services.length < 2) continue;
    out.push(
      ...runChecks('mesh', 'sameNameServices', { namespace: first.namespace, name: first.name, services }),
    );
  }
  return out;
}
