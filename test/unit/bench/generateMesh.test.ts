import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  createRng,
  generateMesh,
  generateMeshJson,
  generateMeshObjects,
  parseMeshArgs,
  toYaml,
  type JsonObject,
} from '../../../bench/generateMesh.js';

const kindsOf = (resources: readonly JsonObject[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of resources) {
    const kind = typeof r['kind'] === 'string' ? r['kind'] : '?';
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
};

describe('createRng', () => {
  it('is a deterministic stream in [0, 1) that depends on the seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // Roughly uniform: every decile is hit.
    expect(new Set(xs.map((x) => Math.floor(x * 10))).size).toBe(10);
  });
});

describe('generateMesh', () => {
  it.each([
    [{ services: 30, replicas: 3, clusters: 1, seed: 1 }],
    [{ services: 12, replicas: 4, clusters: 3, seed: 42 }],
  ])('the same options give the same bytes (%o)', (options) => {
    expect(generateMesh(options).text).toBe(generateMesh(options).text);
  });

  it('a different seed gives a different mesh of the same shape', () => {
    const a = generateMesh({ services: 30, replicas: 3, seed: 1 });
    const b = generateMesh({ services: 30, replicas: 3, seed: 2 });
    expect(a.text).not.toBe(b.text);
    expect(a.counts.pods).toBe(b.counts.pods);
    expect(a.counts.endpoints).toBe(b.counts.endpoints);
  });

  it.each([
    // services, replicas, clusters
    [1, 1, 1],
    [25, 3, 1],
    [60, 10, 1],
    [40, 5, 2],
    [7, 2, 3],
    [10, 0, 1],
  ])(
    '%i services × %i replicas over %i cluster(s): counts match the parameters and the objects',
    (services, replicas, clusters) => {
      const mesh = generateMeshObjects({ services, replicas, clusters, seed: 3 });
      const all = mesh.clusters.flatMap((c) => c.resources);
      const kinds = kindsOf(all);
      expect(mesh.clusters).toHaveLength(clusters);
      expect(mesh.counts.pods).toBe(services * replicas);
      expect(mesh.counts.endpoints).toBe(services * replicas);
      expect(kinds['Pod'] ?? 0).toBe(mesh.counts.pods + mesh.counts.waypointPods);
      // Every service exists in every cluster, plus one waypoint Service per waypoint.
      expect(kinds['Service']).toBe(services * clusters + mesh.counts.waypoints);
      expect(kinds['Namespace']).toBe(Math.ceil(services / 25) * clusters);
      expect(kinds['Node']).toBe(mesh.counts.nodes);
      expect(kinds['DestinationRule'] ?? 0).toBe(mesh.counts.destinationRules);
      expect(kinds['Gateway'] ?? 0).toBe(mesh.counts.waypoints);
      expect(kinds['EndpointSlice']).toBe(mesh.counts.endpointSlices);
      expect(all).toHaveLength(mesh.counts.documents);

      // EndpointSlices list exactly the application pods plus the waypoint pods, at most 100 per slice.
      const slices = all.filter((r) => r['kind'] === 'EndpointSlice') as {
        endpoints: unknown[];
        metadata: { labels: Record<string, string> };
      }[];
      const listed = slices.reduce((n, s) => n + s.endpoints.length, 0);
      expect(listed).toBe(mesh.counts.endpoints + mesh.counts.waypointPods);
      expect(slices.every((s) => s.endpoints.length <= 100)).toBe(true);

      // Pod IPs are unique within a cluster.
      for (const cluster of mesh.clusters) {
        const ips = cluster.resources
          .filter((r) => r['kind'] === 'Pod')
          .map((r) => (r['status'] as { podIP: string }).podIP);
        expect(new Set(ips).size).toBe(ips.length);
      }
    },
  );

  it('scales to the benchmark sizes linearly in pods', () => {
    const mesh = generateMeshObjects({ services: 1000, replicas: 10, clusters: 2, seed: 1 });
    expect(mesh.counts.endpoints).toBe(10_000);
    expect(mesh.counts.regions).toBe(2);
    expect(mesh.counts.zones).toBe(6);
    expect(mesh.counts.waypoints).toBeGreaterThan(0);
    expect(mesh.counts.destinationRules).toBeGreaterThan(0);
  });

  it('writes DestinationRules with failoverPriority + outlierDetection and with distribute, waypoints and ambient labels', () => {
    const mesh = generateMeshObjects({ services: 400, replicas: 2, clusters: 2, seed: 5 });
    const all = mesh.clusters.flatMap((c) => c.resources);
    const text = JSON.stringify(all);
    expect(text).toContain('"failoverPriority":["topology.istio.io/network"');
    expect(text).toContain('"distribute":[');
    expect(text).toContain('"outlierDetection":{"consecutive5xxErrors"');
    expect(text).toContain('"gatewayClassName":"istio-waypoint"');
    expect(text).toContain('"istio.io/use-waypoint":"waypoint"');
    expect(text).toContain('"istio.io/dataplane-mode":"ambient"');
    expect(text).toContain('"gateway.networking.k8s.io/gateway-name":"waypoint"');
    const regions = new Set(
      all
        .filter((r) => r['kind'] === 'Node')
        .map(
          (r) =>
            (r['metadata'] as { labels: Record<string, string> }).labels['topology.kubernetes.io/region'],
        ),
    );
    expect(regions.size).toBe(2);
  });

  it('one cluster is a multi-document stream that parses back to the generated objects', () => {
    const options = { services: 30, replicas: 3, seed: 9 };
    const mesh = generateMesh(options);
    expect(mesh.format).toBe('multi-doc');
    expect(mesh.query).toContain('cluster=cluster-1');
    const docs = parseAllDocuments(mesh.text);
    expect(docs.every((d) => d.errors.length === 0 && d.warnings.length === 0)).toBe(true);
    expect(docs.map((d) => d.toJS())).toEqual(generateMeshObjects(options).clusters[0]?.resources);
  });

  it('several clusters are one MeshSnapshot bundle that parses back to the generated objects', () => {
    const options = { services: 10, replicas: 3, clusters: 2, seed: 4 };
    const mesh = generateMesh(options);
    expect(mesh.format).toBe('bundle');
    const docs = parseAllDocuments(mesh.text);
    expect(docs).toHaveLength(1);
    const bundle = docs[0]?.toJS();
    const objects = generateMeshObjects(options);
    expect(bundle).toMatchObject({
      apiVersion: 'spillway.dev/v1alpha1',
      kind: 'MeshSnapshot',
      metadata: { name: objects.name },
      spec: { profile: 'SOLO' },
    });
    expect(bundle.spec.clusters).toEqual(
      objects.clusters.map((c) => ({ name: c.name, network: c.network, resources: c.resources })),
    );
  });

  it('samples clients and backends that exist in the mesh', () => {
    const mesh = generateMeshObjects({ services: 50, replicas: 2, seed: 1 });
    const services = new Set(
      mesh.clusters[0]?.resources
        .filter((r) => r['kind'] === 'Service')
        .map((r) => {
          const m = r['metadata'] as { name: string; namespace: string };
          return `${m.name}.${m.namespace}`;
        }),
    );
    expect(mesh.sample.backends.length).toBeGreaterThan(0);
    expect(mesh.sample.backends.every((b) => services.has(b))).toBe(true);
    expect(mesh.sample.clients.length).toBeGreaterThan(0);
    expect(mesh.sample.clients.every((c) => c.startsWith('cluster-1/'))).toBe(true);
  });
});

