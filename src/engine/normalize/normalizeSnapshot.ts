/**
 * Entry point of normalization: validated Kubernetes/Istio objects per cluster → the engine's
 * `MeshModel`, plus diagnostics for everything that had to be assumed. Pure: the same input gives the
 * same model, in input order.
 */
import type { Diagnostic } from '../model/answer.js';
import type {
  ClusterModel,
  MeshConfig,
  MeshModel,
  NodeModel,
  Profile,
  ResourceRef,
  WaypointUse,
} from '../model/meshModel.js';
import { buildClusterIndex, namespaceOf } from './clusterIndex.js';
import type { ClusterIndex } from './clusterIndex.js';
import type { KubeObject } from './kubeObjects.js';
import { normalizeDestinationRule } from './normalizeDestinationRule.js';
import { normalizeEndpoints } from './normalizeEndpoints.js';
import { normalizeGateways } from './normalizeGateways.js';
import { normalizeServiceEntries, normalizeServices } from './normalizeServices.js';
import { normalizeNamespaces, normalizeNodes } from './normalizeTopology.js';
import { normalizeWorkloads } from './normalizeWorkloads.js';
import { snapshotDiagnostic } from './snapshotDiagnostics.js';
import { LABEL_NETWORK } from './wellKnownLabels.js';

export interface ClusterObjects {
  readonly name: string;
  /** The cluster's default network; `''` when single-network. */
  readonly network: string;
  /** Only understood kinds (`src/ingest/kindRegistry.ts`), already validated. */
  readonly objects: readonly KubeObject[];
}

export interface NormalizeInput {
  readonly profile: Profile;
  readonly meshConfig: MeshConfig;
  readonly clusters: readonly ClusterObjects[];
}

export interface NormalizeResult {
  readonly model: MeshModel;
  readonly diagnostics: readonly Diagnostic[];
}

/** Kinds whose objects live in a namespace that should be in the snapshot. */
const NAMESPACED_KINDS: readonly string[] = [
  'Pod',
  'Service',
  'ServiceEntry',
  'WorkloadEntry',
  'Gateway',
  'DestinationRule',
];

function reportMissingNamespaces(
  index: ClusterIndex,
  objects: readonly KubeObject[],
  diagnostics: Diagnostic[],
): void {
  const missing = new Map<string, ResourceRef[]>();
  for (const object of objects) {
    if (!NAMESPACED_KINDS.includes(object.kind)) continue;
    const namespace = namespaceOf(object);
    if (index.namespaceByName.has(namespace)) continue;
    const refs = missing.get(namespace) ?? [];
    if (refs.length < 5)
      refs.push({ kind: object.kind, name: object.metadata.name, namespace, cluster: index.cluster });
    missing.set(namespace, refs);
  }
  for (const [namespace, refs] of missing) {
    diagnostics.push(
      snapshotDiagnostic(
        'NAMESPACE_NOT_IN_SNAPSHOT',
        `Namespace ${namespace} (cluster ${index.cluster}) holds objects but is not in the snapshot; its labels (dataplane mode, waypoint, service scope) are taken as empty.`,
        [{ kind: 'Namespace', name: namespace, cluster: index.cluster }, ...refs],
      ),
    );
  }
}

/** A waypoint named by `istio.io/use-waypoint` must exist as a Gateway in the same cluster to be used. */
function reportMissingWaypoints(cluster: ClusterModel, diagnostics: Diagnostic[]): void {
  const known = new Set(cluster.waypoints.map((waypoint) => `${waypoint.namespace}/${waypoint.name}`));
  const other = new Set(cluster.gateways.map((gateway) => `${gateway.namespace}/${gateway.name}`));
  const missing = new Map<string, ResourceRef[]>();
  const uses: (WaypointUse | undefined)[] = [
    ...cluster.namespaces.map((item) => item.useWaypoint),
    ...cluster.services.map((item) => item.useWaypoint),
    ...cluster.serviceEntries.map((item) => item.useWaypoint),
    ...cluster.workloads.map((item) => item.useWaypoint),
  ];
  for (const use of uses) {
    if (use?.kind !== 'waypoint') continue;
    const key = `${use.namespace}/${use.name}`;
    if (known.has(key)) continue;
    const refs = missing.get(key) ?? [];
    if (refs.length < 5) refs.push(use.source);
    missing.set(key, refs);
  }
  for (const [key, refs] of missing) {
    const why = other.has(key) ? 'is a Gateway but not of class istio-waypoint' : 'is not in the snapshot';
    diagnostics.push(
      snapshotDiagnostic(
        'WAYPOINT_NOT_IN_SNAPSHOT',
        `Waypoint ${key} (cluster ${cluster.name}) is named by istio.io/use-waypoint but ${why}; objects using it are treated as having no waypoint.`,
        refs,
      ),
    );
  }
}

/**
 * A cluster without a network from the upload takes the `topology.istio.io/network` label of the Istio
 * system namespace, which is where Istio reads a cluster's network from (istio.md §1.1, multi-network
 * install docs).
 */
function clusterNetwork(input: ClusterObjects, rootNamespace: string): string {
  if (input.network !== '') return input.network;
  const system = input.objects.find(
    (object) => object.kind === 'Namespace' && object.metadata.name === rootNamespace,
  );
  return system?.metadata.labels?.[LABEL_NETWORK] ?? '';
}

function normalizeCluster(
  input: ClusterObjects,
  meshConfig: MeshConfig,
  profile: Profile,
  diagnostics: Diagnostic[],
): ClusterModel {
  const network = clusterNetwork(input, meshConfig.rootNamespace);
  const index = buildClusterIndex(input.name, network, input.objects);
  reportMissingNamespaces(index, input.objects, diagnostics);
  const nodes = normalizeNodes(index);
  const nodeByName = new Map<string, NodeModel>(nodes.map((node) => [node.name, node]));
  const namespaces = normalizeNamespaces(index);
  const workloads = normalizeWorkloads(index, nodeByName, diagnostics);
  const services = normalizeServices(index, meshConfig, profile, diagnostics);
  const serviceEntries = normalizeServiceEntries(index);
  const endpoints = normalizeEndpoints(index, services, serviceEntries, workloads, diagnostics);
  const { waypoints, gateways } = normalizeGateways(index, workloads, diagnostics);
  const destinationRules = index.destinationRules.map((rule) =>
    normalizeDestinationRule(rule, input.name, namespaceOf(rule)),
  );
  const cluster: ClusterModel = {
    name: input.name,
    network,
    nodes,
    namespaces,
    workloads,
    services,
    serviceEntries,
    endpoints,
    waypoints,
    gateways,
    destinationRules,
  };
  reportMissingWaypoints(cluster, diagnostics);
  return cluster;
}

/**
 * @example normalizeSnapshot({ profile: 'SOLO', meshConfig: DEFAULT_MESH_CONFIG, clusters: [{ name: 'c1', network: '', objects: [node] }] })
 * // → { model: { profile: 'SOLO', meshConfig, clusters: [{ name: 'c1', nodes: [{ locality: … }], … }] }, diagnostics: [] }
 */
export function normalizeSnapshot(input: NormalizeInput): NormalizeResult {
  const diagnostics: Diagnostic[] = [];
  const clusters = input.clusters.map((cluster) =>
    normalizeCluster(cluster, input.meshConfig, input.profile, diagnostics),
  );
  return { model: { profile: input.profile, meshConfig: input.meshConfig, clusters }, diagnostics };
}
