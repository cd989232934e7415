/**
 * Endpoints: every address that serves a Service or ServiceEntry, from
 *  - EndpointSlices, with Kubernetes' condition semantics (`discovery.k8s.io/v1` EndpointConditions: an
 *    unset `ready` means ready, an unset `serving` defers to `ready`, an unset `terminating` means not),
 *    and which conditions were left out, because istiod reads those differently (`endpointHealthStatus`);
 *  - ServiceEntry inline `endpoints`;
 *  - WorkloadEntries (and pods) selected by a ServiceEntry `workloadSelector`, and WorkloadEntries selected
 *    by a Kubernetes Service's selector — Istio serves both (ServiceEntry/WorkloadEntry API reference);
 *  - for a Service with a selector but no EndpointSlice in the snapshot (`kubectl get all` prints none), the
 *    Pods the EndpointSlice controller would list, with the conditions it would give them.
 */
import type { Diagnostic } from '../model/answer.js';
import type {
  EndpointModel,
  Labels,
  ResourceRef,
  ServiceEntryModel,
  ServiceModel,
  WorkloadModel,
} from '../model/meshModel.js';
import type { ClusterIndex } from './clusterIndex.js';
import type { PodObject } from './kubeObjects.js';
import { labelsOf, namespaceOf, refOf } from './clusterIndex.js';
import { parseLocality, UNKNOWN_LOCALITY } from './locality.js';
import { matchesLabels } from './matchesLabelSelector.js';
import { podReady, podTerminal } from './normalizeWorkloads.js';
import { snapshotDiagnostic } from './snapshotDiagnostics.js';
import { podIPOf } from './statusFields.js';
import { LABEL_SERVICE_NAME, LABEL_ZONE } from './wellKnownLabels.js';

/** How many objects a grouped diagnostic names before it only counts. */
const MAX_RESOURCES_PER_DIAGNOSTIC = 5;
/** Services of this type have no endpoints: the controller skips them. */
const EXTERNAL_NAME = 'ExternalName';

const DEFAULT_ENDPOINT_WEIGHT = 1;

function workloadEndpoint(
  workload: WorkloadModel,
  service: EndpointModel['service'],
  source: EndpointModel['source'],
  sourceRef: ResourceRef,
): EndpointModel | undefined {
  if (workload.address === undefined) return undefined;
  return {
    cluster: workload.cluster,
    service,
    address: workload.address,
    source,
    sourceRef,
    ready: workload.ready && !workload.terminating,
    serving: workload.ready,
    terminating: workload.terminating,
    ...(workload.nodeName !== undefined ? { nodeName: workload.nodeName } : {}),
    workload: { kind: workload.kind, namespace: workload.namespace, name: workload.name },
    weight: workload.weight,
  };
}

function groupByNamespace(workloads: readonly WorkloadModel[]): Map<string, WorkloadModel[]> {
  const byNamespace = new Map<string, WorkloadModel[]>();
  for (const workload of workloads) {
    const list = byNamespace.get(workload.namespace) ?? [];
    list.push(workload);
    byNamespace.set(workload.namespace, list);
  }
  return byNamespace;
}

function sliceEndpoints(
  index: ClusterIndex,
  podKeys: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): EndpointModel[] {
  const endpoints: EndpointModel[] = [];
  for (const slice of index.endpointSlices) {
    const serviceName = labelsOf(slice)[LABEL_SERVICE_NAME];
    // Ingest rejects slices without the label; nothing to attach them to here.
    if (serviceName === undefined) continue;
    const namespace = namespaceOf(slice);
    const sourceRef = refOf(slice, index.cluster);
    const service = { kind: 'Service', namespace, name: serviceName } as const;
    const missingTargets: ResourceRef[] = [];
    for (const endpoint of slice.endpoints ?? []) {
      const conditions = endpoint.conditions ?? {};
      const ready = conditions.ready ?? true;
      const target = endpoint.targetRef;
      const workload =
        target?.kind === 'Pod' && target.name !== undefined
          ? { kind: 'Pod' as const, namespace: target.namespace ?? namespace, name: target.name }
          : undefined;
      if (workload !== undefined && !podKeys.has(`${workload.namespace}/${workload.name}`)) {
        missingTargets.push({
          kind: 'Pod',
          name: workload.name,
          namespace: workload.namespace,
          cluster: index.cluster,
        });
      }
      for (const address of endpoint.addresses) {
        endpoints.push({
          cluster: index.cluster,
          service,
          address,
          source: 'EndpointSlice',
          sourceRef,
          ready,
          serving: conditions.serving ?? ready,
          terminating: conditions.terminating ?? false,
          ...(conditions.serving === undefined || conditions.terminating === undefined
            ? {
                unsetConditions: [
                  ...(conditions.serving === undefined ? (['serving'] as const) : []),
                  ...(conditions.terminating === undefined ? (['terminating'] as const) : []),
                ],
              }
            : {}),
          ...(endpoint.nodeName !== undefined ? { nodeName: endpoint.nodeName } : {}),
          ...(endpoint.zone !== undefined ? { zone: endpoint.zone } : {}),
          ...(workload !== undefined ? { workload } : {}),
        });
      }
    }
    if (missingTargets.length > 0) {
      diagnostics.push(
        snapshotDiagnostic(
          'ENDPOINT_TARGET_NOT_IN_SNAPSHOT',
          `EndpointSlice ${namespace}/${slice.metadata.name} (cluster ${index.cluster}) points at ${missingTargets.length} pod(s) not in the snapshot; those endpoints keep only the slice's node and zone.`,
          [sourceRef, ...missingTargets.slice(0, 5)],
        ),
      );
    }
  }
  return endpoints;
}