describe('toYaml', () => {
  it.each([
    [{ s: 'true' }],
    [{ s: '10' }],
    [{ s: '1.10' }],
    [{ s: 'yes', t: 'No', u: '~', v: 'null' }],
    [{ s: '0x1f', t: '1e3', u: '.inf' }],
    [{ s: 'a: b', t: '#x', u: '- y', v: '*alias', w: '&anchor', x: '' }],
    [{ 'key with space': 1, 'us-east-1/*': 80 }],
    [{ nested: { list: [[1, 2], [], {}, { a: [{ b: null }] }] }, flag: false, n: -3.5 }],
    [{ quote: 'say "hi"\nnext line', unicode: 'zoë ✓' }],
  ])('round-trips %o', (value) => {
    const docs = parseAllDocuments(toYaml(value));
    expect(docs[0]?.errors).toEqual([]);
    expect(docs[0]?.toJS()).toEqual(value);
  });
});

describe('parseMeshArgs', () => {
  it.each([
    [
      ['--services', '10000', '--replicas', '10', '--clusters', '2', '--seed', '1'],
      { services: 10000, replicas: 10, clusters: 2, seed: 1 },
    ],
    [['--services=5', '--replicas=2'], { services: 5, replicas: 2, clusters: 1, seed: 1 }],
  ])('%j', (argv, expected) => {
    expect(parseMeshArgs(argv)).toEqual(expected);
  });

  it.each([[['--services']], [['--bogus', '1']], [['--services', '-3']], [['stray']]])(
    'rejects %j',
    (argv) => {
      expect(() => parseMeshArgs(argv)).toThrow();
    },
  );
});

describe('generateMeshJson', () => {
  it.each([
    [{ services: 6, replicas: 2, seed: 3 }, 'List'],
    [{ services: 6, replicas: 2, clusters: 2, seed: 3 }, 'MeshSnapshot'],
  ])('%o is a %s holding the same objects as the YAML form', (options, kind) => {
    const json = JSON.parse(generateMeshJson(options).text);
    const objects = generateMeshObjects(options);
    expect(json.kind).toBe(kind);
    const resources =
      kind === 'List' ? json.items : json.spec.clusters.flatMap((c: { resources: unknown[] }) => c.resources);
    expect(resources).toEqual(objects.clusters.flatMap((c) => c.resources));
  });
});
