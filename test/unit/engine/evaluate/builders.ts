// Small builders for hand-made resolver output (the resolver is built in parallel).
import type { OutlierDetection } from '../../../../src/engine/model/answer.js';
import type {
  EndpointHealth,
  ResolvedEndpoint,
  ResolvedHop,
  ResolvedPath,
} from '../../../../src/engine/model/resolved.js';

export interface EndpointSpec {
  readonly name: string;
  readonly priority?: number;
  readonly health?: EndpointHealth;
  readonly weight?: number;
  readonly region?: string;
  readonly zone?: string;
  readonly subzone?: string;
  readonly cluster?: string;
  readonly address?: string;
  readonly localityWeight?: number;
}

export function makeEndpoint(spec: EndpointSpec): ResolvedEndpoint {
  const cluster = spec.cluster ?? 'cluster1';
  return {
    id: `${cluster}/ns/${spec.name}`,
    name: spec.name,
    address: spec.address ?? `10.0.0.${(spec.name.length % 250).toString()}`,
    cluster,
    network: 'network1',
    locality: {
      region: spec.region ?? 'us-east',
      zone: spec.zone ?? 'us-east-1a',
      subzone: spec.subzone ?? '',
    },
    priority: spec.priority ?? 0,
    rawPriority: spec.priority ?? 0,
    priorityReason: 'test fixture',
    health: spec.health ?? 'HEALTHY',
    weight: spec.weight ?? 1,
    ...(spec.localityWeight === undefined ? {} : { localityWeight: spec.localityWeight }),
  };
}

export function makeOutlierDetection(overrides: Partial<OutlierDetection> = {}): OutlierDetection {
  return {
    consecutive5xxErrors: 5,
    intervalSeconds: 10,
    baseEjectionTimeSeconds: 30,
    maxEjectionTimeSeconds: 300,
    maxEjectionPercent: 10,
    minHealthPercent: 0,
    explicitFields: [],
    ...overrides,
  };
}

export function makeHop(
  endpoints: readonly EndpointSpec[],
  overrides: Partial<ResolvedHop> = {},
): ResolvedHop {
  return {
    from: { kind: 'WAYPOINT', name: 'waypoint' },
    to: 'in-ambient.httpbin.svc.cluster.local',
    layer: 'L7',
    balancer: 'ENVOY',
    trafficDistribution: { mode: 'Any', source: 'DEFAULT' },
    destinationRuleFieldsApplied: [],
    localityLb: { mode: 'NONE', active: false, failoverPriority: [] },
    loadBalancer: 'ROUND_ROBIN',
    panicThresholdPercent: 0,
    overprovisioningFactor: 140,
    localityWeighted: false,
    endpoints: endpoints.map(makeEndpoint),
    priorityMeanings: ['same network + region + zone', 'same network + region', 'same network'],
    notes: [],
    ...overrides,
  };
}

export function makePath(hops: readonly ResolvedHop[]): ResolvedPath {
  return {
    profile: 'SOLO',
    client: { kind: 'Deployment', name: 'client-in-ambient', namespace: 'httpbin', cluster: 'cluster1' },
    backend: 'in-ambient.httpbin.svc.cluster.local',
    hops,
    diagnostics: [],
  };
}

/** n endpoints named `${prefix}-0..n-1` with the same spec. */
export function many(n: number, prefix: string, spec: Omit<EndpointSpec, 'name'> = {}): EndpointSpec[] {
  return Array.from({ length: n }, (_, i) => ({ ...spec, name: `${prefix}-${i.toString()}` }));
}
