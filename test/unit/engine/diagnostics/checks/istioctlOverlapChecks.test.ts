/**
 * The checks that overlap istioctl analyze's IST0173, IST0170 and IST0171, case by case. Each table follows
 * the upstream analyzer's own test data (`pkg/config/analysis/analyzers/testdata/…`) in shape, with fixtures
 * of our own; the end-to-end cases from YAML are in test/unit/services/istioctlOverlap.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { destinationRuleSubsetSelectsNothing } from '../../../../../src/engine/diagnostics/checks/destinationRuleSubsetSelectsNothing.js';
import { negativeStatusCondition } from '../../../../../src/engine/diagnostics/checks/negativeStatusCondition.js';
import { serviceInconsistentAcrossClusters } from '../../../../../src/engine/diagnostics/checks/serviceInconsistentAcrossClusters.js';
import type { SubsetsFacts } from '../../../../../src/engine/diagnostics/index.js';
import type { Labels, ServiceModel, StatusCondition } from '../../../../../src/engine/index.js';
import { makeService } from '../../resolver/fixtures/meshBuilders.js';
import { HOST, messages, resourcesOf, RULE_SUMMARY } from './harness.js';

// An httpbin pod labelled app/version on node test-node in us-west-1/us-west-1a, as istiod augments it.
const POD_V1: Labels = {
  app: 'httpbin',
  version: 'v1',
  'topology.kubernetes.io/region': 'us-west-1',
  'topology.kubernetes.io/zone': 'us-west-1a',
  'kubernetes.io/hostname': 'test-node',
  'topology.istio.io/cluster': 'c1',
};
const subsets = (
  list: Record<string, Labels>,
  endpointLabels: SubsetsFacts['endpointLabels'],
): SubsetsFacts => ({
  rule: RULE_SUMMARY,
  host: HOST,
  subsets: Object.entries(list).map(([name, labels]) => ({ name, labels })),
  endpointLabels,
});

describe('SPW0023 (IST0173) DestinationRule subset that selects no endpoint', () => {
  it.each<[string, SubsetsFacts, string[]]>([
    ['subset on a version no pod runs', subsets({ fake: { version: 'v3' } }, [POD_V1]), ['fake']],
    ['subset on a version a pod runs', subsets({ 'app-v1': { version: 'v1' } }, [POD_V1]), []],
    // Topology labels come from the pod's Node (AugmentLabels), as in istioctl's
    // destinationrule-subsets-with-topology-labels.yaml: region, zone and the mix all select the pod.
    [
      'topology labels matched through the Node',
      subsets(
        {
          'region-us-west': { 'topology.kubernetes.io/region': 'us-west-1' },
          'zone-us-west-1a': { 'topology.kubernetes.io/zone': 'us-west-1a' },
          'mixed-labels': { version: 'v1', 'topology.kubernetes.io/region': 'us-west-1' },
          hostname: { 'kubernetes.io/hostname': 'test-node' },
        },
        [POD_V1],
      ),
      [],
    ],
    [
      'a zone the pod is not in',
      subsets({ 'zone-b': { 'topology.kubernetes.io/zone': 'us-west-1b' } }, [POD_V1]),
      ['zone-b'],
    ],
    [
      'each label must hold on one endpoint, not across two',
      subsets({ v1east: { version: 'v1', 'topology.kubernetes.io/zone': 'us-east-1a' } }, [
        POD_V1,
        { ...POD_V1, version: 'v2', 'topology.kubernetes.io/zone': 'us-east-1a' },
      ]),
      ['v1east'],
    ],
    ['a host with no endpoints at all', subsets({ v1: { version: 'v1' } }, []), ['v1']],
    // Never guess: a pod missing from the snapshot might carry the labels.
    [
      'an endpoint whose pod is not in the snapshot',
      subsets({ v3: { version: 'v3' } }, [POD_V1, undefined]),
      [],
    ],
    ['a subset without labels selects every endpoint', subsets({ all: {} }, [POD_V1]), []],
  ])('%s', (_label, facts, unmatched) => {
    const found = messages(destinationRuleSubsetSelectsNothing, facts);
    expect(found.map((m) => /subset (\S+)/.exec(m)?.[1])).toEqual(unmatched);
    for (const resources of resourcesOf(destinationRuleSubsetSelectsNothing, facts))
      expect(resources).toEqual([RULE_SUMMARY.ref]);
  });

  it('says which labels the subset asks for and how many endpoints there are', () => {
    expect(
      messages(destinationRuleSubsetSelectsNothing, subsets({ fake: { version: 'v3' } }, [POD_V1])),
    ).toEqual([
      `DestinationRule shop/web: subset fake (version=v3) selects none of the 1 endpoint(s) of ${HOST}; requests routed to it fail with 503 UH (no healthy upstream).`,
    ]);
  });
});

const tcpFoo = { name: 'tcp-foo', port: 8080, targetPort: 8080, protocol: 'TCP' };
const svc = (cluster: string, extra: Partial<ServiceModel> = {}): ServiceModel =>
  makeService(cluster, 'my-namespace', 'my-service', { ports: [tcpFoo], ...extra });
const pair = (one: Partial<ServiceModel>, two: Partial<ServiceModel>) => ({
  namespace: 'my-namespace',
  name: 'my-service',
  services: [svc('cluster1', one), svc('cluster2', two)],
});

describe('SPW0024 (IST0170) same-name Services that disagree across clusters', () => {
  // The rows of istioctl's multicluster/inconsistent-service-{1,2}.yaml, one Service per row.
  it.each<[string, ReturnType<typeof pair>, string | undefined]>([
    ['identical', pair({}, {}), undefined],
    [
      'extra port in cluster2',
      pair({}, { ports: [tcpFoo, { name: 'tcp-bar', port: 8081, targetPort: 8081, protocol: 'TCP' }] }),
      'ports (cluster1: tcp-foo 8080→8080/TCP; cluster2: tcp-bar 8081→8081/TCP, tcp-foo 8080→8080/TCP)',
    ],
    [
      'port name differs',
      pair({}, { ports: [{ ...tcpFoo, name: 'tcp-fake' }] }),
      'ports (cluster1: tcp-foo 8080→8080/TCP; cluster2: tcp-fake 8080→8080/TCP)',
    ],
    [
      'headless in one cluster only',
      pair({ clusterIP: '1.2.3.4' }, { clusterIP: 'None' }),
      'headless and cluster-IP (cluster IP in cluster1, headless in cluster2)',
    ],
    [
      'type differs',
      pair({ type: 'ClusterIP' }, { type: 'LoadBalancer' }),
      'type (ClusterIP in cluster1, LoadBalancer in cluster2)',
    ],
    [
      'app protocol differs',
      pair({}, { ports: [{ ...tcpFoo, appProtocol: 'http' }] }),
      'ports (cluster1: tcp-foo 8080→8080/TCP; cluster2: tcp-foo 8080→8080/TCP http)',
    ],
    [
      'port order alone does not count',
      pair(
        { ports: [tcpFoo, { name: 'a', port: 1, protocol: 'TCP' }] },
        { ports: [{ name: 'a', port: 1, protocol: 'TCP' }, tcpFoo] },
      ),
      undefined,
    ],
    [
      'cluster IPs differ (they always do)',
      pair({ clusterIP: '10.0.0.1' }, { clusterIP: '10.1.0.1' }),
      undefined,
    ],
  ])('%s', (_label, facts, reason) => {
    const found = messages(serviceInconsistentAcrossClusters, facts);
    expect(found).toEqual(
      reason === undefined
        ? []
        : [
            `Service my-namespace/my-service differs across clusters cluster1, cluster2 in ${reason}; istiod merges them into one host, so which definition a proxy gets is undefined.`,
          ],
    );
  });

  it('names the Service in every cluster that differs, and not one that agrees with the first', () => {
    const facts = {
      namespace: 'my-namespace',
      name: 'my-service',
      services: [svc('c1'), svc('c2'), svc('c3', { type: 'NodePort' })],
    };
    expect(resourcesOf(serviceInconsistentAcrossClusters, facts)).toEqual([
      [
        { kind: 'Service', name: 'my-service', namespace: 'my-namespace', cluster: 'c1' },
        { kind: 'Service', name: 'my-service', namespace: 'my-namespace', cluster: 'c3' },
      ],
    ]);
  });

  it('needs two clusters', () => {
    expect(
      messages(serviceInconsistentAcrossClusters, { namespace: 'n', name: 's', services: [svc('c1')] }),
    ).toEqual([]);
  });
});

const bound = (status: string, reason?: string, message?: string): StatusCondition => ({
  type: 'istio.io/WaypointBound',
  status,
  ...(reason === undefined ? {} : { reason }),
  ...(message === undefined ? {} : { message }),
});
const ref = (kind: string) => ({ kind, name: 'neg', namespace: 'default', cluster: 'c1' });

describe('SPW0025 (IST0171) negative status conditions', () => {
  // The kinds of istioctl's testdata/condition-analyzer.yaml that Spillway reads.
  it.each<[string, Parameters<typeof negativeStatusCondition.run>[0], string[]]>([
    [
      'Service WaypointBound False',
      {
        resource: ref('Service'),
        conditions: [bound('False', 'NoWaypoint', 'waypoint "default/waypoint" is not ready')],
      },
      [
        'Service default/neg (cluster c1) reports istio.io/WaypointBound=False (NoWaypoint): waypoint "default/waypoint" is not ready.',
      ],
    ],
    [
      'ServiceEntry WaypointBound False',
      { resource: ref('ServiceEntry'), conditions: [bound('False', 'WaypointIsNotReady')] },
      ['ServiceEntry default/neg (cluster c1) reports istio.io/WaypointBound=False (WaypointIsNotReady).'],
    ],
    [
      'WorkloadEntry WaypointBound False',
      { resource: ref('WorkloadEntry'), conditions: [bound('False')] },
      ['WorkloadEntry default/neg (cluster c1) reports istio.io/WaypointBound=False.'],
    ],
    ['WaypointBound True', { resource: ref('Service'), conditions: [bound('True')] }, []],
    [
      'WaypointBound Unknown is not negative',
      { resource: ref('Service'), conditions: [bound('Unknown')] },
      [],
    ],
    [
      'a condition of another controller (Argo CD) is not read',
      { resource: ref('Service'), conditions: [{ type: 'argocd.argoproj.io/Synced', status: 'False' }] },
      [],
    ],
    [
      'Gateway Programmed False',
      {
        resource: ref('Gateway'),
        conditions: [{ type: 'Programmed', status: 'False', reason: 'AddressNotUsable' }],
        waypoint: false,
      },
      ['Gateway default/neg (cluster c1) reports Programmed=False (AddressNotUsable).'],
    ],
    [
      'Gateway Accepted and ResolvedRefs False: one finding each',
      {
        resource: ref('Gateway'),
        conditions: [
          { type: 'Accepted', status: 'False' },
          { type: 'ResolvedRefs', status: 'False' },
        ],
        waypoint: false,
      },
      [
        'Gateway default/neg (cluster c1) reports Accepted=False.',
        'Gateway default/neg (cluster c1) reports ResolvedRefs=False.',
      ],
    ],
    [
      "a waypoint's Programmed is SPW0016's",
      { resource: ref('Gateway'), conditions: [{ type: 'Programmed', status: 'False' }], waypoint: true },
      [],
    ],
    [
      "a waypoint's Accepted is still reported",
      { resource: ref('Gateway'), conditions: [{ type: 'Accepted', status: 'False' }], waypoint: true },
      ['Gateway default/neg (cluster c1) reports Accepted=False.'],
    ],
    [
      'a Gateway condition on a Service is not read',
      { resource: ref('Service'), conditions: [{ type: 'Programmed', status: 'False' }] },
      [],
    ],
  ])('%s', (_label, facts, expected) => {
    expect(messages(negativeStatusCondition, facts)).toEqual(expected);
  });
});
