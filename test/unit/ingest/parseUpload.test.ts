import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseUpload } from '../../../src/ingest/parseUpload.js';
import type { UploadInput, UploadLimits, UploadRefusal, UploadResult } from '../../../src/ingest/types.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../../src/ingest/types.js';
import {
  deploymentObject,
  destinationRule,
  gatewayObject,
  meshConfigMap,
  nodeObject,
  ns,
  podObject,
  replicaSetObject,
  serviceEntry,
  serviceObject,
  sliceObject,
  statefulSetObject,
  workloadEntry,
} from './objects.js';

const yamlStream = (objects: readonly unknown[]): string =>
  objects.map((object) => stringify(object)).join('---\n');
const list = (items: readonly unknown[]) => ({
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items,
});
const bundle = (
  clusters: readonly { name: string; network?: string; resources: unknown }[],
  spec: Record<string, unknown> = {},
) => ({
  apiVersion: 'spillway.dev/v1alpha1',
  kind: 'MeshSnapshot',
  metadata: { name: 'prod' },
  spec: { profile: 'SOLO', ...spec, clusters },
});

function upload(
  body: UploadInput['body'],
  options: Partial<Omit<UploadInput, 'body'>> = {},
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): UploadResult {
  return parseUpload(
    { body, contentType: options.contentType ?? 'application/yaml', params: options.params ?? {} },
    limits,
  );
}

