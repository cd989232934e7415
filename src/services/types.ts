/**
 * The one service layer that REST, GraphQL and Slack call. Adapters translate names and errors; every
 * answer below is computed by the engine (`src/engine`) through these functions.
 */
import type {
  BlastRadius,
  Diagnostic,
  EffectivePolicy,
  Profile,
  Scenario,
  SnapshotDiff,
  SweepPoint,
  WhatIf,
} from '../engine/index.js';

export interface SnapshotSummary {
  readonly id: string;
  /** The name of the first upload. */
  readonly name: string;
  /** Every name that resolves to this snapshot unless a newer snapshot took it, the first one first. */
  readonly names: readonly string[];
  readonly profile: Profile;
  readonly contentHash: string;
  readonly createdAt: string;
  readonly clusters: readonly { readonly name: string; readonly network: string }[];
  /** Per cluster, per kind: how many objects were understood. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Kinds present but not used by Spillway, with how many of each. */
  readonly ignored: Readonly<Record<string, number>>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Relay's PageInfo, for REST and GraphQL alike. */
export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface SnapshotEdge {
  /** The position of this snapshot: pass as `after` to continue after it. */
  readonly cursor: string;
  readonly node: SnapshotSummary;
}

export interface SnapshotPage {
  readonly items: readonly SnapshotSummary[];
  readonly edges: readonly SnapshotEdge[];
  readonly pageInfo: PageInfo;
  /** `pageInfo.endCursor` when there is a next page; absent on the last page. */
  readonly nextCursor?: string;
}

export interface PageRequest {
  /** Page size, 1 to 100; default 20. */
  readonly first?: number;
  /** Continue after this cursor. */
  readonly after?: string;
}

export interface PolicyQuery {
  /** Snapshot id, snapshot name (newest version) or `latest`. */
  readonly snapshot: string;
  readonly client: string;
  readonly backend: string;
  /** As the client gave it; the service checks it once (`parseProfile`, INVALID_PROFILE). */
  readonly profile?: string;
}

export interface WhatIfQuery extends PolicyQuery {
  readonly scenario: Scenario;
}

export interface SweepQuery extends PolicyQuery {
  readonly scenario: Scenario;
  /** Load factors to evaluate, e.g. 1.0 … 3.0. */
  readonly loadFactors: readonly number[];
}

/** A scenario over every client × backend pair of one snapshot. */
export interface BlastRadiusQuery {
  readonly snapshot: string;
  readonly scenario: Scenario;
  /** As the client gave it; the service checks it once (`parseProfile`, INVALID_PROFILE). */
  readonly profile?: string;
}

/** Two snapshots (ids, names or `latest`) compared under one profile (default: each snapshot's own). */
export interface DiffQuery {
  readonly before: string;
  readonly after: string;
  /** As the client gave it; the service checks it once (`parseProfile`, INVALID_PROFILE). */
  readonly profile?: string;
}

export interface SnapshotService {
  list(request?: PageRequest): Promise<SnapshotPage>;
  get(ref: string): Promise<SnapshotSummary | undefined>;
  /**
   * An opaque token that changes whenever a snapshot is added or deleted, by this process or another one on
   * the same database: answers computed under one token stay true until it changes (snapshots themselves
   * never change; only what a name or `latest` points at does).
   */
  catalogueVersion(): string;
}

/** The names a snapshot answers to, for pickers and autocomplete. */
export interface SnapshotReferences {
  /** `namespace/name` of every pod, workload and ingress Gateway a client reference may name, sorted. */
  readonly clients: readonly string[];
  /** Every host a backend reference may name (Service FQDNs, global hosts, ServiceEntry hosts), sorted. */
  readonly backends: readonly string[];
}

export interface PolicyService {
  effectivePolicy(query: PolicyQuery): Promise<EffectivePolicy>;
  whatIf(query: WhatIfQuery): Promise<WhatIf>;
  sweep(query: SweepQuery): Promise<readonly SweepPoint[]>;
  /** `profile` as the client gave it, checked like a query's. */
  analyze(snapshot: string, profile?: string): Promise<readonly Diagnostic[]>;
  references(snapshot: string): Promise<SnapshotReferences>;
  /** The scenario over every client × backend pair, per backend × client class. */
  blastRadius(query: BlastRadiusQuery): Promise<BlastRadius>;
  /** What changes in effective behaviour, per backend and client class, between two snapshots. */
  diff(query: DiffQuery): Promise<SnapshotDiff>;
}

export interface Services {
  readonly snapshots: SnapshotService;
  readonly policy: PolicyService;
}
