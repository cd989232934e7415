/**
 * The mesh-wide answers (`../shared/design/api.md`, "Mesh-wide questions"): the blast radius of a scenario
 * over every client × backend pair, and what changes in effective behaviour between two snapshots. Both are
 * computed per backend × client class (`../mesh/clientClasses.ts`) and say which class each result holds for.
 */
import type { Diagnostic } from './answer.js';
import type { Profile } from './meshModel.js';

/** The client kinds that call through a mesh proxy; clients outside the mesh are not part of the question. */
export type MeshClientKind = 'AMBIENT' | 'SIDECAR' | 'INGRESS_GATEWAY';

/**
 * Clients whose answers are equal for every backend: the same first-hop proxy kind, cluster, network and
 * locality, and — where the mesh makes the resolver read them — the node, the config namespace and the
 * proxy labels a failoverPriority or a DestinationRule workload selector compares.
 */
export interface ClientClass {
  /** Stable within one snapshot and profile: the key's parts joined, e.g. `AMBIENT|cluster1|network1|us-east/us-east-1a`. */
  readonly id: string;
  readonly kind: MeshClientKind;
  readonly cluster: string;
  /** `''` on a single-network mesh. */
  readonly network: string;
  /** `region/zone/subzone` of the client's proxy (`''` when unknown). */
  readonly locality: string;
  /** The proxy's config namespace, when it decides which DestinationRule applies (sidecars, gateways). */
  readonly namespace?: string;
  /** The proxy's node, when the mesh routes by node (PreferSameNode, internalTrafficPolicy Local). */
  readonly node?: string;
  /** `key=value` of the proxy labels the mesh's rules compare, sorted by key. */
  readonly labels: readonly string[];
  /** One sentence in words, e.g. "ambient clients in cluster1, us-east/us-east-1a". */
  readonly description: string;
  /** Client references (usable as whatIf's `client`), sorted. */
  readonly clients: readonly string[];
}

/** What a scenario does to the clients of one class calling one backend: whatIf's rates for any of them. */
export interface ClassImpact {
  readonly clientClass: ClientClass;
  readonly errorPercent: number;
  /** null when the backend's capacity is unknown. */
  readonly saturatedPercent: number | null;
  readonly overflowPercent: number;
}

export interface Impact {
  readonly backend: string;
  /** The worst client's rates (every client of the worst class has them). */
  readonly errorPercent: number;
  readonly saturatedPercent: number | null;
  readonly overflowPercent: number;
  /** A client of the worst class, first by name. */
  readonly worstClient: string;
  /** Affected clients, summed over `classes`. */
  readonly clientCount: number;
  /** Affected classes, worst first; their clients, in that order, are the affected clients. */
  readonly classes: readonly ClassImpact[];
}

export interface BlastRadius {
  readonly profile: Profile;
  /** Client × backend pairs the answer covers. */
  readonly pairs: number;
  /** Backends whose clients see errors, saturation or overflow, worst first. */
  readonly impacts: readonly Impact[];
  /** Client classes in the mesh. */
  readonly classCount: number;
  /** Backend × class evaluations run (one whatIf each). */
  readonly evaluations: number;
  /** Clients (mesh workloads that call through a proxy) and distinct backends evaluated. */
  readonly clientCount: number;
  readonly backendCount: number;
  /** What a client class is keyed on in this mesh, and why. */
  readonly classKey: readonly string[];
  /** Scenario entries (endpoints, localities) that match no endpoint on any evaluated path. */
  readonly unmatched: readonly string[];
  readonly notes: readonly string[];
}

/** Which part of effective behaviour a change is about. */
export type ChangeAspect =
  | 'CLIENT'
  | 'PATH'
  | 'TRAFFIC_DISTRIBUTION'
  | 'DESTINATION_RULE'
  | 'LOCALITY_LB'
  | 'LOAD_BALANCER'
  | 'OUTLIER_DETECTION'
  | 'PANIC_THRESHOLD'
  | 'PRIORITIES'
  | 'ENDPOINTS'
  | 'SHARES';

export interface ChangeDetail {
  readonly aspect: ChangeAspect;
  /** Index of the hop in the after snapshot's path, when the change is on one hop. */
  readonly hop?: number;
  /** The hop in words, e.g. "waypoint httpbin-waypoint-5cb48fc696-mq99j → in-ambient.httpbin.svc.cluster.local". */
  readonly at?: string;
  readonly before: string;
  readonly after: string;
}

export interface BehaviourChange {
  readonly backend: string;
  /** A client of the class, first by name (usable as whatIf's `client`). */
  readonly client: string;
  /** One sentence in words. */
  readonly summary: string;
  /** The clients the change holds for (their class in the after snapshot). */
  readonly clientClass: ClientClass;
  readonly details: readonly ChangeDetail[];
}

export interface SnapshotDiff {
  readonly profiles: { readonly before: Profile; readonly after: Profile };
  readonly changes: readonly BehaviourChange[];
  readonly diagnosticsAdded: readonly Diagnostic[];
  readonly diagnosticsResolved: readonly Diagnostic[];
  /** What differs between the snapshots beyond behaviour: profiles, clusters, networks. One sentence each. */
  readonly differences: readonly string[];
  readonly backendsAdded: readonly string[];
  readonly backendsRemoved: readonly string[];
  readonly clientsAdded: readonly string[];
  readonly clientsRemoved: readonly string[];
  /** Client × backend pairs compared. */
  readonly pairs: number;
  readonly classKey: readonly string[];
}
