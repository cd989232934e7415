/**
 * Workloads: Pods and WorkloadEntries with where they run (node, locality, network), whether they are
 * ready, which dataplane they use and which waypoint they ask for.
 */
import type { Diagnostic } from '../model/answer.js';
import type { Labels, Locality, NodeModel, WorkloadModel } from '../model/meshModel.js';
import type { ClusterIndex } from './clusterIndex.js';
import { annotationsOf, labelsOf, namespaceOf, refOf } from './clusterIndex.js';
import type { PodObject, WorkloadEntryObject } from './kubeObjects.js';
import { namespaceExpectsSidecar, podHasSidecar, workloadDataplaneMode } from './dataplaneMode.js';
import { localityFromZone, parseLocality, UNKNOWN_LOCALITY } from './locality.js';
import { snapshotDiagnostic } from './snapshotDiagnostics.js';
import { conditionStatus, conditionsField } from './statusConditions.js';
import { podIPOf, statusString } from './statusFields.js';
import { waypointUseFromLabels } from './waypointUse.js';
import {
  LABEL_APP,
  LABEL_DATAPLANE_MODE,
  LABEL_GATEWAY_NAME,
  LABEL_LOCALITY_OVERRIDE,
  LABEL_LOCALITY_OVERRIDE_LEGACY,
  LABEL_NETWORK,
  LABEL_POD_TEMPLATE_HASH,
} from './wellKnownLabels.js';

const EMPTY_LABELS: Labels = Object.freeze({});
/** Pods weigh 1 in every balancer; only WorkloadEntries carry a weight. */
const POD_WEIGHT = 1;
/** Istio treats an unset (0) WorkloadEntry weight as 1. */
const DEFAULT_WORKLOAD_ENTRY_WEIGHT = 1;
/** How many objects a grouped diagnostic names before it only counts. */
const MAX_RESOURCES_PER_DIAGNOSTIC = 5;
const TERMINAL_POD_PHASES: readonly string[] = ['Succeeded', 'Failed'];

/**
 * The controller that runs a pod: the Deployment behind its ReplicaSet, else the StatefulSet (or any other
 * controller) that owns it; undefined for a pod without owners. When the ReplicaSet is not in the snapshot,
 * its name minus the `pod-template-hash` suffix is the Deployment's name (that is how the Deployment
 * controller names ReplicaSets).
 */
export function podController(
  pod: PodObject,
  index: ClusterIndex,
): { readonly kind: string; readonly name: string } | undefined {
  const owners = pod.metadata.ownerReferences ?? [];
  const owner = owners.find((ref) => ref.controller === true) ?? owners[0];
  if (owner === undefined) return undefined;
  if (owner.kind !== 'ReplicaSet') return { kind: owner.kind, name: owner.name };
  const replicaSet = index.replicaSets.get(`${namespaceOf(pod)}/${owner.name}`);
  if (replicaSet !== undefined) {
    const rsOwners = replicaSet.metadata.ownerReferences ?? [];
    const deployment = rsOwners.find((ref) => ref.controller === true) ?? rsOwners[0];
    return deployment === undefined ? { kind: owner.kind, name: owner.name } : deployment;
  }
  const hash = labelsOf(pod)[LABEL_POD_TEMPLATE_HASH];
  if (hash !== undefined && owner.name.endsWith(`-${hash}`))
    return { kind: 'Deployment', name: owner.name.slice(0, -hash.length - 1) };
  return { kind: owner.kind, name: owner.name };
}

/** The name users call a workload by: its controller's, else its `app` label, else the pod name. */
export function podWorkloadName(pod: PodObject, index: ClusterIndex): string {
  return podController(pod, index)?.name ?? labelsOf(pod)[LABEL_APP] ?? pod.metadata.name;
}

/**
 * A pod's locality: the override label, else its Node's topology (istio.md §1.1). Without the Node, the zone
 * an EndpointSlice gives the pod's endpoint (the controller copies the node's zone label there) is all that is
 * left; the region stays unknown.
 */
function podLocality(labels: Labels, node: NodeModel | undefined, sliceZone: string | undefined): Locality {
  // Istio lets a pod label override the node's topology; label values hold no `/`.
  const override = labels[LABEL_LOCALITY_OVERRIDE] ?? labels[LABEL_LOCALITY_OVERRIDE_LEGACY];
  if (override !== undefined && override !== '') return parseLocality(override, '.');
  if (node !== undefined) return node.locality;
  return sliceZone === undefined ? UNKNOWN_LOCALITY : localityFromZone(sliceZone);
}

