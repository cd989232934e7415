/**
 * The SDL in `schema/` against the code, both ways: every field of every object type is either a property
 * of the answer type the resolvers return or has a resolver; every answer property and every resolver is
 * in the SDL (so nothing the engine computes goes unexposed); optional properties are nullable in the SDL;
 * enums and inputs carry the same values and fields as the TypeScript unions and queries.
 *
 * The manifests below are typed so that the compiler rejects them when an answer type gains, loses or
 * changes the optionality of a property: drift then fails typecheck here, and the SDL comparison fails the test.
 */
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  PROFILES,
  type AutoscalerOutlook,
  type CascadeOutcome,
  type CascadeStep,
  type OverloadCascade,
  type OverloadFailure,
  type OverloadInput,
  type BehaviourChange,
  type BlastRadius,
  type ChangeAspect,
  type ChangeDetail,
  type ClassImpact,
  type ClientClass,
  type CircuitBreakerLimits,
  type Diagnostic,
  type EffectivePolicy,
  type Ejection,
  type EndpointShare,
  type FailureKind,
  type Hop,
  type HopRetries,
  type Impact,
  type Layer,
  type LocalityLb,
  type MeshClientKind,
  type OutlierDetection,
  type PriorityLevel,
  type Proxy,
  type ReplicaHop,
  type ProxyKind,
  type ResourceRef,
  type Scenario,
  type SnapshotDiff,
  type Severity,
  type SweepPoint,
  type TrafficDistribution,
  type WhatIf,
} from '../../src/engine/index.js';
import { buildValidSchema, loadTypeDefs } from '../../src/graphql/schema.js';
import { resolvers } from '../../src/graphql/resolvers/index.js';
import type { SnapshotConnection } from '../../src/graphql/resolvers/Query/snapshots.js';
import type { BlastRadiusArgs } from '../../src/graphql/resolvers/Query/blastRadius.js';
import type { DiffArgs } from '../../src/graphql/resolvers/Query/diff.js';
import type { IgnoredKind, KindCount } from '../../src/graphql/resolvers/Snapshot.js';
import type { PolicyArgs, WhatIfArgs } from '../../src/graphql/resolvers/types.js';
import type { PageInfo, SnapshotEdge, SnapshotSummary } from '../../src/services/types.js';

