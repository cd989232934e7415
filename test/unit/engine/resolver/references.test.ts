import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/engine/errors.js';
import { compileMesh } from '../../../../src/engine/resolver/compileMesh.js';
import { resolveBackend } from '../../../../src/engine/resolver/resolveBackend.js';
import { representativePod, resolveClient } from '../../../../src/engine/resolver/resolveClient.js';
import { bookinfoMesh } from './fixtures/bookinfo.js';
import { httpbinCluster, httpbinMesh, httpbinNodes } from './fixtures/httpbin.js';
import { makeGateway, makeMesh, makePod, withCluster } from './fixtures/meshBuilders.js';

function engineError(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

const [nodeA] = httpbinNodes;
const ingressPod = makePod(nodeA, 'istio-ingress', 'ingress-abc', 'istio-ingressgateway', {
  gatewayName: 'public',
  dataplaneMode: 'none',
});
const sidecarPod = makePod(nodeA, 'httpbin', 'sleep-sidecar-1', 'sleep-sidecar', {
  dataplaneMode: 'sidecar',
});
const outsidePod = makePod(nodeA, 'legacy', 'curl-1', 'curl', { dataplaneMode: 'none' });
const base = httpbinCluster();
const mesh = compileMesh(
  makeMesh([
    withCluster(base, {
      workloads: [...base.workloads, ingressPod, sidecarPod, outsidePod],
      gateways: [makeGateway('cluster1', 'istio-ingress', 'public', 'istio', [ingressPod.name])],
    }),
  ]),
);

describe('resolveClient', () => {
  it.each([
    [
      'pod name',
      'httpbin/client-in-ambient-6b5c96c4f8-x2j9k',
      'Pod',
      'AMBIENT',
      'client-in-ambient-6b5c96c4f8-x2j9k',
    ],
    [
      'workload name',
      'httpbin/client-in-ambient',
      'Workload',
      'AMBIENT',
      'client-in-ambient-6b5c96c4f8-x2j9k',
    ],
    ['with cluster', 'cluster1/httpbin/in-ambient', 'Workload', 'AMBIENT', 'in-ambient-7d8f9b6c54-abc12'],
    ['sidecar pod', 'httpbin/sleep-sidecar', 'Workload', 'SIDECAR', 'sleep-sidecar-1'],
    ['outside the mesh', 'legacy/curl', 'Workload', 'OUTSIDE_MESH', 'curl-1'],
    ['ingress gateway', 'istio-ingress/public', 'Gateway', 'INGRESS_GATEWAY', 'ingress-abc'],
  ])('%s: %s', (_label, ref, refKind, kind, podName) => {
    const client = resolveClient(mesh, ref);
    expect(client.ref.kind).toBe(refKind);
    expect(client.kind).toBe(kind);
    expect(client.pod?.name).toBe(podName);
  });

  it('says which pod stands for a multi-pod workload', () => {
    const client = resolveClient(mesh, 'httpbin/in-ambient');
    expect(client.notes.join(' ')).toContain('in-ambient-7d8f9b6c54-abc12');
  });

  it.each([
    [
      'ready before unready',
      [
        { name: 'b', ready: true },
        { name: 'a', ready: false },
      ],
      'b',
    ],
    [
      'by name among ready',
      [
        { name: 'b', ready: true },
        { name: 'a', ready: true },
      ],
      'a',
    ],
  ])('representative pod: %s', (_l, pods, expected) => {
    const built = pods.map((p) => makePod(nodeA, 'ns', p.name, 'w', { ready: p.ready }));
    expect(representativePod(built)?.name).toBe(expected);
  });

  it.each([
    ['one part', 'client', 'INVALID_REFERENCE'],
    ['four parts', 'a/b/c/d', 'INVALID_REFERENCE'],
    ['empty name', 'httpbin/', 'INVALID_REFERENCE'],
    ['unknown cluster', 'cluster9/httpbin/client-in-ambient', 'UNKNOWN_CLIENT'],
    ['unknown name', 'httpbin/client-in-ambeint', 'UNKNOWN_CLIENT'],
  ])('%s → %s', (_l, ref, code) => {
    expect(engineError(() => resolveClient(mesh, ref)).code).toBe(code);
  });

  it('lists the closest names for an unknown client', () => {
    const err = engineError(() => resolveClient(mesh, 'httpbin/client-in-ambeint'));
    expect(err.details['closest']).toContain('httpbin/client-in-ambient');
  });

  it('a name in several clusters is ambiguous without a cluster, and lists the candidates', () => {
    const multi = compileMesh(bookinfoMesh());
    const err = engineError(() => resolveClient(multi, 'bookinfo/productpage-v1'));
    expect(err.code).toBe('AMBIGUOUS_REFERENCE');
    expect(err.details['candidates']).toEqual([
      'cluster1/bookinfo/productpage-v1',
      'cluster2/bookinfo/productpage-v1',
    ]);
    expect(resolveClient(multi, 'cluster2/bookinfo/productpage-v1').cluster).toBe('cluster2');
  });
});

describe('resolveBackend', () => {
  const single = compileMesh(httpbinMesh());
  const multi = compileMesh(bookinfoMesh());
  it.each([
    [
      'FQDN',
      single,
      'in-ambient.httpbin.svc.cluster.local',
      'SERVICE',
      'in-ambient.httpbin.svc.cluster.local',
    ],
    ['name.namespace', single, 'in-ambient.httpbin', 'SERVICE', 'in-ambient.httpbin.svc.cluster.local'],
    [
      'name.namespace.svc',
      single,
      'in-ambient.httpbin.svc',
      'SERVICE',
      'in-ambient.httpbin.svc.cluster.local',
    ],
    ['short name', single, 'in-ambient', 'SERVICE', 'in-ambient.httpbin.svc.cluster.local'],
    [
      'trailing dot and case',
      single,
      'In-Ambient.httpbin.svc.cluster.local.',
      'SERVICE',
      'in-ambient.httpbin.svc.cluster.local',
    ],
    [
      'global host',
      multi,
      'productpage.bookinfo.mesh.internal',
      'GLOBAL_SERVICE',
      'productpage.bookinfo.mesh.internal',
    ],
  ])('%s', (_l, m, ref, kind, host) => {
    const b = resolveBackend(m, ref, 'httpbin', 'cluster1', 'SOLO');
    expect(b.kind).toBe(kind);
    expect(b.host).toBe(host);
  });

  it('a global host aggregates the Service of every cluster; cluster.local stays local under SOLO', () => {
    expect(
      resolveBackend(
        multi,
        'productpage.bookinfo.mesh.internal',
        'bookinfo',
        'cluster1',
        'SOLO',
      ).services.map((s) => s.cluster),
    ).toEqual(['cluster1', 'cluster2']);
    expect(
      resolveBackend(multi, 'productpage.bookinfo', 'bookinfo', 'cluster1', 'SOLO').services.map(
        (s) => s.cluster,
      ),
    ).toEqual(['cluster1']);
  });

  it.each([
    ['unknown', 'in-ambeint', 'UNKNOWN_BACKEND'],
    ['short name in another namespace', 'productpage', 'UNKNOWN_BACKEND'],
    ['not a host', 'httpbin/in-ambient', 'INVALID_REFERENCE'],
  ])('%s → %s', (_l, ref, code) => {
    expect(engineError(() => resolveBackend(single, ref, 'httpbin', 'cluster1', 'SOLO')).code).toBe(code);
  });

  it('lists the closest hosts for an unknown backend', () => {
    const err = engineError(() =>
      resolveBackend(single, 'in-ambeint.httpbin.svc.cluster.local', 'httpbin', 'cluster1', 'SOLO'),
    );
    expect((err.details['closest'] as string[])[0]).toBe('in-ambient.httpbin.svc.cluster.local');
  });
});