function serviceEntryEndpoints(
  index: ClusterIndex,
  entries: readonly ServiceEntryModel[],
  workloadsByNamespace: ReadonlyMap<string, WorkloadModel[]>,
  diagnostics: Diagnostic[],
): EndpointModel[] {
  const endpoints: EndpointModel[] = [];
  entries.forEach((entry, position) => {
    const raw = index.serviceEntries[position];
    const sourceRef: ResourceRef = {
      kind: 'ServiceEntry',
      name: entry.name,
      namespace: entry.namespace,
      cluster: index.cluster,
    };
    const service = { kind: 'ServiceEntry', namespace: entry.namespace, name: entry.name } as const;
    for (const inline of raw?.spec?.endpoints ?? []) {
      if (inline.address === undefined) continue;
      endpoints.push({
        cluster: index.cluster,
        service,
        address: inline.address,
        source: 'ServiceEntry',
        sourceRef,
        ready: true,
        serving: true,
        terminating: false,
        labels: inline.labels ?? {},
        locality: inline.locality === undefined ? UNKNOWN_LOCALITY : parseLocality(inline.locality),
        network: inline.network ?? index.network,
        weight: inline.weight === undefined || inline.weight === 0 ? DEFAULT_ENDPOINT_WEIGHT : inline.weight,
      });
    }
    const selector = entry.workloadSelector;
    if (selector === undefined) return;
    let matched = 0;
    for (const workload of workloadsByNamespace.get(entry.namespace) ?? []) {
      if (!matchesLabels(selector, workload.labels)) continue;
      const source = workload.kind === 'WorkloadEntry' ? 'WorkloadEntry' : 'ServiceEntry';
      const endpoint = workloadEndpoint(workload, service, source, sourceRef);
      if (endpoint === undefined) continue;
      matched += 1;
      endpoints.push(endpoint);
    }
    if (matched === 0) {
      diagnostics.push(
        snapshotDiagnostic(
          'SELECTOR_MATCHES_NOTHING',
          `ServiceEntry ${entry.namespace}/${entry.name} (cluster ${index.cluster}) selects workloads by labels, but no WorkloadEntry or pod with an address in its namespace matches.`,
          [sourceRef],
        ),
      );
    }
  });
  return endpoints;
}

function serviceWorkloadEntryEndpoints(
  index: ClusterIndex,
  services: readonly ServiceModel[],
  workloadsByNamespace: ReadonlyMap<string, WorkloadModel[]>,
): EndpointModel[] {
  const endpoints: EndpointModel[] = [];
  for (const service of services) {
    const selector: Labels | undefined = service.selector;
    if (selector === undefined || Object.keys(selector).length === 0) continue;
    for (const workload of workloadsByNamespace.get(service.namespace) ?? []) {
      if (workload.kind !== 'WorkloadEntry' || !matchesLabels(selector, workload.labels)) continue;
      const endpoint = workloadEndpoint(
        workload,
        { kind: 'Service', namespace: service.namespace, name: service.name },
        'WorkloadEntry',
        { kind: 'WorkloadEntry', name: workload.name, namespace: workload.namespace, cluster: index.cluster },
      );
      if (endpoint !== undefined) endpoints.push(endpoint);
    }
  }
  return endpoints;
}

