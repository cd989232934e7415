/**
 * What normalization makes of snapshots that lack something, as people really capture them: legacy node
 * labels, no Nodes, no EndpointSlices, no Pods, trimmed status. Each case says what it read, what it
 * assumed, and which diagnostic says so.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../src/engine/normalize/kubeObjects.js';
import { DEFAULT_MESH_CONFIG } from '../../../../src/engine/normalize/normalizeMeshConfig.js';
import { normalizeSnapshot } from '../../../../src/engine/normalize/normalizeSnapshot.js';
import { deployment, endpointSlice, namespace, node, pod, service } from './builders.js';

function normalize(objects: KubeObject[]) {
  const result = normalizeSnapshot({
    profile: 'SOLO',
    meshConfig: DEFAULT_MESH_CONFIG,
    clusters: [{ name: 'c1', network: '', objects }],
  });
  return { cluster: result.model.clusters[0]!, diagnostics: result.diagnostics, model: result.model };
}
const codes = (list: readonly { code: string }[]): string[] => list.map((d) => d.code);

const GA = { 'topology.kubernetes.io/region': 'ga-region', 'topology.kubernetes.io/zone': 'ga-zone' };
const LEGACY = {
  'failure-domain.beta.kubernetes.io/region': 'old-region',
  'failure-domain.beta.kubernetes.io/zone': 'old-zone',
};

describe('node locality as Istio reads it: the GA label, else the legacy one', () => {
  it.each([
    ['GA labels only', GA, { region: 'ga-region', zone: 'ga-zone' }, false],
    ['legacy labels only', LEGACY, { region: 'old-region', zone: 'old-zone' }, true],
    ['both: GA wins', { ...GA, ...LEGACY }, { region: 'ga-region', zone: 'ga-zone' }, false],
    [
      'an empty GA value falls back, as getLabelValue does',
      { ...LEGACY, 'topology.kubernetes.io/zone': '' },
      { region: 'old-region', zone: 'old-zone' },
      true,
    ],
    [
      'GA region with a legacy zone',
      { 'topology.kubernetes.io/region': 'ga-region', 'failure-domain.beta.kubernetes.io/zone': 'old-zone' },
      { region: 'ga-region', zone: 'old-zone' },
      true,
    ],
  ])('%s', (_case, labels, locality, legacyNoted) => {
    const { cluster, diagnostics } = normalize([node('n1', labels)]);
    expect(cluster.nodes[0]?.locality).toEqual({ ...locality, subzone: '' });
    expect(codes(diagnostics).includes('SPW1017')).toBe(legacyNoted);
  });
});

describe('a snapshot without Nodes', () => {
  const objects = [
    namespace('ns'),
    service('web', { selector: { app: 'web' } }),
    pod('web-1', { nodeName: 'n-a', labels: { app: 'web' }, ip: '10.0.0.1' }),
    pod('web-2', { nodeName: 'n-b', labels: { app: 'web' }, ip: '10.0.0.2' }),
    endpointSlice('web-x', 'web', [
      { addresses: ['10.0.0.1'], zone: 'zone-a', nodeName: 'n-a', targetRef: { kind: 'Pod', name: 'web-1' } },
      { addresses: ['10.0.0.2'], zone: 'zone-b', nodeName: 'n-b', targetRef: { kind: 'Pod', name: 'web-2' } },
    ]),
  ];

  it("takes each pod's zone from its EndpointSlice endpoint, with the region unknown", () => {
    const { cluster } = normalize(objects);
    expect(cluster.workloads.map((w) => [w.name, w.locality])).toEqual([
      ['web-1', { region: '', zone: 'zone-a', subzone: '' }],
      ['web-2', { region: '', zone: 'zone-b', subzone: '' }],
    ]);
  });

  it('says so once for the cluster (SPW1016), not once per node name (SPW1001), and repeats it with answers', () => {
    const { diagnostics, model } = normalize(objects);
    expect(codes(diagnostics)).toEqual(['SPW1016']);
    expect(diagnostics[0]?.message).toContain('2 of 2 pod(s)');
    expect(codes(model.caveats ?? [])).toEqual(['SPW1016']);
  });
});

describe('a Service without EndpointSlices: endpoints as the EndpointSlice controller derives them', () => {
  const web = (spec: Record<string, unknown> = {}) => service('web', { selector: { app: 'web' }, ...spec });
  const base = [namespace('ns'), node('n1', GA)];
  const select = { labels: { app: 'web' }, nodeName: 'n1' };

  // ready = publishNotReadyAddresses || (serving && !terminating); serving = the Ready condition
  // (Kubernetes endpointslice `podToEndpoint`); finished pods and pods without an IP are left out
  // (`ShouldPodBeInEndpoints` with terminating pods included).
  it.each([
    [
      'a ready pod',
      web(),
      pod('p', { ...select, ip: '10.0.0.1' }),
      { ready: true, serving: true, terminating: false },
    ],
    [
      'a pod not ready',
      web(),
      pod('p', { ...select, ip: '10.0.0.1', ready: false }),
      { ready: false, serving: false, terminating: false },
    ],
    [
      'a terminating ready pod',
      web(),
      pod('p', { ...select, ip: '10.0.0.1', deleting: true }),
      { ready: false, serving: true, terminating: true },
    ],
    [
      'a pod not ready behind publishNotReadyAddresses',
      web({ publishNotReadyAddresses: true }),
      pod('p', { ...select, ip: '10.0.0.1', ready: false }),
      { ready: true, serving: false, terminating: false },
    ],
    ['a pod without an IP', web(), pod('p', select), undefined],
    ['a finished pod', web(), pod('p', { ...select, ip: '10.0.0.1', phase: 'Succeeded' }), undefined],
    [
      'a pod the selector does not match',
      web(),
      pod('p', { ip: '10.0.0.1', labels: { app: 'api' } }),
      undefined,
    ],
    [
      'an ExternalName Service',
      web({ type: 'ExternalName', externalName: 'x.example' }),
      pod('p', { ...select, ip: '10.0.0.1' }),
      undefined,
    ],
    ['a Service without a selector', service('web'), pod('p', { ...select, ip: '10.0.0.1' }), undefined],
  ])('%s', (_case, svc, p, conditions) => {
    const { cluster, diagnostics } = normalize([...base, svc, p]);
    const endpoints = cluster.endpoints.filter((e) => e.service.name === 'web');
    if (conditions === undefined) {
      expect(endpoints).toEqual([]);
      expect(codes(diagnostics)).not.toContain('SPW1014');
      return;
    }
    expect(endpoints).toEqual([
      {
        cluster: 'c1',
        service: { kind: 'Service', namespace: 'ns', name: 'web' },
        address: '10.0.0.1',
        source: 'ServiceSelector',
        sourceRef: { kind: 'Service', name: 'web', namespace: 'ns', cluster: 'c1' },
        ...conditions,
        nodeName: 'n1',
        // The controller copies the node's topology.kubernetes.io/zone label.
        zone: 'ga-zone',
        workload: { kind: 'Pod', namespace: 'ns', name: 'p' },
      },
    ]);
    expect(codes(diagnostics)).toEqual(['SPW1014']);
  });

  it('derives nothing for a Service whose EndpointSlice is in the snapshot', () => {
    const { cluster, diagnostics } = normalize([
      ...base,
      web(),
      pod('p', { ...select, ip: '10.0.0.1' }),
      endpointSlice('web-x', 'web', []),
    ]);
    expect(cluster.endpoints).toEqual([]);
    expect(codes(diagnostics)).toEqual([]);
  });

  it('counts the services and endpoints it derived in one diagnostic, repeated with answers', () => {
    const { diagnostics, model } = normalize([
      ...base,
      web(),
      service('api', { selector: { app: 'api' } }),
      pod('w1', { ...select, ip: '10.0.0.1' }),
      pod('w2', { ...select, ip: '10.0.0.2', ready: false }),
      pod('a1', { labels: { app: 'api' }, nodeName: 'n1', ip: '10.0.0.3' }),
    ]);
    expect(codes(diagnostics)).toEqual(['SPW1014']);
    expect(diagnostics[0]?.message).toContain('2 Service(s) in cluster c1');
    expect(diagnostics[0]?.message).toContain('3 endpoint(s) (2 ready)');
    expect(codes(model.caveats ?? [])).toEqual(['SPW1014']);
  });
});

describe('manifests without Pods', () => {
  it('say that the snapshot holds Deployments but no Pods, and how to capture them', () => {
    const { diagnostics, model } = normalize([
      namespace('ns'),
      service('web', { selector: { app: 'web' } }),
      deployment('web'),
      deployment('api'),
    ]);
    expect(codes(diagnostics)).toEqual(['SPW1015']);
    expect(diagnostics[0]?.message).toContain('2 Deployment object(s) in cluster c1 but no Pods');
    expect(diagnostics[0]?.message).toContain('kubectl get nodes,namespaces,pods');
    expect(codes(model.caveats ?? [])).toEqual(['SPW1015']);
  });
});

describe('trimmed or redacted pod status', () => {
  it.each([
    ['no status at all', undefined],
    ['an empty status', {}],
    ['fields of the wrong shape', { podIP: 5, conditions: 'Ready', phase: ['Running'] }],
  ])('%s: not ready, no address, said once (SPW1019), nothing thrown', (_case, status) => {
    const { cluster, diagnostics } = normalize([
      node('n1', GA),
      namespace('ns'),
      pod('p', { nodeName: 'n1', status }),
    ]);
    expect(cluster.workloads[0]).toMatchObject({ name: 'p', ready: false });
    expect(cluster.workloads[0]?.address).toBeUndefined();
    expect(codes(diagnostics)).toEqual(['SPW1019']);
  });

  it('reads podIPs when podIP is gone', () => {
    const { cluster } = normalize([
      node('n1', GA),
      namespace('ns'),
      pod('p', {
        nodeName: 'n1',
        status: { podIPs: [{ ip: '10.1.1.1' }], conditions: [{ type: 'Ready', status: 'True' }] },
      }),
    ]);
    expect(cluster.workloads[0]).toMatchObject({ address: '10.1.1.1', ready: true });
  });
});
