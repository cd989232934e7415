/**
 * A fake service layer for testing the GraphQL adapter alone: canned answers keyed by reference, the same
 * error vocabulary as the real services, and a record of every call.
 */
import {
  EngineError,
  type BlastRadius,
  type ClientClass,
  type Diagnostic,
  type EffectivePolicy,
  type Hop,
  type SweepPoint,
  type WhatIf,
} from '../../../src/engine/index.js';
import { parseProfile } from '../../../src/services/profile.js';
import { decodeCursor, encodeCursor } from '../../../src/services/snapshotCursor.js';
import { AppError } from '../../../src/errors/appError.js';
import type {
  PolicyQuery,
  Services,
  SnapshotSummary,
  SweepQuery,
  WhatIfQuery,
} from '../../../src/services/types.js';

export const diagnostic: Diagnostic = {
  code: 'SPW0003',
  severity: 'WARNING',
  message: 'DestinationRule in-ambient-failover sets outlier detection but ztunnel ignores it.',
  resources: [
    { kind: 'DestinationRule', name: 'in-ambient-failover', namespace: 'httpbin', cluster: 'cluster1' },
  ],
  equivalent: 'KIA0211',
};

export const hop: Hop = {
  from: {
    kind: 'WAYPOINT',
    name: 'httpbin-waypoint',
    cluster: 'cluster1',
    network: 'net1',
    locality: 'us-east/us-east-1a/',
    node: 'node-a',
  },
  to: 'in-ambient.httpbin.svc.cluster.local',
  layer: 'L7',
  trafficDistribution: {
    mode: 'PreferNetwork',
    source: 'SERVICE_ANNOTATION',
    resource: { kind: 'Service', name: 'in-ambient', namespace: 'httpbin' },
    field: 'metadata.annotations[networking.istio.io/traffic-distribution]',
    writtenValue: 'PreferNetwork',
  },
  destinationRule: { kind: 'DestinationRule', name: 'in-ambient-failover', namespace: 'httpbin' },
  destinationRuleFieldsApplied: ['trafficPolicy.outlierDetection', 'trafficPolicy.loadBalancer.simple'],
  localityLb: {
    mode: 'FAILOVER_PRIORITY',
    active: true,
    reason: 'outlier detection is set',
    failoverPriority: ['topology.kubernetes.io/region'],
    source: 'DESTINATION_RULE_LOCALITY',
    resource: { kind: 'DestinationRule', name: 'in-ambient-failover', namespace: 'httpbin' },
  },
  loadBalancer: 'ROUND_ROBIN',
  outlierDetection: {
    consecutive5xxErrors: 3,
    consecutiveGatewayErrors: 0,
    intervalSeconds: 10,
    baseEjectionTimeSeconds: 30,
    maxEjectionTimeSeconds: 300,
    maxEjectionPercent: 50,
    minHealthPercent: 0,
    explicitFields: ['consecutive5xxErrors', 'interval', 'baseEjectionTime', 'maxEjectionPercent'],
    resource: { kind: 'DestinationRule', name: 'in-ambient-failover', namespace: 'httpbin' },
  },
  panicThresholdPercent: 50,
  overprovisioningFactor: 140,
  shareUnit: 'REQUEST',
  priorities: [
    {
      level: 0,
      endpoints: 2,
      healthy: 2,
      healthPercent: 100,
      loadPercent: 100,
      panic: false,
      meaning: 'same region',
    },
  ],
  endpoints: [
    {
      name: 'in-ambient-abc12',
      address: '10.0.0.1',
      cluster: 'cluster1',
      network: 'net1',
      locality: 'us-east/us-east-1a/',
      node: 'node-a',
      priority: 0,
      healthy: true,
      ejected: false,
      sharePercent: 50,
      priorityReason: 'region matches',
      localityWeight: 1,
      held: true,
      stateReason: 'ready (ready: true): sent to the proxy as HEALTHY',
    },
    { name: 'in-ambient-def34', priority: 0, healthy: true, ejected: false, sharePercent: 50, held: true },
  ],
  droppedPercent: 0,
  notes: ['L7 hop: shares are request shares'],
};

