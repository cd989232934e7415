/**
 * Client references (`../shared/design/api.md`, "client"): `[cluster/]namespace/name`, where name is a
 * pod, a workload (Deployment/StatefulSet or `app` label) or an ingress Gateway.
 */
import { EngineError } from '../errors.js';
import type { GatewayModel, ResourceRef, WorkloadModel } from '../model/meshModel.js';
import { closestNames } from './closestNames.js';
import type { CompiledMesh } from './compiledMesh.js';
import { INGRESS_GATEWAY_CLASS } from './compileMesh.js';
import { meshKey } from './meshKeys.js';

/** How the client's traffic leaves it, which decides the first hop (seeds 000, 001, 003). */
export type ClientKind = 'AMBIENT' | 'SIDECAR' | 'INGRESS_GATEWAY' | 'OUTSIDE_MESH';

export interface ResolvedClient {
  /** The object the reference named. */
  readonly ref: ResourceRef;
  readonly kind: ClientKind;
  readonly cluster: string;
  readonly namespace: string;
  /** The pod whose locality the representative hops use; absent for a Gateway without pods. */
  readonly pod?: WorkloadModel;
  /**
   * Every pod that sends the client's requests, weighted equally in end-to-end shares: the ready,
   * non-terminating pods, else the representative alone (empty without one).
   */
  readonly pods: readonly WorkloadModel[];
  readonly gateway?: GatewayModel;
  readonly notes: readonly string[];
}

interface Match {
  readonly cluster: string;
  readonly ref: ResourceRef;
  readonly pods: readonly WorkloadModel[];
  readonly gateway?: GatewayModel;
}

function byName(a: WorkloadModel, b: WorkloadModel): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The pod that stands for a workload: locality decides priorities, so the choice must be stable. Ready,
 * non-terminating pods first, then by name.
 */
export function representativePod(pods: readonly WorkloadModel[]): WorkloadModel | undefined {
  const rank = (p: WorkloadModel): number => (p.ready && !p.terminating ? 0 : p.terminating ? 2 : 1);
  return [...pods].sort((a, b) => rank(a) - rank(b) || byName(a, b))[0];
}

function matchInCluster(
  mesh: CompiledMesh,
  cluster: string,
  namespace: string,
  name: string,
): Match | undefined {
  const exact = mesh.workloads.get(meshKey(cluster, namespace, name));
  if (exact !== undefined) {
    return { cluster, ref: { kind: exact.kind, cluster, namespace, name }, pods: [exact] };
  }
  const inCluster = (list: readonly WorkloadModel[] | undefined): WorkloadModel[] =>
    (list ?? []).filter((w) => w.cluster === cluster);
  const byWorkload = inCluster(mesh.workloadsByWorkloadName.get(meshKey(namespace, name)));
  if (byWorkload.length > 0)
    return { cluster, ref: { kind: 'Workload', cluster, namespace, name }, pods: byWorkload };
  const byApp = inCluster(mesh.workloadsByApp.get(meshKey(namespace, name)));
  if (byApp.length > 0) return { cluster, ref: { kind: 'Workload', cluster, namespace, name }, pods: byApp };
  const gateway = mesh.gateways.get(meshKey(cluster, namespace, name));
  if (gateway?.gatewayClassName === INGRESS_GATEWAY_CLASS) {
    const pods = gateway.podNames
      .map((p) => mesh.workloads.get(meshKey(cluster, namespace, p)))
      .filter((p): p is WorkloadModel => p !== undefined);
    return { cluster, ref: { kind: 'Gateway', cluster, namespace, name }, pods, gateway };
  }
  return undefined;
}