/** Whether a pod has finished for good (Succeeded or Failed): no controller lists it as an endpoint. */
export function podTerminal(pod: PodObject): boolean {
  const phase = statusString(pod.status, 'phase');
  return phase !== undefined && TERMINAL_POD_PHASES.includes(phase);
}

/** The pod's Ready condition is True (Kubernetes' `IsPodReady`), and it has not finished. */
export function podReady(pod: PodObject): boolean {
  return !podTerminal(pod) && conditionStatus(pod.status, 'Ready') === 'True';
}

interface Grouped {
  count: number;
  resources: ReturnType<typeof refOf>[];
}

function addToGroup(groups: Map<string, Grouped>, key: string, resource: ReturnType<typeof refOf>): void {
  const group = groups.get(key) ?? { count: 0, resources: [] };
  group.count += 1;
  if (group.resources.length < MAX_RESOURCES_PER_DIAGNOSTIC) group.resources.push(resource);
  groups.set(key, group);
}

/** `namespace/name` of each pod an EndpointSlice endpoint targets → the zone the slice gives it. */
export function sliceZonesByPod(index: ClusterIndex): Map<string, string> {
  const zones = new Map<string, string>();
  for (const slice of index.endpointSlices) {
    const namespace = namespaceOf(slice);
    for (const endpoint of slice.endpoints ?? []) {
      const target = endpoint.targetRef;
      if (target?.kind !== 'Pod' || target.name === undefined || endpoint.zone === undefined) continue;
      zones.set(`${target.namespace ?? namespace}/${target.name}`, endpoint.zone);
    }
  }
  return zones;
}

export function normalizeWorkloads(
  index: ClusterIndex,
  nodes: ReadonlyMap<string, NodeModel>,
  diagnostics: Diagnostic[],
): WorkloadModel[] {
  const missingNodes = new Map<string, Grouped>();
  const missingSidecars = new Map<string, Grouped>();
  const withoutStatus: Grouped = { count: 0, resources: [] };
  const sliceZones = index.nodes.length === 0 ? sliceZonesByPod(index) : new Map<string, string>();
  let zonedFromSlices = 0;
  const workloads: WorkloadModel[] = [];

  for (const pod of index.pods) {
    const namespace = namespaceOf(pod);
    const labels = labelsOf(pod);
    const namespaceLabels = index.namespaceByName.get(namespace)?.metadata.labels ?? EMPTY_LABELS;
    const ref = refOf(pod, index.cluster);
    const nodeName = pod.spec?.nodeName;
    const node = nodeName === undefined ? undefined : nodes.get(nodeName);
    if (nodeName !== undefined && node === undefined) addToGroup(missingNodes, nodeName, ref);
    const gatewayName = labels[LABEL_GATEWAY_NAME];
    // Gateway and waypoint pods run istio-proxy as their main container; that is not a sidecar.
    const hasSidecar = gatewayName === undefined && podHasSidecar(pod);
    if (
      !hasSidecar &&
      gatewayName === undefined &&
      namespaceExpectsSidecar(namespaceLabels) &&
      labels[LABEL_DATAPLANE_MODE] === undefined
    ) {
      addToGroup(missingSidecars, namespace, ref);
    }
    const useWaypoint = waypointUseFromLabels(labels, namespace, ref);
    const address = podIPOf(pod.status);
    if (address === undefined && conditionStatus(pod.status, 'Ready') === undefined) {
      withoutStatus.count += 1;
      if (withoutStatus.resources.length < MAX_RESOURCES_PER_DIAGNOSTIC) withoutStatus.resources.push(ref);
    }
    const sliceZone = node === undefined ? sliceZones.get(`${namespace}/${pod.metadata.name}`) : undefined;
    if (sliceZone !== undefined) zonedFromSlices += 1;
    const serviceAccount = pod.spec?.serviceAccountName;
    workloads.push({
      cluster: index.cluster,
      kind: 'Pod',
      namespace,
      name: pod.metadata.name,
      workloadName: podWorkloadName(pod, index),
      labels,
      annotations: annotationsOf(pod),
      ...(address !== undefined ? { address } : {}),
      ...(nodeName !== undefined ? { nodeName } : {}),
      locality: podLocality(labels, node, sliceZone),
      network: labels[LABEL_NETWORK] ?? namespaceLabels[LABEL_NETWORK] ?? node?.network ?? index.network,
      ready: podReady(pod),
      terminating: pod.metadata.deletionTimestamp !== undefined,
      dataplaneMode: workloadDataplaneMode(labels, namespaceLabels, hasSidecar),
      ...(useWaypoint !== undefined ? { useWaypoint } : {}),
      ...(gatewayName !== undefined ? { gatewayName } : {}),
      ...(serviceAccount !== undefined ? { serviceAccount } : {}),
      weight: POD_WEIGHT,
    });
  }

  for (const entry of index.workloadEntries) workloads.push(normalizeWorkloadEntry(entry, index));

  if (index.nodes.length === 0 && missingNodes.size > 0) {
    // No Node at all: one finding for the cluster rather than one per node name.
    diagnostics.push(
      snapshotDiagnostic(
        'LOCALITY_FROM_ENDPOINT_SLICES',
        `Cluster ${index.cluster} has no Nodes in the snapshot. Istio reads a pod's locality from its Node's topology labels; Spillway uses the zone the EndpointSlices give each endpoint instead (${zonedFromSlices} of ${index.pods.length} pod(s) have one) and leaves regions unknown, so region-level failover is not modelled. Add the Nodes to the capture: kubectl get nodes -o yaml.`,
        [...missingNodes.keys()]
          .slice(0, MAX_RESOURCES_PER_DIAGNOSTIC)
          .map((name) => ({ kind: 'Node', name, cluster: index.cluster })),
      ),
    );
  } else {
    for (const [nodeName, group] of missingNodes) {
      diagnostics.push(
        snapshotDiagnostic(
          'NODE_NOT_IN_SNAPSHOT',
          `Node ${nodeName} (cluster ${index.cluster}) runs ${group.count} pod(s) but is not in the snapshot; their locality is unknown ('') unless an EndpointSlice zone says otherwise.`,
          [{ kind: 'Node', name: nodeName, cluster: index.cluster }, ...group.resources],
        ),
      );
    }
  }
  if (withoutStatus.count > 0) {
    diagnostics.push(
      snapshotDiagnostic(
        'POD_STATUS_MISSING',
        `${withoutStatus.count} pod(s) in cluster ${index.cluster} have no IP and no Ready condition in their status (trimmed before sharing?): they count as not ready, and they serve only where an EndpointSlice in the snapshot lists them.`,
        withoutStatus.resources,
      ),
    );
  }
  for (const [namespace, group] of missingSidecars) {
    diagnostics.push(
      snapshotDiagnostic(
        'SIDECAR_INJECTION_NOT_APPLIED',
        `Namespace ${namespace} (cluster ${index.cluster}) enables sidecar injection, but ${group.count} pod(s) show no sidecar (no sidecar.istio.io/status annotation or istio-proxy container); they are treated as having none. Pods created before injection was enabled keep running without one until restarted.`,
        group.resources,
      ),
    );
  }
  return workloads;
}

