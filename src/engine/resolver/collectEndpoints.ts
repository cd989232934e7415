/**
 * The endpoints behind a destination, with the identity (cluster, network, locality, node, labels) the
 * balancing proxy compares against its own (istio.md §1.2: pod locality comes from its node;
 * WorkloadEntries from `spec.locality`; EndpointSlice `zone` hints fill in when neither is known).
 */
import type {
  EndpointModel,
  Labels,
  Locality,
  ResourceRef,
  ServiceEntryModel,
  ServiceModel,
  WorkloadModel,
} from '../model/meshModel.js';
import {
  DRAINING_LABEL,
  endpointHealthStatus,
  supportsDrainingEndpoints,
  type EndpointHealthStatus,
} from '../istio/index.js';
import type { CompiledMesh } from './compiledMesh.js';
import { meshKey } from './meshKeys.js';

export interface EndpointCandidate {
  readonly id: string;
  readonly name: string;
  readonly address?: string;
  readonly cluster: string;
  readonly network: string;
  readonly locality: Locality;
  readonly node?: string;
  readonly workload?: ResourceRef;
  /** Workload labels before topology augmentation. */
  readonly labels: Labels;
  /** Kubernetes-ready as istiod reads it: `status.health` is HEALTHY. */
  readonly ready: boolean;
  readonly terminating: boolean;
  /** What istiod makes of the endpoint's conditions for EDS (`endpointHealthStatus`), with the reason. */
  readonly status: EndpointHealthStatus;
  /**
   * ztunnel's view: istiod builds a pod's workload HEALTHY only when the pod is Ready and not being deleted
   * (`ambient/workloads.go`); an endpoint without a pod in the snapshot takes its slice's `ready`.
   */
  readonly ztunnelHealthy: boolean;
  readonly ztunnelReason: string;
  readonly weight: number;
  /** The Service or ServiceEntry this endpoint came from. */
  readonly serviceRef: ResourceRef;
}

const NO_LOCALITY: Locality = { region: '', zone: '', subzone: '' };

/** ztunnel's health of one endpoint's workload (`ambient/workloads.go`: pod Ready and no deletionTimestamp). */
function ztunnelHealth(
  ep: EndpointModel,
  wl: WorkloadModel | undefined,
): { readonly healthy: boolean; readonly reason: string } {
  if (wl !== undefined) {
    if (wl.terminating)
      return { healthy: false, reason: `${wl.kind} ${wl.name} is being deleted: its workload is UNHEALTHY` };
    if (!wl.ready)
      return { healthy: false, reason: `${wl.kind} ${wl.name} is not Ready: its workload is UNHEALTHY` };
    return { healthy: true, reason: `${wl.kind} ${wl.name} is Ready: its workload is HEALTHY` };
  }
  return ep.ready
    ? { healthy: true, reason: 'ready: its workload is HEALTHY' }
    : { healthy: false, reason: 'ready: false: its workload is UNHEALTHY' };
}

function candidate(mesh: CompiledMesh, ep: EndpointModel): EndpointCandidate {
  const wl: WorkloadModel | undefined =
    ep.workload === undefined
      ? undefined
      : mesh.workloads.get(meshKey(ep.cluster, ep.workload.namespace, ep.workload.name));
  const nodeName = ep.nodeName ?? wl?.nodeName;
  const node = nodeName === undefined ? undefined : mesh.nodes.get(meshKey(ep.cluster, nodeName));
  const clusterNetwork = mesh.clusters.get(ep.cluster)?.network ?? '';
  const locality =
    wl?.locality ??
    ep.locality ??
    node?.locality ??
    (ep.zone !== undefined ? { ...NO_LOCALITY, zone: ep.zone } : NO_LOCALITY);
  const network = ep.network ?? wl?.network ?? node?.network ?? clusterNetwork;
  const name = ep.workload?.name ?? ep.address;
  const labels = wl?.labels ?? ep.labels ?? {};
  const service =
    ep.service.kind === 'Service'
      ? mesh.services.get(meshKey(ep.cluster, ep.service.namespace, ep.service.name))
      : undefined;
  const persistentSession = service !== undefined && supportsDrainingEndpoints(service.labels);
  const unset = ep.unsetConditions ?? [];
  const conditions = {
    ready: ep.ready,
    ...(unset.includes('serving') ? {} : { serving: ep.serving }),
    ...(unset.includes('terminating') ? {} : { terminating: ep.terminating }),
  };
  let status = endpointHealthStatus(conditions, persistentSession);
  // `buildEnvoyLbEndpoint`: the draining label turns any endpoint DRAINING.
  if ((labels[DRAINING_LABEL] ?? '') !== '')
    status = { health: 'DRAINING', reason: `draining (labelled ${DRAINING_LABEL})` };
  const ztunnel = ztunnelHealth(ep, wl);
  return {
    id:
      ep.workload !== undefined
        ? meshKey(ep.cluster, ep.workload.namespace, ep.workload.name)
        : meshKey(ep.cluster, ep.address),
    name,
    address: ep.address,
    cluster: ep.cluster,
    network,
    locality,
    ...(nodeName !== undefined ? { node: nodeName } : {}),
    ...(ep.workload !== undefined
      ? {
          workload: {
            kind: ep.workload.kind,
            name: ep.workload.name,
            namespace: ep.workload.namespace,
            cluster: ep.cluster,
          },
        }
      : {}),
    labels,
    ready: status.health === 'HEALTHY',
    terminating: status.health === 'TERMINATING' || ep.terminating,
    status,
    ztunnelHealthy: ztunnel.healthy,
    ztunnelReason: ztunnel.reason,
    weight: ep.weight ?? wl?.weight ?? 1,
    serviceRef: {
      kind: ep.service.kind,
      name: ep.service.name,
      namespace: ep.service.namespace,
      cluster: ep.cluster,
    },
  };
}

