/**
 * The proxy that balances a client's first hop, as a hop source: which kind, where it runs and what it
 * carries. `resolvePath` builds every first hop from it, and the mesh-wide questions key client classes on
 * it (`../mesh/clientClasses.ts`), so both read the client through this one function.
 */
import type { WorkloadModel } from '../model/meshModel.js';
import type { CompiledMesh } from './compiledMesh.js';
import type { HopSource } from './hopContext.js';
import type { ResolvedClient } from './resolveClient.js';

const NO_LOCALITY = { region: '', zone: '', subzone: '' } as const;

/** A proxy running in (or for) `pod`; without a pod, the cluster's network and no locality. */
export function sourceOfPod(
  kind: HopSource['kind'],
  pod: WorkloadModel | undefined,
  cluster: string,
  namespace: string,
  network: string,
  name?: string,
): HopSource {
  const n = name ?? pod?.name;
  return {
    kind,
    ...(n !== undefined ? { name: n } : {}),
    cluster,
    network: pod?.network ?? network,
    locality: pod?.locality ?? NO_LOCALITY,
    ...(pod?.nodeName !== undefined ? { node: pod.nodeName } : {}),
    namespace,
    labels: pod?.labels ?? {},
  };
}

/** The network of a client's cluster (`''` when single-network). */
export function clusterNetwork(mesh: CompiledMesh, cluster: string): string {
  return mesh.clusters.get(cluster)?.network ?? '';
}

/**
 * The first hop's source for a resolved client: kube-proxy for a client outside the mesh, the node's
 * ztunnel for an ambient client, the sidecar or gateway proxy itself otherwise (its config namespace is
 * the Gateway's for an ingress gateway).
 *
 * @example clientHopSource(mesh, ambientClient) // → { kind: 'ZTUNNEL', name: 'ztunnel@node-a', locality: …, … }
 */
export function clientHopSource(mesh: CompiledMesh, client: ResolvedClient): HopSource {
  const network = clusterNetwork(mesh, client.cluster);
  switch (client.kind) {
    case 'OUTSIDE_MESH':
      return sourceOfPod('NONE', client.pod, client.cluster, client.namespace, network);
    case 'AMBIENT': {
      const node = client.pod?.nodeName;
      return sourceOfPod(
        'ZTUNNEL',
        client.pod,
        client.cluster,
        client.namespace,
        network,
        node !== undefined ? `ztunnel@${node}` : 'ztunnel',
      );
    }
    case 'SIDECAR':
    case 'INGRESS_GATEWAY':
      return sourceOfPod(
        client.kind,
        client.pod,
        client.cluster,
        client.gateway?.namespace ?? client.namespace,
        network,
      );
  }
}
