/** Table tests for the rules the upstream vectors do not reach (seed behaviour, profiles, provenance). */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../src/engine/model/meshModel.js';
import {
  LABEL_CLUSTER,
  LABEL_HOSTNAME,
  LABEL_NETWORK,
  LABEL_REGION,
  LABEL_ZONE,
  TRAFFIC_DISTRIBUTION_ANNOTATION,
  applyDistribute,
  assignEnvoyPriorities,
  augmentLabels,
  effectiveLbSetting,
  effectiveTrafficPolicy,
  failoverActivation,
  fillOutlierDetection,
  gatewayEndpointLabels,
  internalTrafficPolicyEffect,
  loadBalancerPolicy,
  modePriorities,
  notReadyEndpointHealth,
  panicThreshold,
  resolveShortnameToFqdn,
  resolveTrafficDistribution,
  validateDestinationRule,
  ztunnelLoadBalancing,
} from '../../../../src/engine/istio/index.js';
import type {
  TrafficDistributionInput,
  TrafficDistributionMode,
} from '../../../../src/engine/istio/index.js';

const A = TRAFFIC_DISTRIBUTION_ANNOTATION;
const svc = (annotations: Record<string, string> = {}, trafficDistribution?: string) => ({
  cluster: 'c1',
  namespace: 'app',
  name: 'backend',
  annotations,
  ...(trafficDistribution === undefined ? {} : { trafficDistribution }),
});
const ns = (annotations: Record<string, string> = {}) => ({ cluster: 'c1', name: 'app', annotations });
const se = (annotations: Record<string, string> = {}) => ({
  cluster: 'c1',
  namespace: 'app',
  name: 'ext',
  annotations,
});

describe('resolveTrafficDistribution', () => {
  it.each<
    [string, Omit<TrafficDistributionInput, 'profile'>, Profile, TrafficDistributionMode, string, number]
  >([
    ['SOLO backend default is PreferNetwork', { service: svc() }, 'SOLO', 'PreferNetwork', 'DEFAULT', 0],
    [
      'SOLO waypoint default is PreferClose',
      { target: 'WAYPOINT', service: svc() },
      'SOLO',
      'PreferSameZone',
      'DEFAULT',
      0,
    ],
    ['upstream default is Any', { service: svc() }, 'ISTIO_1_31', 'Any', 'DEFAULT', 0],
    [
      'SOLO accepts PreferRegion in the annotation',
      { service: svc({ [A]: 'PreferRegion' }) },
      'SOLO',
      'PreferRegion',
      'SERVICE_ANNOTATION',
      0,
    ],
    [
      'upstream turns PreferNetwork into Any with a warning',
      { service: svc({ [A]: 'PreferNetwork' }), namespace: ns({ [A]: 'PreferClose' }) },
      'ISTIO_1_31',
      'Any',
      'SERVICE_ANNOTATION',
      1,
    ],
    [
      'an unknown value is Any with a warning under SOLO too',
      { service: svc({ [A]: 'Closest' }) },
      'SOLO',
      'Any',
      'SERVICE_ANNOTATION',
      1,
    ],
    [
      'SOLO ignores PreferSameNode in spec and falls to the annotation',
      { service: svc({ [A]: 'PreferRegion' }, 'PreferSameNode') },
      'SOLO',
      'PreferRegion',
      'SERVICE_ANNOTATION',
      1,
    ],
    [
      'upstream honours PreferSameNode in spec',
      { service: svc({}, 'PreferSameNode') },
      'ISTIO_1_30',
      'PreferSameNode',
      'SERVICE_SPEC',
      0,
    ],
    [
      'spec is case-sensitive upstream',
      { service: svc({}, 'preferclose') },
      'ISTIO_1_31',
      'Any',
      'DEFAULT',
      1,
    ],
    [
      'namespace annotation is inherited',
      { service: svc(), namespace: ns({ [A]: 'PreferSameNode' }) },
      'ISTIO_1_30',
      'PreferSameNode',
      'NAMESPACE_ANNOTATION',
      0,
    ],
    [
      'a ServiceEntry annotation beats the namespace',
      { serviceEntry: se({ [A]: 'PreferSameNode' }), namespace: ns({ [A]: 'PreferClose' }) },
      'ISTIO_1_31',
      'PreferSameNode',
      'SERVICE_ENTRY_ANNOTATION',
      0,
    ],
    [
      'with a Service present, the namespace beats the ServiceEntry',
      { service: svc(), serviceEntry: se({ [A]: 'PreferSameNode' }), namespace: ns({ [A]: 'PreferClose' }) },
      'SOLO',
      'PreferSameZone',
      'NAMESPACE_ANNOTATION',
      0,
    ],
  ])('%s', (_name, input, profile, mode, source, warnings) => {
    const r = resolveTrafficDistribution({ ...input, profile });
    expect(r.mode).toBe(mode);
    expect(r.source).toBe(source);
    expect(r.warnings.length).toBe(warnings);
    expect(r.answer.mode).toBe(mode);
  });

  it('names the object, field and written value that decided', () => {
    const r = resolveTrafficDistribution({ profile: 'ISTIO_1_31', service: svc({ [A]: 'preferclose' }) });
    expect(r.resource).toEqual({ kind: 'Service', name: 'backend', namespace: 'app', cluster: 'c1' });
    expect(r.field).toBe(`metadata.annotations["${A}"]`);
    expect(r.writtenValue).toBe('preferclose');
  });

  it('internalTrafficPolicy Local: ztunnel STRICT [NODE], Envoy filters to its node', () => {
    expect(internalTrafficPolicyEffect({ internalTrafficPolicy: 'Local' })).toMatchObject({
      ztunnelStrictNode: true,
      envoyFiltersToProxyNode: true,
    });
    expect(internalTrafficPolicyEffect({ internalTrafficPolicy: 'Cluster' }).nodeLocal).toBe(false);
    expect(
      ztunnelLoadBalancing({
        profile: 'SOLO',
        kind: 'Service',
        mode: 'PreferNetwork',
        internalTrafficPolicy: 'Local',
      }),
    ).toMatchObject({
      mode: 'STRICT',
      scopes: ['NODE'],
    });
  });
});