function accepted(result: UploadResult) {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.problems, null, 1)}`);
  return result.snapshot;
}

function refused(result: UploadResult) {
  if (result.ok) throw new Error('expected the upload to be refused');
  return result;
}

const APP = [ns, nodeObject, podObject, serviceObject, sliceObject];
const APP_COUNTS = { Namespace: 1, Node: 1, Pod: 1, Service: 1, EndpointSlice: 1 };

describe('formats', () => {
  it.each([
    ['multi-document YAML stream', () => upload(yamlStream(APP))],
    ['YAML stream with a leading --- and an empty document', () => upload(`---\n${yamlStream(APP)}---\n`)],
    ['JSON array', () => upload(JSON.stringify(APP), { contentType: 'application/json' })],
    ['kubectl List as YAML', () => upload(stringify(list(APP)))],
    ['kubectl List as JSON', () => upload(JSON.stringify(list(APP)), { contentType: 'application/json' })],
    ['a YAML stream of Lists', () => upload(yamlStream([list(APP.slice(0, 2)), list(APP.slice(2))]))],
    [
      'typed list (PodList) with items',
      () =>
        upload(
          yamlStream([
            { apiVersion: 'v1', kind: 'PodList', items: [podObject] },
            ...APP.filter((o) => o !== podObject),
          ]),
        ),
    ],
  ])('%s', (_case, run) => {
    const snapshot = accepted(run());
    expect(snapshot.counts).toEqual({ cluster1: APP_COUNTS });
    expect(snapshot.model.clusters[0]?.workloads[0]).toMatchObject({
      name: 'web-1',
      locality: { region: 'r1', zone: 'z1' },
    });
  });

  it.each([
    ['YAML with resources as a sequence and as a List', 'application/yaml' as const, stringify],
    ['JSON', 'application/json' as const, JSON.stringify],
  ])('MeshSnapshot bundle as %s', (_case, contentType, serialize) => {
    const body = serialize(
      bundle([
        { name: 'east', network: 'n1', resources: APP },
        { name: 'west', network: 'n2', resources: list(APP) },
      ]),
    );
    const snapshot = accepted(upload(body, { contentType }));
    expect(snapshot.name).toBe('prod');
    expect(snapshot.counts).toEqual({ east: APP_COUNTS, west: APP_COUNTS });
    expect(snapshot.model.clusters.map((cluster) => [cluster.name, cluster.network])).toEqual([
      ['east', 'n1'],
      ['west', 'n2'],
    ]);
  });

  it('takes the bundle mesh config and profile; query name and profile override them', () => {
    const body = stringify(
      bundle([{ name: 'c1', resources: APP }], {
        profile: 'ISTIO_1_30',
        meshConfig: { rootNamespace: 'mesh-root' },
      }),
    );
    expect(accepted(upload(body)).model.meshConfig).toMatchObject({
      rootNamespace: 'mesh-root',
      source: { kind: 'MeshSnapshot', name: 'prod' },
    });
    expect(accepted(upload(body)).profile).toBe('ISTIO_1_30');
    const overridden = accepted(upload(body, { params: { name: 'other', profile: 'ISTIO_1_31' } }));
    expect([overridden.name, overridden.profile, overridden.model.profile]).toEqual([
      'other',
      'ISTIO_1_31',
      'ISTIO_1_31',
    ]);
  });
});

describe('parameters of a plain upload', () => {
  it.each([
    [{}, { name: 'snapshot', cluster: 'cluster1', network: '', profile: 'SOLO' }],
    [
      { name: 'prod-2026-11-22', cluster: 'east', network: 'net-a', profile: 'ISTIO_1_31' },
      { name: 'prod-2026-11-22', cluster: 'east', network: 'net-a', profile: 'ISTIO_1_31' },
    ],
  ])('%j', (params, expected) => {
    const snapshot = accepted(upload(yamlStream(APP), { params }));
    expect({
      name: snapshot.name,
      cluster: snapshot.model.clusters[0]?.name,
      network: snapshot.model.clusters[0]?.network,
      profile: snapshot.profile,
    }).toEqual(expected);
  });
});

describe('kinds', () => {
  it.each([
    ['Node', [nodeObject]],
    ['Namespace', [ns]],
    ['Pod', [ns, podObject]],
    ['Service', [ns, serviceObject]],
    ['EndpointSlice', [ns, serviceObject, sliceObject]],
    ['Deployment', [ns, deploymentObject]],
    ['ReplicaSet', [ns, replicaSetObject]],
    ['StatefulSet', [ns, statefulSetObject]],
    ['ConfigMap', [meshConfigMap]],
    ...['v1', 'v1beta1', 'v1alpha3'].flatMap((version) => [
      [`DestinationRule ${version}`, [ns, destinationRule(`networking.istio.io/${version}`)]],
      [`ServiceEntry ${version}`, [ns, serviceEntry(`networking.istio.io/${version}`)]],
      [`WorkloadEntry ${version}`, [ns, workloadEntry(`networking.istio.io/${version}`)]],
    ]),
    ['Gateway v1', [ns, gatewayObject('gateway.networking.k8s.io/v1')]],
    ['Gateway v1beta1', [ns, gatewayObject('gateway.networking.k8s.io/v1beta1')]],
  ] as [string, unknown[]][])('%s is understood and counted', (label, objects) => {
    const kind = label.split(' ')[0] ?? '';
    const snapshot = accepted(upload(yamlStream(objects)));
    expect(snapshot.counts['cluster1']?.[kind]).toBe(1);
    expect(snapshot.ignored).toEqual({});
  });

  it('reads mesh config from the istio ConfigMap', () => {
    const snapshot = accepted(upload(yamlStream([meshConfigMap])));
    expect(snapshot.model.meshConfig).toMatchObject({
      rootNamespace: 'istio-config',
      localityLbSetting: { enabled: false },
      source: { kind: 'ConfigMap', name: 'istio' },
    });
  });

  it('counts other kinds and unread versions as ignored, never as errors', () => {
    const snapshot = accepted(
      upload(
        yamlStream([
          ns,
          {
            apiVersion: 'networking.istio.io/v1',
            kind: 'VirtualService',
            metadata: { name: 'vs', namespace: 'ns' },
            spec: { hosts: [1] },
          },
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'other', namespace: 'ns' },
            data: { a: 'b' },
          },
          {
            apiVersion: 'discovery.k8s.io/v1beta1',
            kind: 'EndpointSlice',
            metadata: { name: 'old', namespace: 'ns' },
          },
          {
            apiVersion: 'networking.istio.io/v1',
            kind: 'Gateway',
            metadata: { name: 'ingress', namespace: 'ns' },
          },
          { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: { broken: true } } },
        ]),
      ),
    );
    expect(snapshot.ignored).toEqual({
      VirtualService: 1,
      ConfigMap: 1,
      'EndpointSlice (discovery.k8s.io/v1beta1)': 1,
      Gateway: 1,
      Widget: 1,
    });
    expect(snapshot.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['SPW1011']);
  });
});

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function blockNested(depth: number): string {
  let text = '';
  for (let level = 0; level < depth; level += 1) text += `${' '.repeat(level)}a:\n`;
  return `${text}${' '.repeat(depth)}b: 1\n`;
}

const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
].join('\n');

const withLabel = (labels: Record<string, unknown>) => ({ ...ns, metadata: { name: 'ns', labels } });
const SMALL_LIMITS: UploadLimits = { maxDocuments: 3, maxDepth: 16, maxAliasCount: 100 };

describe('refusals', () => {
  it.each([
    ['empty body', '', {}, 'INVALID', 'EMPTY_BODY', ''],
    ['whitespace only', '  \n\t\n', {}, 'INVALID', 'EMPTY_BODY', ''],
    ['comments and empty documents only', '# nothing\n---\n---\n', {}, 'INVALID', 'EMPTY_BODY', ''],
    ['empty JSON array', '[]', { contentType: 'application/json' }, 'INVALID', 'EMPTY_BODY', ''],
    ['NUL byte', 'apiVersion: v1\u0000', {}, 'INVALID', 'BINARY_INPUT', ''],
    [
      'invalid UTF-8 bytes',
      new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
      {},
      'INVALID',
      'BINARY_INPUT',
      '',
    ],
    ['replacement characters from lenient decoding', 'a: \uFFFD\uFFFD', {}, 'INVALID', 'BINARY_INPUT', ''],
    [
      'random binary',
      new Uint8Array(Array.from({ length: 256 }, (_, index) => (index * 37) % 256)),
      {},
      'INVALID',
      'BINARY_INPUT',
      '',
    ],
    ['YAML syntax error', 'a: [1, 2\nb: }', {}, 'INVALID', 'YAML_SYNTAX', ''],
    ['duplicate YAML key', 'apiVersion: v1\napiVersion: v2\n', {}, 'INVALID', 'YAML_SYNTAX', ''],
    [
      'sequence as a mapping key',
      'metadata:\n  ? [a, b]\n  : c\n',
      {},
      'INVALID',
      'YAML_SYNTAX',
      '/metadata/0',
    ],
    ['mapping as a mapping key', '? {a: 1}\n: c\n', {}, 'INVALID', 'YAML_SYNTAX', '/0'],
    ['alias of a collection as a key', 'x: &k [a]\n? *k\n: c\n', {}, 'INVALID', 'YAML_SYNTAX', '/1'],
    ['JSON syntax error', '{"a": ', { contentType: 'application/json' }, 'INVALID', 'JSON_SYNTAX', ''],
    ['YAML alias bomb', ALIAS_BOMB, {}, 'INVALID', 'ALIAS_LIMIT', ''],
    ['deep flow nesting', nested(100_000), {}, 'INVALID', 'TOO_DEEP', ''],
    ['deep flow nesting past the limit', nested(80), {}, 'INVALID', 'TOO_DEEP', ''],
    [
      'nesting past the limit reached through an alias',
      `a: &a ${'{x: '.repeat(40)}1${'}'.repeat(40)}\nb: ${'{y: '.repeat(40)}*a${'}'.repeat(40)}`,
      {},
      'INVALID',
      'TOO_DEEP',
      `/b${'/y'.repeat(40)}${'/x'.repeat(23)}`,
    ],
    ['deep block nesting', blockNested(200), {}, 'INVALID', 'TOO_DEEP', `/${'a/'.repeat(63)}a`],
    ['deep JSON nesting', nested(100_000), { contentType: 'application/json' }, 'INVALID', 'TOO_DEEP', ''],
    [
      'deep JSON nesting past the limit',
      nested(80),
      { contentType: 'application/json' },
      'INVALID',
      'TOO_DEEP',
      '',
    ],
    ['a million unclosed brackets', '['.repeat(1_000_000), {}, 'INVALID', 'TOO_DEEP', ''],
    ['compact block sequences', `${'- '.repeat(100_000)}x`, {}, 'INVALID', 'TOO_DEEP', ''],
    [
      'infinite number in YAML',
      stringify(ns).replace('name: ns', 'name: ns\n  generation: .inf'),
      {},
      'INVALID',
      'INVALID_NUMBER',
      '/metadata/generation',
    ],
    [
      'huge number in JSON',
      JSON.stringify(ns).replace('"name":"ns"', '"name":"ns","generation":1e400'),
      { contentType: 'application/json' },
      'INVALID',
      'INVALID_NUMBER',
      '/metadata/generation',
    ],
    [
      'unquoted boolean label value',
      stringify(withLabel({ 'istio.io/global': true })),
      {},
      'INVALID',
      'NON_STRING_LABEL',
      '/metadata/labels/istio.io~1global',
    ],
    [
      'numeric annotation value',
      stringify({ ...ns, metadata: { name: 'ns', annotations: { port: 8080 } } }),
      {},
      'INVALID',
      'NON_STRING_LABEL',
      '/metadata/annotations/port',
    ],
    [
      'numeric selector value',
      yamlStream([ns, { ...serviceObject, spec: { selector: { version: 1 }, ports: [{ port: 80 }] } }]),
      {},
      'INVALID',
      'NON_STRING_LABEL',
      '/spec/selector/version',
    ],
    [
      'boolean WorkloadEntry label',
      yamlStream([
        ns,
        {
          ...workloadEntry('networking.istio.io/v1'),
          spec: { address: '1.1.1.1', labels: { canary: true } },
        },
      ]),
      {},
      'INVALID',
      'NON_STRING_LABEL',
      '/spec/labels/canary',
    ],
    ['a scalar document', 'just a string', {}, 'INVALID', 'NOT_AN_OBJECT', ''],
    [
      'a list item that is not an object',
      stringify(list([ns, 42])),
      {},
      'INVALID',
      'NOT_AN_OBJECT',
      '/items/1',
    ],
    [
      'missing apiVersion',
      stringify({ kind: 'Pod', metadata: { name: 'p' } }),
      {},
      'INVALID',
      'MISSING_TYPE_META',
      '/apiVersion',
    ],
    [
      'missing metadata.name',
      stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: {} }),
      {},
      'INVALID',
      'MISSING_NAME',
      '/metadata/name',
    ],
    [
      'schema violation',
      yamlStream([ns, { ...serviceObject, spec: { ports: [{ port: 'eighty' }] } }]),
      {},
      'INVALID',
      'SCHEMA_VIOLATION',
      '/spec/ports/0/port',
    ],
    [
      'required field missing in a CRD',
      yamlStream([ns, { ...gatewayObject('gateway.networking.k8s.io/v1'), spec: { listeners: [] } }]),
      {},
      'INVALID',
      'SCHEMA_VIOLATION',
      '/spec/gatewayClassName',
    ],
    [
      'DestinationRule without host',
      yamlStream([
        ns,
        destinationRule('networking.istio.io/v1', { trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }),
      ]),
      {},
      'INVALID',
      'SCHEMA_VIOLATION',
      '/spec/host',
    ],
    [
      'invalid duration',
      yamlStream([
        ns,
        destinationRule('networking.istio.io/v1', {
          host: 'web',
          trafficPolicy: { outlierDetection: { interval: '10' } },
        }),
      ]),
      {},
      'INVALID',
      'INVALID_DURATION',
      '/spec/trafficPolicy/outlierDetection/interval',
    ],
    [
      'sub-millisecond duration',
      yamlStream([
        ns,
        destinationRule('networking.istio.io/v1', {
          host: 'web',
          trafficPolicy: { outlierDetection: { baseEjectionTime: '500us' } },
        }),
      ]),
      {},
      'INVALID',
      'INVALID_DURATION',
      '/spec/trafficPolicy/outlierDetection/baseEjectionTime',
    ],
    [
      'percent out of range',
      yamlStream([
        ns,
        destinationRule('networking.istio.io/v1', {
          host: 'web',
          trafficPolicy: { outlierDetection: { maxEjectionPercent: 150 } },
        }),
      ]),
      {},
      'INVALID',
      'INVALID_VALUE',
      '/spec/trafficPolicy/outlierDetection/maxEjectionPercent',
    ],
    ['duplicate object', yamlStream([ns, podObject, podObject]), {}, 'INVALID', 'DUPLICATE_OBJECT', ''],
    [
      'EndpointSlice of a missing Service',
      yamlStream([ns, sliceObject]),
      {},
      'INVALID',
      'MISSING_REFERENCE',
      '/metadata/labels/kubernetes.io~1service-name',
    ],
    [
      'EndpointSlice without service-name label',
      yamlStream([ns, serviceObject, { ...sliceObject, metadata: { name: 's', namespace: 'ns' } }]),
      {},
      'INVALID',
      'MISSING_LABEL',
      '/metadata/labels',
    ],
    [
      'invalid profile parameter',
      yamlStream(APP),
      { params: { profile: 'ENVOY' } },
      'INVALID',
      'INVALID_PARAMETER',
      '',
    ],
    [
      'invalid cluster parameter',
      yamlStream(APP),
      { params: { cluster: 'no spaces allowed' } },
      'INVALID',
      'INVALID_PARAMETER',
      '',
    ],
    [
      'invalid name parameter',
      yamlStream(APP),
      { params: { name: '-bad-' } },
      'INVALID',
      'INVALID_PARAMETER',
      '',
    ],
    [
      'cluster parameter with a bundle',
      stringify(bundle([{ name: 'c1', resources: APP }])),
      { params: { cluster: 'c2' } },
      'INVALID',
      'INVALID_PARAMETER',
      '',
    ],
    [
      'invalid bundle profile',
      stringify(bundle([{ name: 'c1', resources: APP }], { profile: 'FAST' })),
      {},
      'INVALID',
      'INVALID_BUNDLE',
      '/spec/profile',
    ],
    ['bundle without clusters', stringify(bundle([])), {}, 'INVALID', 'INVALID_BUNDLE', '/spec/clusters'],
    [
      'duplicate bundle cluster',
      stringify(
        bundle([
          { name: 'c1', resources: [] },
          { name: 'c1', resources: [] },
        ]),
      ),
      {},
      'INVALID',
      'INVALID_BUNDLE',
      '/spec/clusters/1/name',
    ],
    [
      'bundle beside other documents',
      yamlStream([bundle([{ name: 'c1', resources: APP }]), ns]),
      {},
      'INVALID',
      'BUNDLE_NOT_ALONE',
      '',
    ],
    [
      'invalid mesh config in the ConfigMap',
      stringify({ ...meshConfigMap, data: { mesh: 'serviceScopeConfigs: yes-please' } }),
      {},
      'INVALID',
      'INVALID_MESH_CONFIG',
      '/data/mesh/serviceScopeConfigs',
    ],
    [
      'unparsable mesh config',
      stringify({ ...meshConfigMap, data: { mesh: 'a: [' } }),
      {},
      'INVALID',
      'INVALID_MESH_CONFIG',
      '/data/mesh',
    ],
    [
      'invalid bundle mesh config',
      stringify(bundle([{ name: 'c1', resources: APP }], { meshConfig: { rootNamespace: 7 } })),
      {},
      'INVALID',
      'INVALID_MESH_CONFIG',
      '/spec/meshConfig/rootNamespace',
    ],
  ] as [string, UploadInput['body'], Partial<UploadInput>, UploadRefusal, string, string][])(
    '%s',
    (_case, body, options, refusal, code, pointer) => {
      const result = refused(upload(body, options));
      expect(result.refusal).toBe(refusal);
      expect(result.problems.map((problem) => problem.code)).toContain(code);
      expect(result.problems.find((problem) => problem.code === code)?.pointer).toBe(pointer);
    },
  );

  it.each([
    ['YAML documents', yamlStream([ns, ns, ns, ns]), 'application/yaml'],
    ['JSON array elements', JSON.stringify([ns, ns, ns, ns]), 'application/json'],
    ['List items', stringify(list([ns, ns, ns, ns])), 'application/yaml'],
    ['document markers counted before parsing', '---\n'.repeat(10_000), 'application/yaml'],
  ] as const)('too many %s → TOO_LARGE, TOO_MANY_DOCUMENTS', (_case, body, contentType) => {
    const result = refused(upload(body, { contentType }, SMALL_LIMITS));
    expect(result.refusal).toBe('TOO_LARGE');
    expect(result.problems.map((problem) => problem.code)).toEqual(['TOO_MANY_DOCUMENTS']);
  });

  it('reports every problem at once, each with its document, object and pointer', () => {
    const body = yamlStream([
      withLabel({ 'istio.io/global': true }),
      { ...podObject, spec: { containers: [{ name: 'web', image: 5 }] } },
      'scalar',
      destinationRule('networking.istio.io/v1', {
        host: 'web',
        trafficPolicy: { outlierDetection: { interval: 'soon' } },
      }),
    ]);
    const result = refused(upload(body, { params: { profile: 'nope' } }));
    expect(
      result.problems.map((problem) => [
        problem.code,
        problem.documentIndex,
        problem.kind,
        problem.name,
        problem.pointer,
      ]),
    ).toEqual([
      ['INVALID_PARAMETER', undefined, undefined, undefined, ''],
      ['NON_STRING_LABEL', 0, 'Namespace', 'ns', '/metadata/labels/istio.io~1global'],
      ['SCHEMA_VIOLATION', 1, 'Pod', 'web-1', '/spec/containers/0/image'],
      ['NOT_AN_OBJECT', 2, undefined, undefined, ''],
      ['INVALID_DURATION', 3, 'DestinationRule', 'web-dr', '/spec/trafficPolicy/outlierDetection/interval'],
    ]);
    expect(result.problems[0]?.parameter).toBe('profile');
  });

  it('points into a bundle with the cluster named', () => {
    const body = stringify(
      bundle([
        { name: 'c1', resources: [ns] },
        { name: 'c2', resources: list([ns, withLabel({ on: 1 })]) },
      ]),
    );
    const problems = refused(upload(body)).problems;
    expect(problems.map((problem) => [problem.code, problem.cluster, problem.pointer])).toEqual([
      ['NON_STRING_LABEL', 'c2', '/spec/clusters/1/resources/items/1/metadata/labels/on'],
      ['DUPLICATE_OBJECT', 'c2', '/spec/clusters/1/resources/items/1'],
    ]);
  });

  it('caps a flood of problems with a final TOO_MANY_PROBLEMS entry', () => {
    const body = yamlStream(
      Array.from({ length: 1_500 }, (_, index) => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `n${index}`, labels: { bad: index } },
      })),
    );
    const problems = refused(upload(body)).problems;
    expect(problems).toHaveLength(1_000);
    expect(problems.at(-1)?.code).toBe('TOO_MANY_PROBLEMS');
  });
});

describe('examples', () => {
  const example = (file: string) =>
    accepted(upload(readFileSync(new URL(`../../../examples/${file}`, import.meta.url))));

  it.each([
    [
      'httpbin-before.yaml',
      {
        cluster1: {
          Node: 3,
          Namespace: 2,
          ConfigMap: 1,
          Deployment: 3,
          ReplicaSet: 3,
          Pod: 5,
          Service: 3,
          EndpointSlice: 3,
          Gateway: 1,
        },
      },
    ],
    [
      'httpbin-after.yaml',
      {
        cluster1: {
          Node: 3,
          Namespace: 2,
          ConfigMap: 1,
          Deployment: 3,
          ReplicaSet: 3,
          Pod: 5,
          Service: 3,
          EndpointSlice: 3,
          Gateway: 1,
          DestinationRule: 1,
        },
      },
    ],
    [
      'bookinfo-multicluster.yaml',
      {
        cluster1: {
          Node: 2,
          Namespace: 2,
          Deployment: 3,
          ReplicaSet: 3,
          Pod: 4,
          Service: 3,
          EndpointSlice: 3,
          Gateway: 1,
          DestinationRule: 2,
        },
        cluster2: {
          Node: 2,
          Namespace: 2,
          Deployment: 2,
          ReplicaSet: 2,
          Pod: 3,
          Service: 2,
          EndpointSlice: 2,
          Gateway: 1,
          DestinationRule: 2,
        },
      },
    ],
    [
      'sidecar-client.yaml',
      {
        cluster1: {
          Node: 3,
          Namespace: 2,
          Deployment: 2,
          ReplicaSet: 2,
          Pod: 4,
          Service: 2,
          EndpointSlice: 2,
        },
      },
    ],
  ])('%s loads with no problems and no diagnostics', (file, counts) => {
    const snapshot = example(file);
    expect(snapshot.counts).toEqual(counts);
    expect(snapshot.ignored).toEqual({});
    expect(snapshot.diagnostics).toEqual([]);
  });

  it('httpbin: three in-ambient replicas in one zone behind the namespace waypoint; the DR after step 3', () => {
    for (const file of ['httpbin-before.yaml', 'httpbin-after.yaml']) {
      const cluster = example(file).model.clusters[0]!;
      const backends = cluster.workloads.filter((workload) => workload.workloadName === 'in-ambient');
      expect(
        backends.map((workload) => [
          workload.name,
          workload.locality.zone,
          workload.ready,
          workload.dataplaneMode,
        ]),
      ).toEqual([
        ['in-ambient-7d8f9b6c54-abc12', 'us-east-1a', true, 'ambient'],
        ['in-ambient-7d8f9b6c54-def34', 'us-east-1a', true, 'ambient'],
        ['in-ambient-7d8f9b6c54-ghi56', 'us-east-1a', true, 'ambient'],
      ]);
      expect(cluster.namespaces.find((namespace) => namespace.name === 'httpbin')?.useWaypoint).toMatchObject(
        { kind: 'waypoint', name: 'httpbin-waypoint', namespace: 'httpbin' },
      );
      expect(cluster.waypoints).toEqual([
        expect.objectContaining({
          name: 'httpbin-waypoint',
          podNames: ['httpbin-waypoint-5cb48fc696-mq99j'],
          programmed: true,
        }),
      ]);
      expect(cluster.endpoints.filter((endpoint) => endpoint.service.name === 'in-ambient')).toHaveLength(3);
      expect(cluster.services.find((service) => service.name === 'in-ambient')?.ports).toEqual([
        { name: 'http', port: 8000, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' },
      ]);
    }
    const after = example('httpbin-after.yaml').model.clusters[0]!;
    expect(after.destinationRules[0]).toMatchObject({
      name: 'in-ambient-failover',
      host: 'in-ambient',
      trafficPolicy: {
        loadBalancer: { simple: 'ROUND_ROBIN' },
        outlierDetection: {
          consecutive5xxErrors: 3,
          intervalMs: 10_000,
          baseEjectionTimeMs: 30_000,
          maxEjectionPercent: 50,
        },
      },
    });
  });

  it('bookinfo: productpage and the waypoint are global in two clusters on two networks', () => {
    const snapshot = example('bookinfo-multicluster.yaml');
    expect(snapshot.profile).toBe('SOLO');
    for (const [name, network, region] of [
      ['cluster1', 'network1', 'us-east'],
      ['cluster2', 'network2', 'us-west'],
    ] as const) {
      const cluster = snapshot.model.clusters.find((item) => item.name === name)!;
      expect(cluster.network).toBe(network);
      expect(
        cluster.services
          .filter((service) => service.global !== undefined)
          .map((service) => service.global?.hostname),
      ).toEqual(['productpage.bookinfo.mesh.internal', 'bookinfo-waypoint.bookinfo.mesh.internal']);
      const productpage = cluster.workloads.filter((workload) => workload.workloadName === 'productpage-v1');
      expect(
        productpage.every((workload) => workload.locality.region === region && workload.network === network),
      ).toBe(true);
      expect(new Set(productpage.map((workload) => workload.locality.zone)).size).toBe(2);
      expect(cluster.destinationRules.map((rule) => rule.host)).toEqual([
        'productpage.bookinfo.mesh.internal',
        '*.bookinfo.mesh.internal',
      ]);
      expect(cluster.waypoints.map((waypoint) => waypoint.name)).toEqual(['bookinfo-waypoint']);
    }
  });

  it('sidecar client: an injected client calling an ambient backend spread over three zones', () => {
    const cluster = example('sidecar-client.yaml').model.clusters[0]!;
    expect(
      cluster.workloads.map((workload) => [
        workload.workloadName,
        workload.dataplaneMode,
        workload.locality.zone,
      ]),
    ).toEqual([
      ['sleep', 'sidecar', 'us-east-1a'],
      ['helloworld', 'ambient', 'us-east-1a'],
      ['helloworld', 'ambient', 'us-east-1b'],
      ['helloworld', 'ambient', 'us-east-1c'],
    ]);
    expect(cluster.namespaces.map((namespace) => [namespace.name, namespace.dataplaneMode])).toEqual([
      ['client', 'sidecar'],
      ['backend', 'ambient'],
    ]);
  });
});
