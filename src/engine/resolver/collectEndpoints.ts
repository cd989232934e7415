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
  readonly ready: boolean;
  readonly terminating: boolean;
  readonly weight: number;
  /** The Service or ServiceEntry this endpoint came from. */
  readonly serviceRef: ResourceRef;
}

const NO_LOCALITY: Locality = { region: '', zone: '', subzone: '' };

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
    labels: wl?.labels ?? ep.labels ?? {},
    // Kubernetes treats an absent `ready` as true; normalization already did. A terminating pod is not ready.
    ready: ep.ready && !ep.terminating,
    terminating: ep.terminating,
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