describe('modePriorities', () => {
  it.each<[TrafficDistributionMode, Profile, number, string[]]>([
    ['PreferSameZone', 'ISTIO_1_31', 6, [LABEL_NETWORK, LABEL_REGION, LABEL_ZONE]],
    ['PreferSameZone', 'ISTIO_1_30', 4, [LABEL_NETWORK, LABEL_REGION, LABEL_ZONE]],
    [
      'PreferSameNode',
      'ISTIO_1_31',
      10,
      [LABEL_NETWORK, LABEL_REGION, LABEL_ZONE, 'topology.istio.io/subzone', LABEL_HOSTNAME],
    ],
    [
      'PreferSameNode',
      'ISTIO_1_30',
      6,
      [LABEL_NETWORK, LABEL_REGION, LABEL_ZONE, 'topology.istio.io/subzone', LABEL_HOSTNAME],
    ],
    ['PreferNetwork', 'SOLO', 2, [LABEL_NETWORK]],
    ['PreferRegion', 'SOLO', 3, [LABEL_NETWORK, LABEL_REGION]],
  ])('%s under %s has %i raw levels', (mode, profile, levels, keys) => {
    const m = modePriorities(mode, profile);
    expect(m.levelMeanings.length).toBe(levels);
    expect(m.failoverPriority).toEqual(keys);
    expect(new Set(m.levelMeanings).size).toBe(levels);
  });
});