export const policy: EffectivePolicy = {
  profile: 'SOLO',
  client: { kind: 'Deployment', name: 'client-in-ambient', namespace: 'httpbin', cluster: 'cluster1' },
  backend: 'in-ambient.httpbin.svc.cluster.local',
  hops: [hop],
  backendShares: hop.endpoints,
  diagnostics: [diagnostic],
};

export const whatIfAnswer: WhatIf = {
  profile: 'SOLO',
  baseline: policy,
  scenario: { ...policy, hops: [{ ...hop, droppedPercent: 0 }] },
  ejections: [
    {
      endpoint: 'in-ambient-abc12',
      hop: 0,
      outcome: 'EJECTED',
      reason: '3 consecutive 5xx',
      ejectionSeconds: 30,
    },
  ],
  errorPercent: 1.5,
  overflowPercent: 0,
  saturatedPercent: null,
  notes: ['load model: steady state'],
};

export const clientClass: ClientClass = {
  id: 'AMBIENT|cluster1|net1|us-east/us-east-1a',
  kind: 'AMBIENT',
  cluster: 'cluster1',
  network: 'net1',
  locality: 'us-east/us-east-1a',
  labels: [],
  description: 'ambient clients in us-east/us-east-1a',
  clients: ['httpbin/client', 'httpbin/sleep'],
};

export const blastAnswer: BlastRadius = {
  profile: 'SOLO',
  pairs: 4,
  impacts: [
    {
      backend: 'in-ambient.httpbin.svc.cluster.local',
      errorPercent: 50,
      saturatedPercent: null,
      overflowPercent: 0,
      worstClient: 'httpbin/client',
      clientCount: 2,
      classes: [{ clientClass, errorPercent: 50, saturatedPercent: null, overflowPercent: 0 }],
    },
  ],
  classCount: 1,
  evaluations: 2,
  clientCount: 2,
  backendCount: 2,
  classKey: ['proxy kind'],
  unmatched: [],
  notes: [],
};

export function summary(index: number): SnapshotSummary {
  return {
    id: `snap-${index}`,
    name: `snapshot-${index}`,
    names: [`snapshot-${index}`],
    profile: 'SOLO',
    contentHash: `hash-${index}`,
    createdAt: `2026-01-${String(index + 1).padStart(2, '0')}T00:00:00.000Z`,
    clusters: [{ name: 'cluster1', network: 'net1' }],
    counts: { cluster1: { Service: 2, Pod: 4 } },
    ignored: { ConfigMap: 3 },
    diagnostics: [diagnostic],
  };
}

export interface FakeServices extends Services {
  readonly calls: { readonly method: string; readonly query: unknown }[];
}

