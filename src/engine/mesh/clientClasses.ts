/**
 * Client classes: the answer for a client × backend pair depends on the client only through the source of
 * its first hop (`resolver/clientSource.ts`) — the proxy kind (which hops follow), its cluster (which copy
 * of a Service, which waypoint, which DestinationRules exist), its network and locality (priorities,
 * ztunnel ranking, the waypoint instance reached and so every later hop) and, where `classReads` finds the
 * mesh reads them, its node and the proxy labels a rule compares. Sidecars and gateways also read their
 * config namespace (DestinationRule visibility, istio.md §2); ztunnel reads no DestinationRule, so ambient
 * clients of every namespace share a class. Everything else about a client (its name, its other pods)
 * only names things in the answer. `test/unit/engine/mesh/clientClasses.property.test.ts` holds the
 * reduction to the pair-by-pair answer on generated meshes.
 */
import { LABEL_NETWORK, localityString } from '../istio/index.js';
import type { ClientClass, MeshClientKind } from '../model/meshWide.js';
import type { Profile } from '../model/meshModel.js';
import { clientHopSource } from '../resolver/clientSource.js';
import type { CompiledMesh } from '../resolver/compiledMesh.js';
import { sourceLabels } from '../resolver/hopContext.js';
import { classReads, type ClassReads } from './classReads.js';
import { meshClients, type MeshClient } from './meshClients.js';

export interface ClientClasses {
  readonly classes: readonly ClientClass[];
  /** Client reference → its class. */
  readonly classOf: ReadonlyMap<string, ClientClass>;
  /** What the key holds in this mesh, and why: one sentence per part. */
  readonly classKey: readonly string[];
}

const KIND_WORDS: { readonly [K in MeshClientKind]: string } = {
  AMBIENT: 'ambient clients',
  SIDECAR: 'sidecar clients',
  INGRESS_GATEWAY: 'ingress gateways',
};

type ClassFacts = Omit<ClientClass, 'id' | 'description' | 'clients'>;

function factsOf(mesh: CompiledMesh, entry: MeshClient, reads: ClassReads): ClassFacts {
  const { client } = entry;
  const source = clientHopSource(mesh, client);
  const envoy = client.kind !== 'AMBIENT';
  const labels: string[] = [];
  if (envoy && reads.labels.size > 0) {
    const augmented = sourceLabels(source);
    for (const key of [...reads.labels.keys()].sort()) labels.push(`${key}=${augmented[key] ?? ''}`);
  } else if (envoy) {
    // The network label Envoy compares is the proxy's own label when it has one (`augmentLabels`).
    const network = sourceLabels(source)[LABEL_NETWORK];
    if (network !== undefined && network !== source.network) labels.push(`${LABEL_NETWORK}=${network}`);
  }
  return {
    kind: client.kind,
    cluster: source.cluster,
    network: source.network,
    locality: localityString(source.locality),
    ...(envoy ? { namespace: source.namespace } : {}),
    ...(reads.node.length > 0 ? { node: source.node ?? '' } : {}),
    labels,
  };
}

function idOf(f: ClassFacts): string {
  return [f.kind, f.cluster, f.network, f.locality, f.namespace ?? '', f.node ?? '', ...f.labels].join('|');
}

/** "sidecar clients in namespace shop, cluster1 (network1), us-east/us-east-1a" */
export function describeClass(f: ClassFacts, multicluster: boolean): string {
  const where: string[] = [];
  if (f.namespace !== undefined) where.push(`namespace ${f.namespace}`);
  if (multicluster) where.push(f.network === '' ? f.cluster : `${f.cluster} (${f.network})`);
  where.push(f.locality === '' ? 'an unknown locality' : f.locality);
  if (f.node !== undefined) where.push(f.node === '' ? 'no node' : `node ${f.node}`);
  where.push(...f.labels);
  return `${KIND_WORDS[f.kind]} in ${where.join(', ')}`;
}

function classKeyOf(reads: ClassReads): string[] {
  const out = [
    'proxy kind: ztunnel (ambient), sidecar or ingress gateway decides the hops',
    'cluster and network: which copy of a Service, which waypoint and DestinationRules, cross-network endpoints',
    "locality of the client's proxy: priorities, ztunnel ranking and the waypoint instance reached",
    'namespace of sidecars and gateways: which DestinationRules they see (ztunnel reads none)',
  ];
  if (reads.node.length > 0) out.push(`node: ${reads.node.join('; ')}`);
  for (const [key, why] of [...reads.labels].sort(([a], [b]) => (a < b ? -1 : 1)))
    out.push(`label ${key} of sidecars and gateways: ${why}`);
  return out;
}

/**
 * @example clientClasses(compileMesh(httpbin), 'SOLO').classes
 *   // → [{ kind: 'AMBIENT', locality: 'us-east-1/us-east-1a', clients: ['httpbin/client-in-ambient', 'httpbin/in-ambient'], … }]
 */
export function clientClasses(
  mesh: CompiledMesh,
  profile: Profile,
  clients: readonly MeshClient[] = meshClients(mesh),
): ClientClasses {
  const reads = classReads(mesh, profile);
  const multicluster = mesh.clusters.size > 1;
  const byId = new Map<string, { facts: ClassFacts; clients: string[] }>();
  const idOfClient = new Map<string, string>();
  for (const entry of clients) {
    const facts = factsOf(mesh, entry, reads);
    const id = idOf(facts);
    const group = byId.get(id);
    if (group === undefined) byId.set(id, { facts, clients: [entry.reference] });
    else group.clients.push(entry.reference);
    idOfClient.set(entry.reference, id);
  }
  const classById = new Map<string, ClientClass>();
  for (const [id, { facts, clients: refs }] of [...byId].sort(([a], [b]) => (a < b ? -1 : 1))) {
    classById.set(id, {
      id,
      ...facts,
      description: describeClass(facts, multicluster),
      clients: refs.sort(),
    });
  }
  const classOf = new Map<string, ClientClass>();
  for (const [reference, id] of idOfClient) {
    const c = classById.get(id);
    if (c !== undefined) classOf.set(reference, c);
  }
  return { classes: [...classById.values()], classOf, classKey: classKeyOf(reads) };
}