describe('effectiveLbSetting and failoverActivation', () => {
  it.each<[string, Parameters<typeof effectiveLbSetting>[0], boolean, string, boolean]>([
    [
      'mesh default without outlier detection: inactive',
      { profile: 'ISTIO_1_31', mode: 'Any' },
      false,
      'LOCALITY_FAILOVER',
      false,
    ],
    [
      'outlier detection alone turns locality failover on',
      { profile: 'ISTIO_1_31', mode: 'Any' },
      true,
      'LOCALITY_FAILOVER',
      true,
    ],
    [
      'DR failover without outlier detection is inactive',
      {
        profile: 'ISTIO_1_31',
        mode: 'Any',
        drLoadBalancer: { localityLbSetting: { failover: [{ from: 'a', to: 'b' }] } },
      },
      false,
      'FAILOVER',
      false,
    ],
    [
      'traffic distribution forces priorities',
      { profile: 'ISTIO_1_30', mode: 'PreferSameZone' },
      false,
      'TRAFFIC_DISTRIBUTION',
      true,
    ],
    [
      'SOLO: a DR in force overrides traffic distribution',
      { profile: 'SOLO', mode: 'PreferNetwork', destinationRulePresent: true },
      false,
      'LOCALITY_FAILOVER',
      false,
    ],
    [
      'upstream: a DR without locality settings keeps traffic distribution',
      { profile: 'ISTIO_1_31', mode: 'PreferSameZone', destinationRulePresent: true },
      false,
      'TRAFFIC_DISTRIBUTION',
      true,
    ],
    [
      'DR enabled:false disables everything',
      { profile: 'SOLO', mode: 'PreferNetwork', drLoadBalancer: { localityLbSetting: { enabled: false } } },
      true,
      'DISABLED',
      false,
    ],
  ])('%s', (_name, input, hasOutlierDetection, mode, active) => {
    const a = failoverActivation(effectiveLbSetting(input), { hasOutlierDetection });
    expect(a.mode).toBe(mode);
    expect(a.active).toBe(active);
    expect(a.reason.length).toBeGreaterThan(0);
  });
});

describe('bookinfo productpage-failover: failoverPriority [region, zone] from each cluster', () => {
  const place = (cluster: string, region: string, zone: string) =>
    augmentLabels({}, { locality: { region, zone, subzone: '' }, cluster, network: cluster });
  const endpoints = [
    { id: 'pp-c1-a', labels: place('c1', 'us-east', 'us-east-1a') },
    { id: 'pp-c1-b', labels: place('c1', 'us-east', 'us-east-1b') },
    { id: 'pp-c2-a', labels: place('c2', 'us-west', 'us-west-2a') },
  ];
  const setting = effectiveLbSetting({
    profile: 'SOLO',
    mode: 'PreferNetwork',
    destinationRulePresent: true,
    drLoadBalancer: {
      simple: 'ROUND_ROBIN',
      localityLbSetting: { enabled: true, failoverPriority: [LABEL_REGION, LABEL_ZONE] },
    },
  });
  it.each([
    [
      'waypoint in c1 us-east-1a',
      place('c1', 'us-east', 'us-east-1a'),
      { 'pp-c1-a': 0, 'pp-c1-b': 1, 'pp-c2-a': 2 },
    ],
    [
      'waypoint in c2 us-west-2a',
      place('c2', 'us-west', 'us-west-2a'),
      { 'pp-c1-a': 1, 'pp-c1-b': 1, 'pp-c2-a': 0 },
    ],
  ])('%s', (_name, proxyLabels, expected) => {
    const r = assignEnvoyPriorities({
      profile: 'SOLO',
      proxy: {
        locality: {
          region: proxyLabels[LABEL_REGION] ?? '',
          zone: proxyLabels[LABEL_ZONE] ?? '',
          subzone: '',
        },
        labels: proxyLabels,
        kind: 'WAYPOINT',
      },
      groups: endpoints.map((e) => ({
        locality: { region: e.labels[LABEL_REGION] ?? '', zone: e.labels[LABEL_ZONE] ?? '', subzone: '' },
        endpoints: [e],
      })),
      setting,
      hasOutlierDetection: true,
    });
    expect(Object.fromEntries(r.endpoints.map((e) => [e.id, e.priority]))).toEqual(expected);
    expect(r.algorithm).toBe('FAILOVER_PRIORITY');
  });
  it('uses ROUND_ROBIN', () =>
    expect(loadBalancerPolicy({ simple: 'ROUND_ROBIN' }).policy).toBe('ROUND_ROBIN'));
});