/** Policy answers exist only for snapshot `s1`, client `httpbin/client`, backend `in-ambient`. */
export function createFakeServices(snapshotCount = 5): FakeServices {
  const stored = Array.from({ length: snapshotCount }, (_, i) => summary(i));
  const calls: { method: string; query: unknown }[] = [];
  const check = (query: PolicyQuery): void => {
    if (query.snapshot === 'boom') throw new Error('database exploded at /var/lib/secret.db');
    if (query.snapshot !== 's1')
      throw new AppError('UNKNOWN_SNAPSHOT', `No snapshot matches "${query.snapshot}".`, {
        snapshot: query.snapshot,
      });
    if (query.client === 'client') {
      throw new EngineError('AMBIGUOUS_REFERENCE', 'client is ambiguous', {
        candidates: ['cluster1/httpbin/client', 'cluster2/httpbin/client'],
      });
    }
    if (query.client !== 'httpbin/client')
      throw new EngineError('UNKNOWN_CLIENT', `Unknown client ${query.client}`, {
        closest: ['httpbin/client'],
      });
    if (query.backend !== 'in-ambient')
      throw new EngineError('UNKNOWN_BACKEND', `Unknown backend ${query.backend}`, {
        closest: ['in-ambient'],
      });
  };
  return {
    calls,
    snapshots: {
      // Pages as the real service does (the service's cursor format, positions counted from 1).
      async list({ first = 20, after } = {}) {
        calls.push({ method: 'list', query: { first, after } });
        if (first < 1 || first > 100)
          throw new AppError('INVALID_REQUEST', '`first` must be between 1 and 100.');
        const start = after === undefined ? 0 : decodeCursor(after);
        const edges = stored
          .slice(start, start + first)
          .map((node, index) => ({ cursor: encodeCursor(start + index + 1), node }));
        const hasNextPage = start + edges.length < stored.length;
        const endCursor = edges.at(-1)?.cursor ?? null;
        return {
          items: edges.map((e) => e.node),
          edges,
          pageInfo: {
            hasNextPage,
            hasPreviousPage: start > 0,
            startCursor: edges[0]?.cursor ?? null,
            endCursor,
          },
          ...(hasNextPage && endCursor !== null ? { nextCursor: endCursor } : {}),
        };
      },
      async get(ref) {
        return stored.find((s) => s.id === ref || s.name === ref);
      },
      catalogueVersion: () => 'fixed',
    },
    policy: {
      effectivePolicy(query: PolicyQuery) {
        calls.push({ method: 'effectivePolicy', query });
        check(query);
        // The service's own check, as the real one makes it.
        return Promise.resolve({ ...policy, profile: parseProfile(query.profile) ?? 'SOLO' });
      },
      whatIf(query: WhatIfQuery) {
        calls.push({ method: 'whatIf', query });
        check(query);
        if (query.scenario.loadFactor !== undefined && query.scenario.loadFactor <= 0) {
          return Promise.reject(
            new EngineError('INVALID_SCENARIO', 'loadFactor must be > 0', { field: 'loadFactor' }),
          );
        }
        return Promise.resolve(whatIfAnswer);
      },
      sweep(query: SweepQuery) {
        calls.push({ method: 'sweep', query });
        check(query);
        const points: SweepPoint[] = query.loadFactors.map((loadFactor) => ({
          loadFactor,
          ejectedEndpoints: 0,
          errorPercent: 0,
          cascade: null,
          hops: [
            {
              hop: 0,
              loads: [100, 0],
              overflowPercent: Math.max(0, 100 * loadFactor - 100),
              maxUtilizationPercent: 60 * loadFactor,
              saturatedPercent: null,
            },
          ],
        }));
        return Promise.resolve(points);
      },
      analyze(snapshot, profile) {
        calls.push({ method: 'analyze', query: { snapshot, profile } });
        if (snapshot !== 's1')
          return Promise.reject(
            new AppError('UNKNOWN_SNAPSHOT', `No snapshot matches "${snapshot}".`, { snapshot }),
          );
        return Promise.resolve([diagnostic]);
      },
      blastRadius(query) {
        calls.push({ method: 'blastRadius', query });
        if (query.snapshot !== 's1')
          return Promise.reject(
            new AppError('UNKNOWN_SNAPSHOT', `No snapshot matches "${query.snapshot}".`, {
              snapshot: query.snapshot,
            }),
          );
        return Promise.resolve({ ...blastAnswer, profile: parseProfile(query.profile) ?? 'SOLO' });
      },
      diff(query) {
        calls.push({ method: 'diff', query });
        return Promise.reject(new AppError('UNKNOWN_SNAPSHOT', `No snapshot matches "${query.before}".`, {}));
      },
      references(snapshot) {
        calls.push({ method: 'references', query: { snapshot } });
        return Promise.resolve({
          clients: ['httpbin/client', 'httpbin/client-7f9c', 'sleep/sleep'],
          backends: ['in-ambient.httpbin.svc.cluster.local', 'sleep.sleep.svc.cluster.local'],
        });
      },
    },
  };
}
