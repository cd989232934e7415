/**
 * The facts of a DestinationRule's subsets: the endpoints of the Services and ServiceEntries its host names
 * in the rule's cluster, each with the labels istiod matches subsets against (the workload's own, augmented
 * with topology from its Node, the node name, cluster and network: `AugmentLabels`, the same labels the
 * resolver gives every endpoint).
 */
import { runChecks, type RuleSummary } from '../diagnostics/index.js';
import { isWildcardHost } from '../istio/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { DestinationRuleModel, Labels, ServiceModel } from '../model/meshModel.js';
import { candidateTopology, collectEndpoints, type CompiledMesh } from '../resolver/index.js';
import { meshKey } from '../resolver/meshKeys.js';

/** Every endpoint's augmented labels, `undefined` where the endpoint's pod or WorkloadEntry is missing. */
function endpointLabels(
  mesh: CompiledMesh,
  dr: DestinationRuleModel,
  host: string,
  services: readonly ServiceModel[],
): (Labels | undefined)[] {
  const entries = (mesh.serviceEntriesByHost.get(host) ?? []).filter((se) => se.cluster === dr.cluster);
  const lists = [collectEndpoints(mesh, services), ...entries.map((se) => collectEndpoints(mesh, [], se))];
  return lists.flatMap((candidates) => {
    const { labels } = candidateTopology(candidates);
    return candidates.map((c, i) =>
      c.workload !== undefined &&
      c.workload.namespace !== undefined &&
      !mesh.workloads.has(meshKey(c.cluster, c.workload.namespace, c.workload.name))
        ? undefined
        : labels[i],
    );
  });
}

/** The subset check for a rule whose (exact) host matched Services or ServiceEntries. */
export function subsetDiagnostics(
  mesh: CompiledMesh,
  dr: DestinationRuleModel,
  rule: RuleSummary,
  host: string,
  services: readonly ServiceModel[],
): Diagnostic[] {
  if (dr.subsets.length === 0 || isWildcardHost(host)) return [];
  return runChecks('mesh', 'subsets', {
    rule,
    host,
    subsets: dr.subsets.map((s) => ({ name: s.name, labels: s.labels ?? {} })),
    endpointLabels: endpointLabels(mesh, dr, host, services),
  });
}