function workloadEntryReady(entry: WorkloadEntryObject): boolean {
  return conditionStatus(entry.status, 'Healthy') !== 'False';
}

/**
 * WorkloadEntry workload labels are `spec.labels` (what selectors match); `metadata.labels` may carry the
 * waypoint and dataplane labels, so those are read from both, the spec winning.
 */
function normalizeWorkloadEntry(entry: WorkloadEntryObject, index: ClusterIndex): WorkloadModel {
  const namespace = namespaceOf(entry);
  const spec = entry.spec ?? {};
  const labels = spec.labels ?? EMPTY_LABELS;
  const objectLabels = { ...labelsOf(entry), ...labels };
  const namespaceLabels = index.namespaceByName.get(namespace)?.metadata.labels ?? EMPTY_LABELS;
  const ref = refOf(entry, index.cluster);
  const useWaypoint = waypointUseFromLabels(objectLabels, namespace, ref);
  const mode = workloadDataplaneMode(objectLabels, namespaceLabels, false);
  return {
    cluster: index.cluster,
    kind: 'WorkloadEntry',
    namespace,
    name: entry.metadata.name,
    workloadName: labels[LABEL_APP] ?? entry.metadata.name,
    labels,
    annotations: annotationsOf(entry),
    ...(spec.address !== undefined ? { address: spec.address } : {}),
    locality: spec.locality === undefined ? UNKNOWN_LOCALITY : parseLocality(spec.locality),
    network: spec.network ?? labels[LABEL_NETWORK] ?? index.network,
    ready: workloadEntryReady(entry),
    terminating: entry.metadata.deletionTimestamp !== undefined,
    // A WorkloadEntry outside ambient is a VM or external host running its own istio-proxy.
    dataplaneMode: mode === 'none' && objectLabels[LABEL_DATAPLANE_MODE] !== 'none' ? 'sidecar' : mode,
    ...(useWaypoint !== undefined ? { useWaypoint } : {}),
    ...(spec.serviceAccount !== undefined ? { serviceAccount: spec.serviceAccount } : {}),
    weight: spec.weight === undefined || spec.weight === 0 ? DEFAULT_WORKLOAD_ENTRY_WEIGHT : spec.weight,
    ...conditionsField(entry.status),
  };
}
