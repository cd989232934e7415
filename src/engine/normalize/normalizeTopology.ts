/**
 * Nodes and Namespaces: where workloads run and which mesh settings they inherit.
 */
import type { Diagnostic } from '../model/answer.js';
import type { NamespaceModel, NodeModel, ResourceRef } from '../model/meshModel.js';
import type { ClusterIndex } from './clusterIndex.js';
import { annotationsOf, labelsOf, refOf } from './clusterIndex.js';
import { namespaceDataplaneMode } from './dataplaneMode.js';
import { localityFromLabels, usesLegacyTopologyLabels } from './locality.js';
import { snapshotDiagnostic } from './snapshotDiagnostics.js';
import { waypointUseFromLabels } from './waypointUse.js';
import { LABEL_NETWORK } from './wellKnownLabels.js';

/** How many objects a grouped diagnostic names before it only counts. */
const MAX_RESOURCES_PER_DIAGNOSTIC = 5;

/**
 * A node's network is its `topology.istio.io/network` label, else the cluster's network (istio.md §1.1:
 * the metadata network applies only where no label says otherwise). Nodes labelled only with the legacy
 * `failure-domain.beta.kubernetes.io` topology labels get their locality from them, as Istio's; one
 * diagnostic says so.
 */
export function normalizeNodes(index: ClusterIndex, diagnostics: Diagnostic[]): NodeModel[] {
  const legacy: ResourceRef[] = [];
  let legacyCount = 0;
  const nodes = index.nodes.map((node) => {
    const labels = labelsOf(node);
    if (usesLegacyTopologyLabels(labels)) {
      legacyCount += 1;
      if (legacy.length < MAX_RESOURCES_PER_DIAGNOSTIC) legacy.push(refOf(node, index.cluster, false));
    }
    return {
      cluster: index.cluster,
      name: node.metadata.name,
      labels,
      locality: localityFromLabels(labels),
      network: labels[LABEL_NETWORK] ?? index.network,
    };
  });
  if (legacyCount > 0) {
    diagnostics.push(
      snapshotDiagnostic(
        'LEGACY_TOPOLOGY_LABELS',
        `${legacyCount} node(s) in cluster ${index.cluster} have no topology.kubernetes.io/region or zone label but the legacy failure-domain.beta.kubernetes.io one; Istio falls back to the legacy labels, and so does Spillway.`,
        legacy,
      ),
    );
  }
  return nodes;
}

export function normalizeNamespaces(index: ClusterIndex): NamespaceModel[] {
  return index.namespaces.map((namespace) => {
    const labels = labelsOf(namespace);
    const name = namespace.metadata.name;
    const useWaypoint = waypointUseFromLabels(labels, name, refOf(namespace, index.cluster, false));
    return {
      cluster: index.cluster,
      name,
      labels,
      annotations: annotationsOf(namespace),
      dataplaneMode: namespaceDataplaneMode(labels),
      ...(useWaypoint !== undefined ? { useWaypoint } : {}),
    };
  });
}