describe('effectiveTrafficPolicy (port level replaces, subset merges)', () => {
  const rule = {
    trafficPolicy: {
      outlierDetection: { consecutive5xxErrors: 3 },
      loadBalancer: { simple: 'RANDOM' },
      portLevelSettings: [{ port: { number: 8080 }, loadBalancer: { simple: 'ROUND_ROBIN' } }],
    },
    subsets: [{ name: 'v2', trafficPolicy: { outlierDetection: { consecutive5xxErrors: 7 } } }],
  };
  it.each([
    ['top level', undefined, undefined, { loadBalancer: 'TOP_LEVEL', outlierDetection: 'TOP_LEVEL' }, 3],
    [
      'port-level entry drops the top-level outlier detection',
      8080,
      undefined,
      { loadBalancer: 'PORT_LEVEL', outlierDetection: 'UNSET' },
      undefined,
    ],
    [
      'subset overrides one block',
      undefined,
      'v2',
      { loadBalancer: 'TOP_LEVEL', outlierDetection: 'SUBSET' },
      7,
    ],
  ] as const)('%s', (_name, port, subset, levels, c5xx) => {
    const r = effectiveTrafficPolicy(rule, port, subset);
    expect(r.levels).toMatchObject(levels);
    expect(r.policy.outlierDetection?.consecutive5xxErrors).toBe(c5xx);
  });
});

describe('outlier detection defaults and panic threshold', () => {
  it('httpbin example: 3 × 5xx, 10 s, 30 s, 50 %', () => {
    const od = fillOutlierDetection({
      consecutive5xxErrors: 3,
      intervalMs: 10_000,
      baseEjectionTimeMs: 30_000,
      maxEjectionPercent: 50,
    });
    expect(od).toMatchObject({
      consecutive5xxErrors: 3,
      intervalSeconds: 10,
      baseEjectionTimeSeconds: 30,
      maxEjectionTimeSeconds: 300,
      maxEjectionPercent: 50,
      minHealthPercent: 0,
    });
    expect(od.explicitFields).toEqual([
      'consecutive5xxErrors',
      'interval',
      'baseEjectionTime',
      'maxEjectionPercent',
    ]);
  });
  it.each([
    [
      'empty block takes every Envoy default',
      {},
      {
        consecutive5xxErrors: 5,
        intervalSeconds: 10,
        baseEjectionTimeSeconds: 30,
        maxEjectionTimeSeconds: 300,
        maxEjectionPercent: 10,
      },
    ],
    [
      'a long base ejection raises the max ejection time',
      { baseEjectionTimeMs: 600_000 },
      { maxEjectionTimeSeconds: 600 },
    ],
    ['maxEjectionPercent 0 leaves Envoy 10 %', { maxEjectionPercent: 0 }, { maxEjectionPercent: 10 }],
  ])('%s', (_name, spec, want) => expect(fillOutlierDetection(spec)).toMatchObject(want));

  it.each<[Profile, TrafficDistributionMode, object | undefined, 'WAYPOINT' | 'SIDECAR', number]>([
    ['ISTIO_1_31', 'Any', undefined, 'SIDECAR', 0],
    ['ISTIO_1_30', 'Any', undefined, 'SIDECAR', 50],
    ['ISTIO_1_30', 'PreferSameZone', undefined, 'SIDECAR', 0],
    ['ISTIO_1_31', 'PreferSameZone', { minHealthPercent: 40 }, 'SIDECAR', 0],
    ['ISTIO_1_31', 'PreferSameZone', { minHealthPercent: 40 }, 'WAYPOINT', 40],
    ['ISTIO_1_30', 'PreferSameZone', { minHealthPercent: 40 }, 'WAYPOINT', 0],
    ['SOLO', 'Any', { minHealthPercent: 25 }, 'SIDECAR', 25],
  ])('%s %s od=%j at %s → %i %%', (profile, mode, od, proxyKind, percent) => {
    expect(
      panicThreshold({ profile, mode, proxyKind, ...(od === undefined ? {} : { outlierDetection: od }) })
        .percent,
    ).toBe(percent);
  });

  it.each<[Profile, TrafficDistributionMode, object | undefined, string]>([
    ['ISTIO_1_31', 'Any', undefined, 'UNHEALTHY'],
    ['ISTIO_1_31', 'Any', { minHealthPercent: 20 }, 'DROPPED'],
    ['ISTIO_1_31', 'PreferSameZone', { minHealthPercent: 20 }, 'UNHEALTHY'],
    ['ISTIO_1_30', 'Any', undefined, 'DROPPED'],
    ['ISTIO_1_30', 'PreferSameNode', undefined, 'UNHEALTHY'],
  ])('not-ready endpoint under %s %s od=%j → %s', (profile, mode, od, health) => {
    expect(
      notReadyEndpointHealth({ profile, mode, ...(od === undefined ? {} : { outlierDetection: od }) }).health,
    ).toBe(health);
  });
});