type Presence = 'required' | 'optional';
/** Every property of T, each marked as TypeScript declares it; exhaustive by construction. */
type Manifest<T> = {
  readonly [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? 'optional' : 'required';
};
const manifest = <T>(fields: Manifest<T>): Readonly<Record<string, Presence>> => fields;
/** Every member of a string union, exhaustive by construction. */
const members = <U extends string>(values: { readonly [K in U]: true }): string[] => Object.keys(values);

const R = 'required' as const;
const O = 'optional' as const;

/** SDL object type → properties of the object its resolvers receive. */
const OBJECT_TYPES: Readonly<Record<string, Readonly<Record<string, Presence>>>> = {
  Query: {},
  ResourceRef: manifest<ResourceRef>({ kind: R, name: R, namespace: O, cluster: O }),
  Diagnostic: manifest<Diagnostic>({ code: R, severity: R, message: R, resources: R, equivalent: O }),
  EffectivePolicy: manifest<EffectivePolicy>({
    profile: R,
    client: R,
    backend: R,
    hops: R,
    backendShares: R,
    diagnostics: R,
  }),
  Proxy: manifest<Proxy>({ kind: R, name: O, cluster: O, network: O, locality: O, node: O }),
  Hop: manifest<Hop>({
    from: R,
    to: R,
    layer: R,
    trafficDistribution: R,
    destinationRule: O,
    destinationRuleFieldsApplied: R,
    localityLb: R,
    loadBalancer: R,
    outlierDetection: O,
    circuitBreakers: O,
    panicThresholdPercent: R,
    overprovisioningFactor: R,
    shareUnit: R,
    priorities: R,
    endpoints: R,
    droppedPercent: R,
    retries: O,
    notes: R,
    replicas: O,
  }),
  ReplicaHop: manifest<ReplicaHop>({
    from: R,
    trafficPercent: R,
    priorities: R,
    endpoints: R,
    droppedPercent: R,
  }),
  HopRetries: manifest<HopRetries>({
    policy: R,
    retried: R,
    reason: R,
    attemptsPerRequest: R,
    retriedPercent: R,
    errorPercentBeforeRetries: R,
  }),
  TrafficDistribution: manifest<TrafficDistribution>({
    mode: R,
    source: R,
    resource: O,
    field: O,
    writtenValue: O,
  }),
  LocalityLb: manifest<LocalityLb>({
    mode: R,
    active: R,
    reason: O,
    failoverPriority: R,
    source: O,
    resource: O,
  }),
  OutlierDetection: manifest<OutlierDetection>({
    consecutive5xxErrors: R,
    consecutiveGatewayErrors: O,
    intervalSeconds: R,
    baseEjectionTimeSeconds: R,
    maxEjectionTimeSeconds: R,
    maxEjectionPercent: R,
    minHealthPercent: R,
    explicitFields: R,
    resource: O,
  }),
  PriorityLevel: manifest<PriorityLevel>({
    level: R,
    endpoints: R,
    healthy: R,
    healthPercent: R,
    loadPercent: R,
    panic: R,
    meaning: O,
  }),
  EndpointShare: manifest<EndpointShare>({
    name: R,
    address: O,
    cluster: O,
    network: O,
    locality: O,
    node: O,
    priority: R,
    healthy: R,
    ejected: R,
    sharePercent: R,
    priorityReason: O,
    localityWeight: O,
    held: R,
    stateReason: O,
    utilizationPercent: O,
    failing: O,
    failingPercent: O,
    attemptsPercent: O,
  }),
  CircuitBreakers: manifest<CircuitBreakerLimits>({
    maxConnections: O,
    maxPendingRequests: O,
    maxRequests: O,
    maxRetries: O,
  }),
  WhatIf: manifest<WhatIf>({
    profile: R,
    baseline: R,
    scenario: R,
    ejections: R,
    errorPercent: R,
    overflowPercent: R,
    saturatedPercent: R,
    autoscalers: O,
    cascade: O,
    notes: R,
  }),
  OverloadCascade: manifest<OverloadCascade>({
    failsAbovePercent: R,
    as: R,
    outcome: R,
    stable: R,
    steps: R,
    errorPercent: R,
    firstSaturationLoadFactor: R,
    firstEjectionLoadFactor: R,
    firstOverflowLoadFactor: R,
    reason: R,
  }),
  CascadeStep: manifest<CascadeStep>({
    step: R,
    failing: R,
    ejected: R,
    newlyOverloaded: R,
    loads: R,
    maxUtilizationPercent: R,
    saturatedPercent: R,
    errorPercent: R,
  }),
  AutoscalerOutlook: manifest<AutoscalerOutlook>({
    autoscaler: R,
    target: R,
    cpuTargetPercent: R,
    currentReplicas: R,
    maxReplicas: R,
    measuredUtilizationPercent: R,
    desiredReplicas: R,
    canAbsorb: R,
    scaleUpSeconds: R,
    reason: R,
  }),
  Ejection: manifest<Ejection>({ endpoint: R, hop: O, outcome: R, reason: O, ejectionSeconds: O }),
  SweepPoint: manifest<SweepPoint>({
    loadFactor: R,
    ejectedEndpoints: R,
    errorPercent: R,
    cascade: R,
    hops: R,
  }),
  SweepHop: manifest<SweepPoint['hops'][number]>({
    hop: R,
    loads: R,
    overflowPercent: R,
    maxUtilizationPercent: R,
    saturatedPercent: R,
  }),
  Snapshot: manifest<SnapshotSummary>({
    id: R,
    name: R,
    names: R,
    profile: R,
    contentHash: R,
    createdAt: R,
    clusters: R,
    counts: R,
    ignored: R,
    diagnostics: R,
  }),
  SnapshotCluster: manifest<SnapshotSummary['clusters'][number]>({ name: R, network: R }),
  KindCount: manifest<KindCount>({ cluster: R, kind: R, count: R }),
  IgnoredKind: manifest<IgnoredKind>({ kind: R, count: R }),
  SnapshotConnection: manifest<SnapshotConnection>({ edges: R, nodes: R, pageInfo: R }),
  SnapshotEdge: manifest<SnapshotEdge>({ cursor: R, node: R }),
  PageInfo: manifest<PageInfo>({ hasNextPage: R, hasPreviousPage: R, startCursor: R, endCursor: R }),
  BlastRadius: manifest<BlastRadius>({
    profile: R,
    pairs: R,
    impacts: R,
    classCount: R,
    evaluations: R,
    clientCount: R,
    backendCount: R,
    classKey: R,
    unmatched: R,
    notes: R,
  }),
  Impact: manifest<Impact>({
    backend: R,
    errorPercent: R,
    saturatedPercent: R,
    overflowPercent: R,
    worstClient: R,
    clientCount: R,
    classes: R,
  }),
  ClassImpact: manifest<ClassImpact>({
    clientClass: R,
    errorPercent: R,
    saturatedPercent: R,
    overflowPercent: R,
  }),
  SnapshotDiff: manifest<SnapshotDiff>({
    changes: R,
    diagnosticsAdded: R,
    diagnosticsResolved: R,
    profiles: R,
    differences: R,
    backendsAdded: R,
    backendsRemoved: R,
    clientsAdded: R,
    clientsRemoved: R,
    pairs: R,
    classKey: R,
  }),
  DiffProfiles: manifest<SnapshotDiff['profiles']>({ before: R, after: R }),
  BehaviourChange: manifest<BehaviourChange>({
    backend: R,
    client: R,
    summary: R,
    clientClass: R,
    details: R,
  }),
  ChangeDetail: manifest<ChangeDetail>({ aspect: R, hop: O, at: O, before: R, after: R }),
  ClientClass: manifest<ClientClass>({
    id: R,
    kind: R,
    cluster: R,
    network: R,
    locality: R,
    namespace: O,
    node: O,
    labels: R,
    description: R,
    clients: R,
  }),
};

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  Profile: PROFILES,
  Severity: members<Severity>({ ERROR: true, WARNING: true, INFO: true }),
  ProxyKind: members<ProxyKind>({
    ZTUNNEL: true,
    SIDECAR: true,
    WAYPOINT: true,
    INGRESS_GATEWAY: true,
    NONE: true,
  }),
  Layer: members<Layer>({ L4: true, L7: true }),
  FailureKind: members<FailureKind>({ HTTP_5XX: true, CONNECT_FAILURE: true, NOT_READY: true }),
  ShareUnit: members<Hop['shareUnit']>({ REQUEST: true, CONNECTION: true }),
  MeshClientKind: members<MeshClientKind>({ AMBIENT: true, SIDECAR: true, INGRESS_GATEWAY: true }),
  OverloadFailure: members<OverloadFailure>({ HTTP_5XX: true, TIMEOUT: true }),
  CascadeOutcome: members<CascadeOutcome>({
    NO_OVERLOAD: true,
    DEGRADED: true,
    OSCILLATING: true,
    CAPACITY_UNKNOWN: true,
  }),
  ChangeAspect: members<ChangeAspect>({
    CLIENT: true,
    PATH: true,
    TRAFFIC_DISTRIBUTION: true,
    DESTINATION_RULE: true,
    LOCALITY_LB: true,
    LOAD_BALANCER: true,
    OUTLIER_DETECTION: true,
    PANIC_THRESHOLD: true,
    PRIORITIES: true,
    ENDPOINTS: true,
    SHARES: true,
  }),
};

