/**
 * Which clusters' endpoints an Envoy proxy in sidecar mode (a sidecar or an ingress gateway pod) sees for a
 * `cluster.local` host. istiod aggregates every cluster's registry: a Service's endpoints are sharded per
 * cluster under one hostname and `EndpointBuilder.snapshotShards` merges every shard, so same-name Services
 * in the same namespace of a multi-primary mesh form one Envoy cluster ("namespace sameness"), each
 * endpoint keeping its own cluster, network and locality. Only a cluster-local host
 * (`ClusterLocalHosts.IsClusterLocal`, `istio/clusterLocalHosts.ts`) keeps the proxy's own cluster's shard.
 * Ambient paths (ztunnel, waypoints) do not take this view: they merge only global services
 * (`resolveBackend`).
 */
import { isClusterLocalHost } from '../istio/index.js';
import type { ServiceModel } from '../model/meshModel.js';
import type { CompiledMesh } from './compiledMesh.js';
import type { ResolvedBackend } from './resolveBackend.js';

export interface SidecarModeServices {
  readonly services: readonly ServiceModel[];
  /** Set when the view differs from the ambient one (merged, or kept local by serviceSettings). */
  readonly note?: string;
}

const byCluster = (a: ServiceModel, b: ServiceModel): number =>
  a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0;

/**
 * The Services whose endpoints a sidecar-mode Envoy proxy in `clientCluster` merges for `backend`.
 *
 * @example sidecarModeServices(mesh, helloworld, 'cluster1').services.map((s) => s.cluster) // → ['cluster1', 'cluster2', 'cluster3']
 */
export function sidecarModeServices(
  mesh: CompiledMesh,
  backend: ResolvedBackend,
  clientCluster: string,
): SidecarModeServices {
  const every = backend.kind === 'SERVICE' ? (mesh.servicesByHost.get(backend.host) ?? []) : [];
  const clusters = new Set(every.map((s) => s.cluster));
  if (clusters.size <= 1) return { services: backend.services };
  const local = isClusterLocalHost(backend.host, mesh.model.meshConfig.serviceSettings ?? []);
  if (local.clusterLocal) {
    return {
      services: every.filter((s) => s.cluster === clientCluster),
      note: `${backend.host} is cluster-local (${local.reason}): this Envoy proxy takes endpoints from its own cluster ${clientCluster} only, though ${clusters.size} clusters define the Service (ClusterLocalHosts.IsClusterLocal).`,
    };
  }
  const merged = [...every].sort(byCluster);
  return {
    services: merged,
    note: `Namespace sameness: ${backend.namespace}/${backend.name} exists in ${merged.map((s) => s.cluster).join(', ')}; istiod merges every cluster's endpoints of ${backend.host} into this Envoy proxy's cluster (EndpointBuilder.snapshotShards), each with its own cluster, network and locality.`,
  };
}
