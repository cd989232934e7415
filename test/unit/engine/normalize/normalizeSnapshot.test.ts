import { describe, expect, it } from 'vitest';
import type { MeshConfig, Profile } from '../../../../src/engine/model/meshModel.js';
import type { KubeObject } from '../../../../src/engine/normalize/kubeObjects.js';
import {
  DEFAULT_MESH_CONFIG,
  normalizeMeshConfig,
} from '../../../../src/engine/normalize/normalizeMeshConfig.js';
import { normalizeSnapshot } from '../../../../src/engine/normalize/normalizeSnapshot.js';
import { endpointSlice, gateway, istio, namespace, node, pod, replicaSet, service } from './builders.js';

const ZONE_LABELS = {
  'topology.kubernetes.io/region': 'us-east-1',
  'topology.kubernetes.io/zone': 'us-east-1a',
};

function normalize(
  objects: KubeObject[],
  options: { network?: string; profile?: Profile; meshConfig?: MeshConfig } = {},
) {
  const result = normalizeSnapshot({
    profile: options.profile ?? 'SOLO',
    meshConfig: options.meshConfig ?? DEFAULT_MESH_CONFIG,
    clusters: [{ name: 'c1', network: options.network ?? '', objects }],
  });
  const cluster = result.model.clusters[0]!;
  return { cluster, diagnostics: result.diagnostics, model: result.model };
}

function codes(diagnostics: readonly { code: string }[]): string[] {
  return diagnostics.map((diagnostic) => diagnostic.code);
}

describe('nodes', () => {
  it.each([
    [
      'topology labels',
      { ...ZONE_LABELS, 'topology.istio.io/subzone': 'rack1' },
      '',
      { region: 'us-east-1', zone: 'us-east-1a', subzone: 'rack1' },
      '',
    ],
    ['no labels', {}, 'net0', { region: '', zone: '', subzone: '' }, 'net0'],
    [
      'network label wins over the cluster network',
      { 'topology.istio.io/network': 'n2' },
      'net0',
      { region: '', zone: '', subzone: '' },
      'n2',
    ],
  ])('%s', (_case, labels, clusterNetwork, locality, network) => {
    const { cluster } = normalize([node('n1', labels)], { network: clusterNetwork });
    expect(cluster.nodes[0]).toMatchObject({ name: 'n1', cluster: 'c1', locality, network });
  });
});