describe('labels and hosts', () => {
  it('augmentLabels keeps an existing network label', () => {
    const l = augmentLabels(
      { [LABEL_NETWORK]: 'pod-net' },
      {
        locality: { region: 'r', zone: '', subzone: '' },
        cluster: 'c',
        nodeName: 'n',
        network: 'cluster-net',
      },
    );
    expect(l).toEqual({
      [LABEL_NETWORK]: 'pod-net',
      [LABEL_REGION]: 'r',
      [LABEL_CLUSTER]: 'c',
      [LABEL_HOSTNAME]: 'n',
    });
  });
  it('gateway stand-ins carry only cluster and network', () => {
    expect(gatewayEndpointLabels('c2', 'n2')).toEqual({ [LABEL_CLUSTER]: 'c2', [LABEL_NETWORK]: 'n2' });
  });
  it.each([
    ['reviews', 'bookinfo', 'reviews.bookinfo.svc.cluster.local'],
    ['reviews.bookinfo', 'x', 'reviews.bookinfo'],
    ['*', 'x', '*'],
    ['*.bookinfo.mesh.internal', 'x', '*.bookinfo.mesh.internal'],
  ])('resolveShortnameToFqdn(%s, %s) → %s', (host, namespace, want) =>
    expect(resolveShortnameToFqdn(host, namespace)).toBe(want),
  );
  it('distribute 40/20 under region1/zone1/*: 50 → 34 and 17', () => {
    const d = applyDistribute(
      { region: 'region1', zone: 'zone1', subzone: 'subzone1' },
      [
        { locality: { region: 'region1', zone: 'zone1', subzone: 'a' }, weight: 40, endpoints: [] },
        { locality: { region: 'region1', zone: 'zone1', subzone: 'b' }, weight: 20, endpoints: [] },
        { locality: { region: 'region2', zone: 'zone1', subzone: 'a' }, weight: 20, endpoints: [] },
      ],
      [{ from: 'region1/*', to: { 'region1/zone1/*': 50, 'region2/*': 50 } }],
    );
    expect(d.weights).toEqual([34, 17, 50]);
  });
});

describe('validateDestinationRule', () => {
  it.each([
    [
      'a selector rule exported elsewhere',
      { namespace: 'a', exportTo: ['b'], workloadSelector: { app: 'x' }, subsets: [] },
      1,
      0,
    ],
    ['an empty traffic policy', { namespace: 'a', exportTo: [], trafficPolicy: {}, subsets: [] }, 1, 0],
    [
      'failoverPriority without outlier detection warns',
      {
        namespace: 'a',
        exportTo: [],
        trafficPolicy: { loadBalancer: { localityLbSetting: { failoverPriority: ['x'] } } },
        subsets: [],
      },
      0,
      1,
    ],
    [
      'subset port-level policy without a port',
      {
        namespace: 'a',
        exportTo: [],
        subsets: [
          { name: 's', trafficPolicy: { portLevelSettings: [{ loadBalancer: { simple: 'RANDOM' } }] } },
        ],
      },
      1,
      0,
    ],
  ])('%s', (_name, dr, errors, warnings) => {
    const r = validateDestinationRule(dr);
    expect(r.errors.length).toBe(errors);
    expect(r.warnings.length).toBe(warnings);
  });
});