/**
 * A pod as a candidate of its own Gateway (a waypoint whose generated Service is missing from the
 * snapshot): Kubernetes would list it Ready unless it is not Ready or being deleted.
 */
export function podCandidate(pod: WorkloadModel, serviceRef: ResourceRef): EndpointCandidate {
  const status = endpointHealthStatus(
    { ready: pod.ready && !pod.terminating, serving: pod.ready, terminating: pod.terminating },
    false,
  );
  const ztunnel = ztunnelHealth(
    {
      cluster: pod.cluster,
      service: { kind: 'Service', namespace: pod.namespace, name: serviceRef.name },
      address: pod.address ?? '',
      source: 'EndpointSlice',
      sourceRef: serviceRef,
      ready: pod.ready,
      serving: pod.ready,
      terminating: pod.terminating,
    },
    pod,
  );
  return {
    id: meshKey(pod.cluster, pod.namespace, pod.name),
    name: pod.name,
    ...(pod.address !== undefined ? { address: pod.address } : {}),
    cluster: pod.cluster,
    network: pod.network,
    locality: pod.locality,
    ...(pod.nodeName !== undefined ? { node: pod.nodeName } : {}),
    workload: { kind: 'Pod', name: pod.name, namespace: pod.namespace, cluster: pod.cluster },
    labels: pod.labels,
    ready: status.health === 'HEALTHY',
    terminating: pod.terminating,
    status,
    ztunnelHealthy: ztunnel.healthy,
    ztunnelReason: ztunnel.reason,
    weight: pod.weight,
    serviceRef,
  };
}

/**
 * Candidates per compiled mesh and destination (the sources' keys joined): a compiled mesh is immutable,
 * so the endpoints behind a destination never change, and every query against the mesh shares them
 * instead of rebuilding thousands of objects per request. Same input, same output; only the work is saved.
 */
const candidatesByMesh = new WeakMap<CompiledMesh, Map<string, readonly EndpointCandidate[]>>();

/**
 * Endpoints of the given Services (one per cluster for a global host) and ServiceEntry, in a stable
 * order (cluster, then name). The same workload listed twice (two slices) is kept once. The result is
 * shared by every query against `mesh`: callers must not change it.
 */
export function collectEndpoints(
  mesh: CompiledMesh,
  services: readonly ServiceModel[],
  serviceEntry?: ServiceEntryModel,
): readonly EndpointCandidate[] {
  const sources: { cluster: string; kind: 'Service' | 'ServiceEntry'; namespace: string; name: string }[] =
    services.map((s) => ({
      cluster: s.cluster,
      kind: 'Service',
      namespace: s.namespace,
      name: s.name,
    }));
  if (serviceEntry !== undefined) {
    sources.push({
      cluster: serviceEntry.cluster,
      kind: 'ServiceEntry',
      namespace: serviceEntry.namespace,
      name: serviceEntry.name,
    });
  }
  const keys = sources.map((s) => meshKey(s.cluster, s.kind, s.namespace, s.name));
  // Kubernetes names never contain a newline, so the joined keys name the source list unambiguously.
  const cacheKey = keys.join('\n');
  let byDestination = candidatesByMesh.get(mesh);
  if (byDestination === undefined)
    candidatesByMesh.set(mesh, (byDestination = new Map<string, readonly EndpointCandidate[]>()));
  const cached = byDestination.get(cacheKey);
  if (cached !== undefined) return cached;
  const out = new Map<string, EndpointCandidate>();
  for (const key of keys) {
    for (const ep of mesh.endpointsByService.get(key) ?? []) {
      const c = candidate(mesh, ep);
      if (!out.has(c.id)) out.set(c.id, c);
    }
  }
  const sorted = [...out.values()].sort((a, b) =>
    a.cluster === b.cluster
      ? a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0
      : a.cluster < b.cluster
        ? -1
        : 1,
  );
  byDestination.set(cacheKey, sorted);
  return sorted;
}
