/**
 * Nodes and Namespaces: where workloads run and which mesh settings they inherit.
 */
import type { NamespaceModel, NodeModel } from '../model/meshModel.js';
import type { ClusterIndex } from './clusterIndex.js';
import { annotationsOf, labelsOf, refOf } from './clusterIndex.js';
import { namespaceDataplaneMode } from './dataplaneMode.js';
import { localityFromLabels } from './locality.js';
import { waypointUseFromLabels } from './waypointUse.js';
import { LABEL_NETWORK } from './wellKnownLabels.js';

/**
 * A node's network is its `topology.istio.io/network` label, else the cluster's network (istio.md §1.1:
 * the metadata network applies only where no label says otherwise).
 */
export function normalizeNodes(index: ClusterIndex): NodeModel[] {
  return index.nodes.map((node) => {
    const labels = labelsOf(node);
    return {
      cluster: index.cluster,
      name: node.metadata.name,
      labels,
      locality: localityFromLabels(labels),
      network: labels[LABEL_NETWORK] ?? index.network,
    };
  });
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