const INPUTS: Readonly<Record<string, Readonly<Record<string, Presence>>>> = {
  ScenarioInput: manifest<Scenario>({
    ejectEndpoints: O,
    failure: O,
    loadFactor: O,
    failLocalities: O,
    overprovisioningFactor: O,
    utilizationPercent: O,
    requestsPerSecond: O,
    latencyMs: O,
    overload: O,
  }),
  OverloadInput: manifest<OverloadInput>({ failsAbovePercent: R, as: O }),
};

const QUERY_ARGUMENTS: Readonly<Record<string, Readonly<Record<string, Presence>>>> = {
  effectivePolicy: manifest<PolicyArgs>({ snapshot: R, client: R, backend: R, profile: O }),
  whatIf: manifest<WhatIfArgs>({ snapshot: R, client: R, backend: R, profile: O, scenario: R }),
  analyze: { snapshot: R, profile: O },
  snapshot: { ref: R },
  snapshots: { first: O, after: O },
  blastRadius: manifest<BlastRadiusArgs>({ snapshot: R, scenario: R, profile: O }),
  diff: manifest<DiffArgs>({ before: R, after: R, profile: O }),
};

const resolverMap: Readonly<Record<string, Readonly<Record<string, unknown>>>> = resolvers;
const schema: GraphQLSchema = buildValidSchema(loadTypeDefs());
const userTypes = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
const objectTypeNames = userTypes.filter(isObjectType).map((type) => type.name);