/**
 * The EndpointSlice controller's view of a Service whose slices the snapshot lacks (Kubernetes
 * `endpointslice` controller: `ShouldPodBeInEndpoints` with terminating pods included, then `podToEndpoint`):
 * every Pod in the Service's namespace that its selector matches, unless the Pod has finished or has no IP;
 * serving = the Pod's Ready condition, terminating = a deletion timestamp, ready = publishNotReadyAddresses ||
 * (serving && !terminating); the zone is the node's `topology.kubernetes.io/zone` label. Services without a
 * selector, or of type ExternalName, get none, as in the controller.
 */
function derivedEndpoints(
  index: ClusterIndex,
  services: readonly ServiceModel[],
  diagnostics: Diagnostic[],
): EndpointModel[] {
  const sliced = new Set<string>();
  for (const slice of index.endpointSlices) {
    const serviceName = labelsOf(slice)[LABEL_SERVICE_NAME];
    if (serviceName !== undefined) sliced.add(`${namespaceOf(slice)}/${serviceName}`);
  }
  const podsByNamespace = new Map<string, PodObject[]>();
  for (const pod of index.pods) {
    const list = podsByNamespace.get(namespaceOf(pod)) ?? [];
    list.push(pod);
    podsByNamespace.set(namespaceOf(pod), list);
  }
  const endpoints: EndpointModel[] = [];
  const derivedFor: ResourceRef[] = [];
  let serviceCount = 0;
  for (const service of services) {
    const selector = service.selector;
    if (selector === undefined || Object.keys(selector).length === 0 || service.type === EXTERNAL_NAME)
      continue;
    if (sliced.has(`${service.namespace}/${service.name}`)) continue;
    const sourceRef: ResourceRef = {
      kind: 'Service',
      name: service.name,
      namespace: service.namespace,
      cluster: index.cluster,
    };
    let derived = 0;
    for (const pod of podsByNamespace.get(service.namespace) ?? []) {
      if (!matchesLabels(selector, labelsOf(pod))) continue;
      const address = podIPOf(pod.status);
      if (address === undefined || podTerminal(pod)) continue;
      const serving = podReady(pod);
      const terminating = pod.metadata.deletionTimestamp !== undefined;
      const nodeName = pod.spec?.nodeName;
      const zone =
        nodeName === undefined ? undefined : index.nodeByName.get(nodeName)?.metadata.labels?.[LABEL_ZONE];
      endpoints.push({
        cluster: index.cluster,
        service: { kind: 'Service', namespace: service.namespace, name: service.name },
        address,
        source: 'ServiceSelector',
        sourceRef,
        ready: service.publishNotReadyAddresses || (serving && !terminating),
        serving,
        terminating,
        ...(nodeName !== undefined ? { nodeName } : {}),
        ...(zone !== undefined && zone !== '' ? { zone } : {}),
        workload: { kind: 'Pod', namespace: service.namespace, name: pod.metadata.name },
      });
      derived += 1;
    }
    if (derived === 0) continue;
    serviceCount += 1;
    if (derivedFor.length < MAX_RESOURCES_PER_DIAGNOSTIC) derivedFor.push(sourceRef);
  }
  if (serviceCount > 0) {
    const ready = endpoints.filter((endpoint) => endpoint.ready).length;
    diagnostics.push(
      snapshotDiagnostic(
        'ENDPOINTS_DERIVED_FROM_PODS',
        `${serviceCount} Service(s) in cluster ${index.cluster} have no EndpointSlice in the snapshot; their ${endpoints.length} endpoint(s) (${ready} ready) were derived from each Service's selector and its Pods' IPs and Ready conditions, as the EndpointSlice controller derives them. Add endpointslices to the capture to see what the cluster itself serves.`,
        derivedFor,
      ),
    );
  }
  return endpoints;
}

export function normalizeEndpoints(
  index: ClusterIndex,
  services: readonly ServiceModel[],
  serviceEntries: readonly ServiceEntryModel[],
  workloads: readonly WorkloadModel[],
  diagnostics: Diagnostic[],
): EndpointModel[] {
  const podKeys = new Set(index.pods.map((pod) => `${namespaceOf(pod)}/${pod.metadata.name}`));
  const workloadsByNamespace = groupByNamespace(workloads);
  return [
    ...sliceEndpoints(index, podKeys, diagnostics),
    ...derivedEndpoints(index, services, diagnostics),
    ...serviceEntryEndpoints(index, serviceEntries, workloadsByNamespace, diagnostics),
    ...serviceWorkloadEntryEndpoints(index, services, workloadsByNamespace),
  ];
}