describe('namespaces', () => {
  it.each([
    [{ 'istio.io/dataplane-mode': 'ambient' }, 'ambient'],
    [{ 'istio-injection': 'enabled' }, 'sidecar'],
    [{ 'istio.io/rev': '1-30' }, 'sidecar'],
    [{ 'istio.io/rev': '1-30', 'istio.io/dataplane-mode': 'ambient' }, 'ambient'],
    [{ 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient' }, 'sidecar'],
    [{ 'istio-injection': 'disabled', 'istio.io/rev': '1-30' }, 'none'],
    [{}, 'none'],
  ])('%j → %s', (labels, mode) => {
    expect(normalize([namespace('ns', labels)]).cluster.namespaces[0]?.dataplaneMode).toBe(mode);
  });

  it.each([
    [{ 'istio.io/use-waypoint': 'wp' }, { kind: 'waypoint', name: 'wp', namespace: 'ns' }],
    [
      { 'istio.io/use-waypoint': 'wp', 'istio.io/use-waypoint-namespace': 'shared' },
      { kind: 'waypoint', name: 'wp', namespace: 'shared' },
    ],
    [{ 'istio.io/use-waypoint': 'none' }, { kind: 'none' }],
  ])('use-waypoint %j', (labels, expected) => {
    const { cluster } = normalize([namespace('ns', labels), gateway('wp', 'istio-waypoint')]);
    expect(cluster.namespaces[0]?.useWaypoint).toMatchObject({
      ...expected,
      source: { kind: 'Namespace', name: 'ns', cluster: 'c1' },
    });
  });
});

describe('workloads from pods', () => {
  it.each([
    [
      'ReplicaSet → Deployment',
      [replicaSet('web-7d8f9b6c54', 'web')],
      { owner: { kind: 'ReplicaSet', name: 'web-7d8f9b6c54' } },
      'web',
    ],
    [
      'ReplicaSet missing: strip pod-template-hash',
      [],
      {
        owner: { kind: 'ReplicaSet', name: 'web-7d8f9b6c54' },
        labels: { 'pod-template-hash': '7d8f9b6c54' },
      },
      'web',
    ],
    ['ReplicaSet missing, no hash label', [], { owner: { kind: 'ReplicaSet', name: 'web-abc' } }, 'web-abc'],
    [
      'bare ReplicaSet',
      [replicaSet('rs1', undefined)],
      { owner: { kind: 'ReplicaSet', name: 'rs1' } },
      'rs1',
    ],
    ['StatefulSet', [], { owner: { kind: 'StatefulSet', name: 'db' } }, 'db'],
    ['app label', [], { labels: { app: 'legacy' } }, 'legacy'],
    ['pod name', [], {}, 'p1'],
  ])('workloadName: %s', (_case, extra, options, expected) => {
    const { cluster } = normalize([...extra, pod('p1', options)]);
    expect(cluster.workloads[0]?.workloadName).toBe(expected);
  });

  it.each([
    [
      'pod label',
      { 'topology.istio.io/network': 'pod-net' },
      { 'topology.istio.io/network': 'ns-net' },
      { 'topology.istio.io/network': 'node-net' },
      'pod-net',
    ],
    [
      'namespace label',
      {},
      { 'topology.istio.io/network': 'ns-net' },
      { 'topology.istio.io/network': 'node-net' },
      'ns-net',
    ],
    ['node label', {}, {}, { 'topology.istio.io/network': 'node-net' }, 'node-net'],
    ['cluster network', {}, {}, {}, 'cluster-net'],
  ])('network from the %s', (_case, podLabels, namespaceLabels, nodeLabels, expected) => {
    const { cluster } = normalize(
      [
        node('n1', nodeLabels),
        namespace('ns', namespaceLabels),
        pod('p1', { labels: podLabels, nodeName: 'n1' }),
      ],
      {
        network: 'cluster-net',
      },
    );
    expect(cluster.workloads[0]?.network).toBe(expected);
  });

  it.each([
    ['sidecar status annotation', {}, { annotations: { 'sidecar.istio.io/status': '{}' } }, 'sidecar'],
    ['istio-proxy container', {}, { containers: ['app', 'istio-proxy'] }, 'sidecar'],
    ['ambient namespace', { 'istio.io/dataplane-mode': 'ambient' }, {}, 'ambient'],
    [
      'pod opts out of ambient',
      { 'istio.io/dataplane-mode': 'ambient' },
      { labels: { 'istio.io/dataplane-mode': 'none' } },
      'none',
    ],
    ['pod opts in', {}, { labels: { 'istio.io/dataplane-mode': 'ambient' } }, 'ambient'],
    [
      'gateway pod runs istio-proxy without being a sidecar',
      {},
      { containers: ['istio-proxy'], labels: { 'gateway.networking.k8s.io/gateway-name': 'wp' } },
      'none',
    ],
    ['no mesh', {}, {}, 'none'],
  ])('dataplane mode: %s', (_case, namespaceLabels, options, expected) => {
    const { cluster } = normalize([namespace('ns', namespaceLabels), pod('p1', options)]);
    expect(cluster.workloads[0]?.dataplaneMode).toBe(expected);
  });

  it('takes locality and node from the node, readiness from the Ready condition, terminating from deletionTimestamp', () => {
    const { cluster } = normalize([
      node('n1', ZONE_LABELS),
      namespace('ns'),
      pod('p1', { nodeName: 'n1', ip: '10.0.0.1', ready: false, deleting: true }),
    ]);
    expect(cluster.workloads[0]).toMatchObject({
      kind: 'Pod',
      nodeName: 'n1',
      address: '10.0.0.1',
      locality: { region: 'us-east-1', zone: 'us-east-1a', subzone: '' },
      ready: false,
      terminating: true,
      weight: 1,
    });
  });

  it('lets the pod locality label override the node', () => {
    const { cluster } = normalize([
      node('n1', ZONE_LABELS),
      namespace('ns'),
      pod('p1', { nodeName: 'n1', labels: { 'topology.istio.io/locality': 'eu.eu-1b.r2' } }),
    ]);
    expect(cluster.workloads[0]?.locality).toEqual({ region: 'eu', zone: 'eu-1b', subzone: 'r2' });
  });

  it('records the gateway name and the waypoint use of a pod', () => {
    const { cluster } = normalize([
      namespace('ns'),
      gateway('wp', 'istio-waypoint'),
      pod('p1', { labels: { 'istio.io/use-waypoint': 'wp' } }),
      pod('wp-1', { labels: { 'gateway.networking.k8s.io/gateway-name': 'wp' } }),
    ]);
    expect(cluster.workloads[0]?.useWaypoint).toMatchObject({
      kind: 'waypoint',
      name: 'wp',
      namespace: 'ns',
    });
    expect(cluster.workloads[1]?.gatewayName).toBe('wp');
  });
});

describe('workloads from WorkloadEntries', () => {
  it.each([
    [
      {
        address: '1.1.1.1',
        labels: { app: 'vm' },
        locality: 'us-west/us-west-2a',
        network: 'vm-net',
        weight: 3,
      },
      {
        address: '1.1.1.1',
        workloadName: 'vm',
        network: 'vm-net',
        weight: 3,
        locality: { region: 'us-west', zone: 'us-west-2a', subzone: '' },
      },
    ],
    [
      { address: '2.2.2.2' },
      {
        workloadName: 'we1',
        network: 'c-net',
        weight: 1,
        locality: { region: '', zone: '', subzone: '' },
        dataplaneMode: 'sidecar',
      },
    ],
  ])('%j', (spec, expected) => {
    const { cluster } = normalize([namespace('ns'), istio('WorkloadEntry', 'we1', spec)], {
      network: 'c-net',
    });
    expect(cluster.workloads[0]).toMatchObject({ kind: 'WorkloadEntry', ready: true, ...expected });
  });
});

describe('services', () => {
  it('fills Kubernetes defaults and keeps what is written', () => {
    const { cluster } = normalize([
      namespace('ns'),
      service(
        'web',
        {
          ports: [{ name: 'http', port: 8000, targetPort: 8080 }],
          selector: { app: 'web' },
          trafficDistribution: 'PreferClose',
        },
        {},
        'ns',
        {
          'networking.istio.io/traffic-distribution': 'PreferNetwork',
        },
      ),
    ]);
    expect(cluster.services[0]).toMatchObject({
      hostname: 'web.ns.svc.cluster.local',
      type: 'ClusterIP',
      ports: [{ name: 'http', port: 8000, targetPort: 8080, protocol: 'TCP' }],
      selector: { app: 'web' },
      trafficDistribution: 'PreferClose',
      internalTrafficPolicy: 'Cluster',
      publishNotReadyAddresses: false,
      annotations: { 'networking.istio.io/traffic-distribution': 'PreferNetwork' },
    });
    expect(cluster.services[0]?.global).toBeUndefined();
  });

  const scopeConfig = normalizeMeshConfig({
    serviceScopeConfigs: [
      { servicesSelector: { matchLabels: { 'istio.io/global': 'true' } }, scope: 'GLOBAL' },
    ],
  });
  it.each([
    [
      'service label global',
      {},
      { 'solo.io/service-scope': 'global' },
      'SOLO',
      { scope: 'global', source: 'SOLO_SERVICE_LABEL' },
    ],
    [
      'service label global-only',
      {},
      { 'solo.io/service-scope': 'global-only' },
      'SOLO',
      { scope: 'global-only', source: 'SOLO_SERVICE_LABEL' },
    ],
    [
      'namespace label',
      { 'solo.io/service-scope': 'global' },
      {},
      'SOLO',
      { scope: 'global', source: 'SOLO_NAMESPACE_LABEL' },
    ],
    [
      'service label overrides namespace',
      { 'solo.io/service-scope': 'global' },
      { 'solo.io/service-scope': 'cluster' },
      'SOLO',
      undefined,
    ],
    ['segment is not global', {}, { 'solo.io/service-scope': 'segment' }, 'SOLO', undefined],
    [
      'mesh serviceScopeConfigs',
      {},
      { 'istio.io/global': 'true' },
      'ISTIO_1_31',
      { scope: 'GLOBAL', source: 'MESH_SERVICE_SCOPE_CONFIG' },
    ],
    [
      'ISTIO profile prefers mesh config',
      {},
      { 'istio.io/global': 'true', 'solo.io/service-scope': 'global' },
      'ISTIO_1_30',
      { source: 'MESH_SERVICE_SCOPE_CONFIG' },
    ],
    [
      'SOLO profile prefers the Solo label',
      {},
      { 'istio.io/global': 'true', 'solo.io/service-scope': 'global' },
      'SOLO',
      { source: 'SOLO_SERVICE_LABEL' },
    ],
  ] as const)('global scope: %s', (_case, namespaceLabels, labels, profile, expected) => {
    const { cluster } = normalize(
      [namespace('bookinfo', namespaceLabels), service('productpage', {}, labels, 'bookinfo')],
      {
        profile,
        meshConfig: scopeConfig,
      },
    );
    const global = cluster.services[0]?.global;
    if (expected === undefined) expect(global).toBeUndefined();
    else expect(global).toMatchObject({ ...expected, hostname: 'productpage.bookinfo.mesh.internal' });
  });
});

describe('endpoints', () => {
  it.each([
    [
      'all conditions unset (Kubernetes: unknown means ready)',
      {},
      { ready: true, serving: true, terminating: false },
    ],
    [
      'not ready, serving unset defers to ready',
      { ready: false },
      { ready: false, serving: false, terminating: false },
    ],
    [
      'terminating but still serving',
      { ready: false, serving: true, terminating: true },
      { ready: false, serving: true, terminating: true },
    ],
  ])('EndpointSlice conditions: %s', (_case, conditions, expected) => {
    const { cluster } = normalize([
      namespace('ns'),
      service('web'),
      pod('p1'),
      endpointSlice('web-abc', 'web', [
        {
          addresses: ['10.0.0.1'],
          conditions,
          nodeName: 'n1',
          zone: 'z1',
          targetRef: { kind: 'Pod', name: 'p1', namespace: 'ns' },
        },
      ]),
    ]);
    expect(cluster.endpoints[0]).toMatchObject({
      service: { kind: 'Service', namespace: 'ns', name: 'web' },
      address: '10.0.0.1',
      source: 'EndpointSlice',
      nodeName: 'n1',
      zone: 'z1',
      workload: { kind: 'Pod', namespace: 'ns', name: 'p1' },
      ...expected,
    });
  });

  it('adds ServiceEntry inline endpoints and WorkloadEntries selected by a ServiceEntry or a Service', () => {
    const { cluster } = normalize([
      namespace('ns'),
      istio('ServiceEntry', 'ext', {
        hosts: ['ext.example.com'],
        endpoints: [{ address: '9.9.9.9', locality: 'r/z', network: 'far', weight: 2 }],
      }),
      istio('ServiceEntry', 'vms', { hosts: ['vms.internal'], workloadSelector: { labels: { app: 'vm' } } }),
      istio('WorkloadEntry', 'vm-1', { address: '5.5.5.5', labels: { app: 'vm' } }),
      service('vm-svc', { selector: { app: 'vm' } }),
    ]);
    expect(
      cluster.endpoints.map((endpoint) => [endpoint.service.name, endpoint.address, endpoint.source]),
    ).toEqual([
      ['ext', '9.9.9.9', 'ServiceEntry'],
      ['vms', '5.5.5.5', 'WorkloadEntry'],
      ['vm-svc', '5.5.5.5', 'WorkloadEntry'],
    ]);
    expect(cluster.endpoints[0]).toMatchObject({
      locality: { region: 'r', zone: 'z', subzone: '' },
      network: 'far',
      weight: 2,
    });
    expect(cluster.serviceEntries[1]).toMatchObject({
      location: 'MESH_EXTERNAL',
      resolution: 'NONE',
      workloadSelector: { app: 'vm' },
      exportTo: [],
    });
  });
});

describe('gateways', () => {
  it.each([
    ['istio-waypoint', {}, 'waypoints', 'service'],
    ['istio-waypoint', { 'istio.io/waypoint-for': 'workload' }, 'waypoints', 'workload'],
    ['istio', {}, 'gateways', 'service'],
    ['istio-east-west', { 'istio.io/waypoint-for': 'all' }, 'gateways', 'all'],
  ] as const)('class %s %j → %s', (className, labels, list, waypointFor) => {
    const { cluster } = normalize([
      namespace('ns'),
      gateway('gw', className, labels),
      pod('gw-1', { labels: { 'gateway.networking.k8s.io/gateway-name': 'gw' } }),
    ]);
    expect(cluster[list]).toEqual([
      expect.objectContaining({ name: 'gw', gatewayClassName: className, waypointFor, podNames: ['gw-1'] }),
    ]);
  });
});

describe('destination rules', () => {
  it('keeps the rule as written with durations in milliseconds', () => {
    const { cluster } = normalize([
      namespace('ns'),
      istio(
        'DestinationRule',
        'dr',
        {
          host: 'in-ambient',
          trafficPolicy: {
            loadBalancer: {
              simple: 'ROUND_ROBIN',
              localityLbSetting: { enabled: true, failoverPriority: ['topology.kubernetes.io/region'] },
            },
            outlierDetection: {
              consecutive5xxErrors: 3,
              interval: '10s',
              baseEjectionTime: '1.5s',
              maxEjectionPercent: 50,
            },
            portLevelSettings: [{ port: { number: 80 }, outlierDetection: { interval: '500ms' } }],
          },
          subsets: [{ name: 'v1', labels: { version: 'v1' } }],
        },
        { creationTimestamp: '2025-03-06T17:20:00Z' },
      ),
    ]);
    expect(cluster.destinationRules[0]).toEqual({
      cluster: 'c1',
      namespace: 'ns',
      name: 'dr',
      host: 'in-ambient',
      exportTo: [],
      trafficPolicy: {
        loadBalancer: {
          simple: 'ROUND_ROBIN',
          localityLbSetting: { enabled: true, failoverPriority: ['topology.kubernetes.io/region'] },
        },
        outlierDetection: {
          consecutive5xxErrors: 3,
          intervalMs: 10_000,
          baseEjectionTimeMs: 1_500,
          maxEjectionPercent: 50,
        },
        portLevelSettings: [{ port: { number: 80 }, outlierDetection: { intervalMs: 500 } }],
      },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
      creationTimestamp: '2025-03-06T17:20:00Z',
    });
  });
});

describe('diagnostics', () => {
  it.each([
    [
      'a pod on a node not in the snapshot (other nodes are)',
      [node('n1'), namespace('ns'), pod('p1', { nodeName: 'gone' })],
      'SPW1001',
    ],
    ['objects in a namespace not in the snapshot', [pod('p1')], 'SPW1002'],
    [
      'an endpoint whose pod is not in the snapshot',
      [
        namespace('ns'),
        service('web'),
        endpointSlice('s', 'web', [{ addresses: ['1.1.1.1'], targetRef: { kind: 'Pod', name: 'x' } }]),
      ],
      'SPW1003',
    ],
    [
      'use-waypoint naming a missing waypoint',
      [namespace('ns', { 'istio.io/use-waypoint': 'wp' })],
      'SPW1004',
    ],
    ['a waypoint without pods', [namespace('ns'), gateway('wp', 'istio-waypoint')], 'SPW1005'],
    [
      'injection enabled but no sidecar in the pod',
      [namespace('ns', { 'istio-injection': 'enabled' }), pod('p1')],
      'SPW1006',
    ],
    [
      'unknown waypoint-for',
      [namespace('ns'), gateway('wp', 'istio', { 'istio.io/waypoint-for': 'everything' })],
      'SPW1007',
    ],
    [
      'unknown service scope',
      [namespace('ns'), service('s', {}, { 'solo.io/service-scope': 'planet' })],
      'SPW1008',
    ],
    [
      'ServiceEntry selector matching nothing',
      [
        namespace('ns'),
        istio('ServiceEntry', 'se', { hosts: ['a'], workloadSelector: { labels: { app: 'x' } } }),
      ],
      'SPW1009',
    ],
    [
      'service scope written as an annotation',
      [namespace('ns'), service('s', {}, {}, 'ns', { 'solo.io/service-scope': 'global' })],
      'SPW1012',
    ],
  ])('%s', (_case, objects, code) => {
    expect(codes(normalize(objects).diagnostics)).toEqual([code]);
  });

  it('reports nothing for a consistent snapshot', () => {
    const { diagnostics } = normalize([
      node('n1', ZONE_LABELS),
      namespace('ns', { 'istio.io/use-waypoint': 'wp' }),
      gateway('wp', 'istio-waypoint'),
      pod('wp-1', { nodeName: 'n1', labels: { 'gateway.networking.k8s.io/gateway-name': 'wp' } }),
    ]);
    expect(diagnostics).toEqual([]);
  });
});

describe('cluster network', () => {
  it.each([
    ['from the upload', 'given', { 'topology.istio.io/network': 'labelled' }, 'given'],
    ['from the Istio system namespace label', '', { 'topology.istio.io/network': 'labelled' }, 'labelled'],
    ['single network', '', {}, ''],
  ])('%s', (_case, network, labels, expected) => {
    const { cluster } = normalize([namespace('istio-system', labels), node('n1')], { network });
    expect(cluster.network).toBe(expected);
    expect(cluster.nodes[0]?.network).toBe(expected);
  });
});

describe('mesh config', () => {
  it.each([
    [
      undefined,
      { rootNamespace: 'istio-system', localityLbSetting: { enabled: true }, serviceScopeConfigs: [] },
    ],
    [
      { rootNamespace: 'istio-config', localityLbSetting: { enabled: false } },
      { rootNamespace: 'istio-config', localityLbSetting: { enabled: false }, serviceScopeConfigs: [] },
    ],
    [
      { defaultDestinationRuleExportTo: ['.'], zoneAwareLbSetting: { enabled: true, minClusterSize: 3 } },
      {
        rootNamespace: 'istio-system',
        defaultDestinationRuleExportTo: ['.'],
        zoneAwareLbSetting: { enabled: true, minClusterSize: 3 },
      },
    ],
  ])('%j', (raw, expected) => {
    expect(normalizeMeshConfig(raw)).toMatchObject(expected);
  });
});