const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('SDL ↔ resolvers and answer types', () => {
  it('maps every object type of the SDL, and only those', () => {
    expect(sorted(objectTypeNames)).toEqual(sorted(Object.keys(OBJECT_TYPES)));
  });

  it('has resolvers only for SDL types', () => {
    expect(Object.keys(resolverMap).filter((name) => !objectTypeNames.includes(name))).toEqual([]);
  });

  it.each(Object.keys(OBJECT_TYPES))('%s: SDL fields = answer properties ∪ resolvers', (typeName) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type in the SDL`);
    const sdl = sorted(Object.keys(type.getFields()));
    const properties = Object.keys(OBJECT_TYPES[typeName] ?? {});
    const resolved = Object.keys(resolverMap[typeName] ?? {});
    expect(sdl).toEqual(sorted(new Set([...properties, ...resolved])));
  });

  it.each(Object.keys(OBJECT_TYPES))(
    '%s: an optional property without a resolver is nullable in the SDL',
    (typeName) => {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      const fields: Record<string, GraphQLField<unknown, unknown>> = type.getFields();
      const violations = Object.entries(OBJECT_TYPES[typeName] ?? {})
        .filter(([name, presence]) => presence === 'optional' && resolverMap[typeName]?.[name] === undefined)
        .filter(([name]) => fields[name] !== undefined && isNonNullType(fields[name].type))
        .map(([name]) => name);
      expect(violations).toEqual([]);
    },
  );

  it.each(Object.entries(ENUMS))('enum %s has exactly the TypeScript values', (name, values) => {
    const type = schema.getType(name);
    if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
    expect(sorted(type.getValues().map((v) => v.name))).toEqual(sorted(values));
  });

  it.each(Object.entries(INPUTS))(
    'input %s has the fields of the service type, nullable where optional',
    (name, fields) => {
      const type = schema.getType(name);
      if (!isInputObjectType(type)) throw new Error(`${name} is not an input`);
      const sdl = type.getFields();
      expect(sorted(Object.keys(sdl))).toEqual(sorted(Object.keys(fields)));
      for (const [field, presence] of Object.entries(fields)) {
        expect(isNonNullType(sdl[field]?.type), field).toBe(presence === 'required');
      }
    },
  );

  it.each(Object.entries(QUERY_ARGUMENTS))(
    'Query.%s takes the arguments its resolver reads',
    (field, args) => {
      const sdlField = schema.getQueryType()?.getFields()[field];
      if (sdlField === undefined) throw new Error(`Query.${field} missing`);
      expect(sorted(sdlField.args.map((a) => a.name))).toEqual(sorted(Object.keys(args)));
      for (const arg of sdlField.args) {
        expect(isNonNullType(arg.type), arg.name).toBe(args[arg.name] === 'required');
      }
    },
  );

  it('keeps the names of the public contract (api.md)', () => {
    const query = schema.getQueryType()?.getFields() ?? {};
    expect(Object.keys(query)).toEqual(
      expect.arrayContaining(['snapshots', 'snapshot', 'effectivePolicy', 'whatIf', 'analyze']),
    );
    expect(String(getNullableType(query['effectivePolicy']?.type))).toBe('EffectivePolicy');
    expect(String(query['analyze']?.type)).toBe('[Diagnostic!]!');
    expect(String(query['snapshot']?.type)).toBe('Snapshot');
  });
});
