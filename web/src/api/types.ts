/** The answers as the portal selects them from `/graphql` (names as in schema/*.graphql). */

export type Severity = 'ERROR' | 'WARNING' | 'INFO';

export interface ResourceRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
  readonly cluster: string | null;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly equivalent: string | null;
  readonly resources: readonly ResourceRef[];
}

export interface Proxy {
  readonly kind: string;
  readonly name: string | null;
  readonly cluster: string | null;
  readonly network: string | null;
  readonly locality: string | null;
  readonly node: string | null;
}

export interface EndpointShare {
  readonly name: string;
  readonly address: string | null;
  readonly cluster: string | null;
  readonly network: string | null;
  readonly locality: string | null;
  readonly node: string | null;
  readonly priority: number;
  readonly healthy: boolean;
  readonly ejected: boolean;
  readonly sharePercent: number;
  readonly priorityReason: string | null;
  readonly localityWeight: number | null;
  /** Only selected when the server has it (api.md Additions). */
  readonly utilizationPercent?: number | null;
  /** The scenario makes it fail (whatIf); `healthy` stays what the proxy counts. Only selected when the server has it. */
  readonly failing?: boolean | null;
}

export interface PriorityLevel {
  readonly level: number;
  readonly endpoints: number;
  readonly healthy: number;
  readonly healthPercent: number;
  readonly loadPercent: number;
  readonly panic: boolean;
  readonly meaning: string | null;
}

export interface Hop {
  readonly from: Proxy;
  readonly to: string;
  readonly layer: 'L4' | 'L7';
  readonly shareUnit: 'REQUEST' | 'CONNECTION';
  readonly trafficDistribution: {
    readonly mode: string;
    readonly source: string;
    readonly field: string | null;
    readonly writtenValue: string | null;
    readonly resource: ResourceRef | null;
  };
  readonly destinationRule: ResourceRef | null;
  readonly destinationRuleFieldsApplied: readonly string[];
  readonly localityLb: {
    readonly mode: string;
    readonly active: boolean;
    readonly reason: string | null;
    readonly failoverPriority: readonly string[];
    readonly source: string | null;
  };
  readonly loadBalancer: string;
  readonly outlierDetection: {
    readonly consecutive5xxErrors: number | null;
    readonly consecutiveGatewayErrors: number | null;
    readonly intervalSeconds: number | null;
    readonly baseEjectionTimeSeconds: number | null;
    readonly maxEjectionTimeSeconds: number | null;
    readonly maxEjectionPercent: number | null;
    readonly minHealthPercent: number | null;
    readonly explicitFields: readonly string[];
  } | null;
  readonly panicThresholdPercent: number;
  readonly overprovisioningFactor: number;
  readonly priorities: readonly PriorityLevel[];
  readonly endpoints: readonly EndpointShare[];
  readonly droppedPercent: number;
  readonly notes: readonly string[];
}

export interface EffectivePolicy {
  readonly profile: string;
  readonly client: ResourceRef;
  readonly backend: string;
  readonly hops: readonly Hop[];
  readonly diagnostics: readonly Diagnostic[];
  readonly backendShares?: readonly EndpointShare[];
}

export interface Ejection {
  readonly endpoint: string;
  readonly hop: number | null;
  readonly outcome: string;
  readonly reason: string | null;
  readonly ejectionSeconds: number | null;
}

export interface SweepPoint {
  readonly loadFactor: number;
  readonly hops: readonly {
    readonly hop: number;
    readonly loads: readonly number[];
    readonly overflowPercent: number;
    /** The busiest endpoint's utilisation. Only selected when the server has it; null: capacity unknown. */
    readonly maxUtilizationPercent?: number | null;
    /** The hop's requests beyond capacity. Only selected when the server has it; null: capacity unknown. */
    readonly saturatedPercent?: number | null;
  }[];
  /** Endpoints ejected at this load (the scenario's, and the overload cascade's). Only when the server has it. */
  readonly ejectedEndpoints?: number;
  /** The request's error rate at this load, over every hop. Only when the server has it. */
  readonly errorPercent?: number;
  /** The overload cascade's outcome at this load; null without `overload`. Only when the server has it. */
  readonly cascade?: string | null;
}

export interface WhatIf {
  readonly profile: string;
  readonly baseline: EffectivePolicy;
  readonly scenario: EffectivePolicy;
  readonly ejections: readonly Ejection[];
  readonly errorPercent: number;
  readonly overflowPercent: number;
  readonly notes: readonly string[];
  readonly sweep: readonly SweepPoint[];
  readonly saturatedPercent?: number | null;
}

/** `Query.blastRadius` (api.md Additions, "Mesh-wide questions"). */
export interface Impact {
  readonly backend: string;
  /** The first affected clients, worst first (the view asks for as many as it shows). */
  readonly clients: readonly string[];
  /** Affected clients in all; `clients` holds at most the ones shown. */
  readonly clientCount: number;
  readonly errorPercent: number;
  readonly saturatedPercent: number | null;
  readonly overflowPercent: number;
}

export interface BlastRadius {
  readonly profile: string;
  readonly pairs: number;
  readonly impacts: readonly Impact[];
}

/** `Query.diff` (api.md Additions, "Mesh-wide questions"). */
export interface BehaviourChange {
  readonly backend: string;
  readonly client: string;
  readonly summary: string;
}

export interface SnapshotDiff {
  readonly changes: readonly BehaviourChange[];
  readonly diagnosticsAdded: readonly Diagnostic[];
  readonly diagnosticsResolved: readonly Diagnostic[];
}

export interface SnapshotSummary {
  readonly id: string;
  readonly name: string;
  readonly profile: string;
  readonly createdAt: string;
  readonly clusters: readonly { readonly name: string; readonly network: string }[];
  readonly counts: readonly { readonly cluster: string; readonly kind: string; readonly count: number }[];
  readonly ignored: readonly { readonly kind: string; readonly count: number }[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface SnapshotReferences {
  readonly id: string;
  readonly name: string;
  readonly profile: string;
  readonly clients: readonly string[];
  readonly backends: readonly string[];
}

export const PROFILES = ['SOLO', 'ISTIO_1_30', 'ISTIO_1_31'] as const;
export const FAILURE_KINDS = ['HTTP_5XX', 'CONNECT_FAILURE', 'NOT_READY'] as const;
