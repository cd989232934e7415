/** Builders for Slack renderer and plugin tests: the smallest valid answers, overridable per case. */
import type {
  EffectivePolicy,
  EndpointShare,
  Hop,
  PriorityLevel,
  WhatIf,
} from '../../../src/engine/index.js';

export function makeEndpoint(overrides: Partial<EndpointShare> = {}): EndpointShare {
  return {
    name: 'in-ambient-7c9d8-abcde',
    address: '10.0.0.1',
    cluster: 'cluster1',
    locality: 'us-east-1/us-east-1a',
    priority: 0,
    healthy: true,
    ejected: false,
    sharePercent: 100,
    held: true,
    ...overrides,
  };
}

export function makePriority(overrides: Partial<PriorityLevel> = {}): PriorityLevel {
  return {
    level: 0,
    endpoints: 1,
    healthy: 1,
    healthPercent: 100,
    loadPercent: 100,
    panic: false,
    ...overrides,
  };
}

export function makeHop(overrides: Partial<Hop> = {}): Hop {
  return {
    from: { kind: 'WAYPOINT', name: 'waypoint', cluster: 'cluster1', locality: 'us-east-1/us-east-1a' },
    to: 'in-ambient.httpbin.svc.cluster.local',
    layer: 'L7',
    trafficDistribution: {
      mode: 'PreferSameZone',
      source: 'SERVICE_SPEC',
      resource: { kind: 'Service', name: 'in-ambient', namespace: 'httpbin' },
      field: 'spec.trafficDistribution',
    },
    destinationRule: { kind: 'DestinationRule', name: 'in-ambient', namespace: 'httpbin' },
    destinationRuleFieldsApplied: ['trafficPolicy.outlierDetection'],
    localityLb: {
      mode: 'FAILOVER_PRIORITY',
      active: true,
      failoverPriority: ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone'],
    },
    loadBalancer: 'ROUND_ROBIN',
    outlierDetection: {
      consecutive5xxErrors: 1,
      intervalSeconds: 1,
      baseEjectionTimeSeconds: 30,
      maxEjectionTimeSeconds: 300,
      maxEjectionPercent: 10,
      minHealthPercent: 0,
      explicitFields: ['consecutive5xxErrors'],
    },
    panicThresholdPercent: 50,
    overprovisioningFactor: 140,
    shareUnit: 'REQUEST',
    priorities: [makePriority()],
    endpoints: [makeEndpoint()],
    droppedPercent: 0,
    notes: [],
    ...overrides,
  };
}

/** A ztunnel hop to the waypoint: no DestinationRule and no outlier detection apply on it. */
export function makeZtunnelHop(): Hop {
  const hop: { -readonly [K in keyof Hop]: Hop[K] } = makeHop({
    from: { kind: 'ZTUNNEL', node: 'node-1', locality: 'us-east-1/us-east-1a' },
    to: 'waypoint.httpbin.svc.cluster.local',
    layer: 'L4',
    shareUnit: 'CONNECTION',
    loadBalancer: 'RANDOM',
    destinationRuleFieldsApplied: [],
    localityLb: { mode: 'TRAFFIC_DISTRIBUTION', active: true, failoverPriority: [] },
    endpoints: [makeEndpoint({ name: 'waypoint-5f6-xyz' })],
  });
  delete hop.destinationRule;
  delete hop.outlierDetection;
  return hop;
}

export function makePolicy(overrides: Partial<EffectivePolicy> = {}): EffectivePolicy {
  return {
    profile: 'SOLO',
    client: { kind: 'Pod', name: 'client-in-ambient', namespace: 'httpbin' },
    backend: 'in-ambient.httpbin.svc.cluster.local',
    hops: [makeZtunnelHop(), makeHop()],
    backendShares: makeHop().endpoints,
    diagnostics: [],
    ...overrides,
  };
}

export function makeWhatIf(overrides: Partial<WhatIf> = {}): WhatIf {
  const endpointsBefore = [
    makeEndpoint({ name: 'pod-a', sharePercent: 50 }),
    makeEndpoint({ name: 'pod-b', sharePercent: 50, address: '10.0.0.2' }),
  ];
  const endpointsAfter = [
    makeEndpoint({ name: 'pod-a', sharePercent: 0, ejected: true, healthy: false }),
    makeEndpoint({ name: 'pod-b', sharePercent: 100, address: '10.0.0.2' }),
  ];
  const baseline = makePolicy({
    hops: [makeHop({ endpoints: endpointsBefore, priorities: [makePriority({ endpoints: 2, healthy: 2 })] })],
  });
  const scenario = makePolicy({
    hops: [
      makeHop({
        endpoints: endpointsAfter,
        priorities: [makePriority({ endpoints: 2, healthy: 1, healthPercent: 70, loadPercent: 70 })],
      }),
    ],
  });
  return {
    profile: 'SOLO',
    baseline,
    scenario,
    ejections: [
      { endpoint: 'pod-a', hop: 0, outcome: 'EJECTED', ejectionSeconds: 30 },
      {
        endpoint: '10.0.0.2',
        hop: 0,
        outcome: 'REFUSED_BY_CAP',
        reason: 'maxEjectionPercent 10 % allows no more ejections',
      },
    ],
    errorPercent: 12.5,
    overflowPercent: 30,
    saturatedPercent: null,
    notes: ["Priority loads depend on health only (Envoy's own arithmetic)."],
    ...overrides,
  };
}
