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
import { buildClusterIndex, namespaceOf, refOf } from './clusterIndex.js';
import type { ClusterIndex } from './clusterIndex.js';
import type { KubeObject } from './kubeObjects.js';
import { normalizeAutoscalers } from './normalizeAutoscalers.js';
import { normalizeDestinationRule } from './normalizeDestinationRule.js';
import { normalizeEndpoints } from './normalizeEndpoints.js';
import { normalizeGateways } from './normalizeGateways.js';
import { normalizeServiceEntries, normalizeServices } from './normalizeServices.js';
import { normalizeNamespaces, normalizeNodes } from './normalizeTopology.js';
import { normalizeWorkloads } from './normalizeWorkloads.js';
import { SNAPSHOT_DIAGNOSTICS, snapshotDiagnostic } from './snapshotDiagnostics.js';
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

/** How many objects a grouped diagnostic names before it only counts. */
const MAX_RESOURCES_PER_DIAGNOSTIC = 5;

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

/** The command that captures what Spillway reads, for the messages that ask for a fuller snapshot. */
export const CAPTURE_COMMAND =
  'kubectl get nodes,namespaces,pods,services,endpointslices,deployments,replicasets,statefulsets,gateways,destinationrules,serviceentries,workloadentries -A -o yaml';

/**
 * Manifests (a repository's `bookinfo.yaml`) declare Deployments but hold no Pods: every workload, endpoint
 * and locality comes from Pods, so nothing about traffic can be answered, and the answer must say why.
 */
function reportWorkloadsWithoutPods(index: ClusterIndex, diagnostics: Diagnostic[]): void {
  if (index.controllers.length === 0 || index.pods.length > 0) return;
  const kinds = [...new Set(index.controllers.map((controller) => controller.kind))].sort().join(' and ');
  diagnostics.push(
    snapshotDiagnostic(
      'WORKLOADS_WITHOUT_PODS',
      `The snapshot holds ${index.controllers.length} ${kinds} object(s) in cluster ${index.cluster} but no Pods: it describes what should run, not what runs, and Spillway answers from the running Pods, their EndpointSlices and Nodes. Capture them from the cluster: ${CAPTURE_COMMAND}.`,
      index.controllers
        .slice(0, MAX_RESOURCES_PER_DIAGNOSTIC)
        .map((controller) => refOf(controller, index.cluster)),
    ),
  );
}

/** Intake findings that bear on every answer about the snapshot: repeated with each (MeshModel.caveats). */
const CAVEAT_CODES: ReadonlySet<string> = new Set(
  (['WORKLOADS_WITHOUT_PODS', 'LOCALITY_FROM_ENDPOINT_SLICES', 'ENDPOINTS_DERIVED_FROM_PODS'] as const).map(
    (id) => SNAPSHOT_DIAGNOSTICS[id].code,
  ),
);

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
  reportWorkloadsWithoutPods(index, diagnostics);
  const nodes = normalizeNodes(index, diagnostics);
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
  const autoscalers = normalizeAutoscalers(index);
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
    ...(autoscalers.length === 0 ? {} : { autoscalers }),
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
  const caveats = diagnostics.filter((finding) => CAVEAT_CODES.has(finding.code));
  return {
    model: {
      profile: input.profile,
      meshConfig: input.meshConfig,
      clusters,
      ...(caveats.length > 0 ? { caveats } : {}),
    },
    diagnostics,
  };
}