function kindOf(
  pod: WorkloadModel | undefined,
  gateway: GatewayModel | undefined,
  mesh: CompiledMesh,
): ClientKind {
  if (gateway !== undefined) return 'INGRESS_GATEWAY';
  if (pod === undefined) return 'OUTSIDE_MESH';
  if (pod.gatewayName !== undefined) {
    const gw = mesh.gateways.get(meshKey(pod.cluster, pod.namespace, pod.gatewayName));
    if (gw?.gatewayClassName === INGRESS_GATEWAY_CLASS) return 'INGRESS_GATEWAY';
  }
  switch (pod.dataplaneMode) {
    case 'ambient':
      return 'AMBIENT';
    case 'sidecar':
      return 'SIDECAR';
    case 'none':
      return 'OUTSIDE_MESH';
  }
}

/**
 * Resolve a client reference. Pod names win over workload names, workload names over `app` labels,
 * and those over ingress Gateway names. Without a cluster, a name found in several clusters is
 * ambiguous.
 *
 * @example resolveClient(mesh, 'httpbin/client-in-ambient') // → { kind: 'AMBIENT', pod: client-in-ambient-…, … }
 * @throws EngineError INVALID_REFERENCE, UNKNOWN_CLIENT (with `closest`), AMBIGUOUS_REFERENCE (with `candidates`)
 */
export function resolveClient(mesh: CompiledMesh, reference: string): ResolvedClient {
  const parts = reference.split('/');
  if ((parts.length !== 2 && parts.length !== 3) || parts.some((p) => p.trim() === '')) {
    throw new EngineError('INVALID_REFERENCE', `client "${reference}" is not [cluster/]namespace/name`, {
      value: reference,
    });
  }
  const [cluster, namespace, name] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  if (namespace === undefined || name === undefined) {
    throw new EngineError('INVALID_REFERENCE', `client "${reference}" is not [cluster/]namespace/name`, {
      value: reference,
    });
  }
  if (cluster !== undefined && !mesh.clusters.has(cluster)) {
    throw new EngineError('UNKNOWN_CLIENT', `cluster "${cluster}" is not in this snapshot`, {
      closest: closestNames(cluster, [...mesh.clusters.keys()].sort()),
    });
  }
  const clusters = cluster !== undefined ? [cluster] : [...mesh.clusters.keys()].sort();
  const matches = clusters
    .map((c) => matchInCluster(mesh, c, namespace, name))
    .filter((m): m is Match => m !== undefined);
  const match = matches[0];
  if (match === undefined) {
    throw new EngineError('UNKNOWN_CLIENT', `no pod, workload or ingress Gateway "${namespace}/${name}"`, {
      closest: closestNames(meshKey(namespace, name), mesh.knownClients),
    });
  }
  if (matches.length > 1) {
    const candidates = matches.map((m) => meshKey(m.cluster, namespace, name));
    throw new EngineError(
      'AMBIGUOUS_REFERENCE',
      `client "${reference}" exists in several clusters; name one`,
      {
        candidates,
      },
    );
  }
  const pod = representativePod(match.pods);
  const ready = match.pods.filter((p) => p.ready && !p.terminating);
  const senders = ready.length > 0 ? ready : pod !== undefined ? [pod] : [];
  const notes: string[] = [];
  if (match.pods.length > 1 && pod !== undefined) {
    const spread =
      senders.length > 1
        ? ` End-to-end shares (backendShares) weight its ${senders.length} ready pods equally, each from its own locality: the snapshot gives no request rate per pod.`
        : '';
    notes.push(
      `${match.ref.kind} ${namespace}/${name} has ${match.pods.length} pods; locality is taken from ${pod.name} (first ready pod by name).${spread}`,
    );
  }
  if (pod === undefined && match.gateway !== undefined) {
    notes.push(`Gateway ${namespace}/${name} has no pods in the snapshot; its locality is unknown.`);
  }
  return {
    ref: match.ref,
    kind: kindOf(pod, match.gateway, mesh),
    cluster: match.cluster,
    namespace,
    ...(pod !== undefined ? { pod } : {}),
    pods: senders,
    ...(match.gateway !== undefined ? { gateway: match.gateway } : {}),
    notes,
  };
}
