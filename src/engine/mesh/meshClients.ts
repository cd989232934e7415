/**
 * Every client of the mesh-wide questions: each workload that calls through a mesh proxy — ambient and
 * sidecar workloads (Deployments, StatefulSets, standalone pods, WorkloadEntries) and ingress Gateways —
 * as the reference whatIf takes, resolved exactly as whatIf resolves it. Pods that run a Gateway are proxies,
 * not callers: an ingress gateway is listed once, by its Gateway's name; waypoints and east-west gateways
 * are left out. Clients outside the mesh (kube-proxy) are left out too: no mesh policy applies to them.
 */
import { INGRESS_GATEWAY_CLASS } from '../resolver/compileMesh.js';
import type { CompiledMesh } from '../resolver/compiledMesh.js';
import { meshKey } from '../resolver/meshKeys.js';
import { resolveClient, type ResolvedClient } from '../resolver/resolveClient.js';
import type { MeshClientKind } from '../model/meshWide.js';

export interface MeshClient {
  /** `[cluster/]namespace/name`, as whatIf's `client` takes it. */
  readonly reference: string;
  readonly client: ResolvedClient & { readonly kind: MeshClientKind };
}

function isMeshClient(client: ResolvedClient): client is MeshClient['client'] {
  return client.kind !== 'OUTSIDE_MESH';
}

/**
 * @param qualified write references as `cluster/namespace/name`; by default when the mesh has several
 *   clusters (a two-part reference is then ambiguous for names found in more than one).
 * @example meshClients(compileMesh(httpbin)).map((c) => c.reference) // → ['httpbin/client-in-ambient', 'httpbin/in-ambient']
 */
export function meshClients(mesh: CompiledMesh, qualified = mesh.clusters.size > 1): MeshClient[] {
  const candidates = new Set<string>();
  for (const w of mesh.workloads.values()) {
    if (w.gatewayName !== undefined) continue;
    candidates.add(meshKey(w.cluster, w.namespace, w.kind === 'Pod' ? w.workloadName : w.name));
  }
  for (const gw of mesh.gateways.values()) {
    if (gw.gatewayClassName === INGRESS_GATEWAY_CLASS)
      candidates.add(meshKey(gw.cluster, gw.namespace, gw.name));
  }
  const seen = new Set<string>();
  const out: MeshClient[] = [];
  for (const key of candidates) {
    const [cluster = '', namespace = '', name = ''] = key.split('/');
    const reference = qualified ? key : meshKey(namespace, name);
    const client = resolveClient(mesh, reference);
    // Two candidates can name the same proxies (a pod named like a workload): one reference each.
    const identity = meshKey(client.cluster, client.ref.kind, client.namespace, client.ref.name);
    if (!isMeshClient(client) || seen.has(identity) || client.cluster !== cluster) continue;
    seen.add(identity);
    out.push({ reference, client });
  }
  return out.sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
}
