/**
 * Path shapes through the whole pipeline (seeds 000, 001, 003; src/engine/README.md rules 3–5, 17), each
 * with the shares that follow. The httpbin fixture's three backend pods share one zone, so any hop that
 * balances over all three gives 100/3 each: 33.333334 + 33.333333 + 33.333333 at answer precision.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterModel, MeshModel } from '../../../../src/engine/model/meshModel.js';
import {
  backendPods,
  HTTPBIN_CLUSTER,
  httpbinCluster,
  httpbinNodes,
  waypoint,
} from '../resolver/fixtures/httpbin.js';
import { makeGateway, makeMesh, makePod, withCluster } from '../resolver/fixtures/meshBuilders.js';
import { codes, exampleModel, levels, policyOf, resolve, shares, whatIfOf } from './harness.js';

const [abc, def, ghi] = backendPods.map((p) => p.name) as [string, string, string];
const THIRDS = { [abc]: 33.333334, [def]: 33.333333, [ghi]: 33.333333 };
const [nodeA, nodeB] = httpbinNodes;
const ingressPod = makePod(nodeB, 'istio-ingress', 'ingress-abc', 'istio-ingressgateway', {
  gatewayName: 'public',
  dataplaneMode: 'none',
});
const outsidePod = makePod(nodeA, 'legacy', 'curl-1', 'curl', { dataplaneMode: 'none' });
const svcRef = { kind: 'Service', name: 'in-ambient', namespace: 'httpbin', cluster: HTTPBIN_CLUSTER };

function edit(f: (c: ClusterModel) => Partial<ClusterModel>): MeshModel {
  const c = httpbinCluster();
  return makeMesh([withCluster(c, f(c))]);
}

const withClients = (c: ClusterModel): Partial<ClusterModel> => ({
  workloads: [...c.workloads, ingressPod, outsidePod],
  gateways: [makeGateway(HTTPBIN_CLUSTER, 'istio-ingress', 'public', 'istio', [ingressPod.name])],
});

describe('path shapes and their shares', () => {
  it('sidecar client (examples/sidecar-client.yaml): one L7 hop from the SIDECAR, PreferClose → the same-zone replica', () => {
    const path = resolve(exampleModel('sidecar-client.yaml'), 'client/sleep', 'helloworld.backend');
    const policy = policyOf(path);
    expect(policy.hops.map((h) => `${h.from.kind}/${h.layer}`)).toEqual(['SIDECAR/L7']);
    const hop = policy.hops[0];
    // P0 = us-east-1a (1 host, health 100) takes 100 %; P1 = 1b + 1c.
    expect(Object.values(shares(hop)).sort((a, b) => b - a)).toEqual([100, 0, 0]);
    expect(levels(hop)).toEqual([
      [0, 1, 1, 100, 100, false],
      [1, 2, 2, 100, 0, false],
    ]);
    // Forced by the traffic distribution: panic 0 (istio.md §6.3).
    expect(hop?.panicThresholdPercent).toBe(0);
  });

  it('ingress gateway client: one INGRESS_GATEWAY hop straight to the backend (it bypasses the waypoint)', () => {
    const path = resolve(edit(withClients), 'istio-ingress/public', 'in-ambient.httpbin');
    const policy = policyOf(path);
    expect(policy.hops.map((h) => `${h.from.kind}/${h.layer}/${h.to}`)).toEqual([
      'INGRESS_GATEWAY/L7/in-ambient.httpbin.svc.cluster.local',
    ]);
    expect(policy.hops[0]?.from.name).toBe(ingressPod.name);
    expect(shares(policy.hops[0])).toEqual(THIRDS);
    expect(codes(path)).toContain('SPW0019');
  });

  it.each([
    // Uniform over ready endpoints: 100/3 each.
    ['all ready', (c: ClusterModel) => withClients(c), THIRDS],
    // ghi56 not ready: kube-proxy skips it, 50/50 over the other two.
    [
      'one not ready',
      (c: ClusterModel) => ({
        ...withClients(c),
        endpoints: c.endpoints.map((e) => (e.workload?.name === ghi ? { ...e, ready: false } : e)),
      }),
      { [abc]: 50, [def]: 50, [ghi]: 0 },
    ],
  ])('client outside the mesh (%s): one KUBE_PROXY hop, no mesh policy, SPW0014', (_label, f, expected) => {
    const path = resolve(edit(f), 'legacy/curl', 'in-ambient.httpbin');
    const policy = policyOf(path);
    expect(path.hops.map((h) => h.balancer)).toEqual(['KUBE_PROXY']);
    expect(policy.hops[0]?.from.kind).toBe('NONE');
    expect(policy.hops[0]?.layer).toBe('L4');
    expect(shares(policy.hops[0])).toEqual(expected);
    expect(codes(path)).toContain('SPW0014');
  });

  it('a failing endpoint behind kube-proxy keeps its share: errorPercent = its third', () => {
    const w = whatIfOf(resolve(edit(withClients), 'legacy/curl', 'in-ambient.httpbin'), {
      ejectEndpoints: [abc],
    });
    expect(w.ejections).toEqual([expect.objectContaining({ outcome: 'NO_OUTLIER_DETECTION' })]);
    expect(w.errorPercent).toBe(33.333333);
  });

  it.each<[string, (c: ClusterModel) => Partial<ClusterModel>, string[]]>([
    // istio.io/use-waypoint: none on the Service beats the namespace's waypoint: ztunnel → backend.
    [
      'use-waypoint none on the Service under a namespace waypoint',
      (c) => ({
        services: c.services.map((s) =>
          s.name === 'in-ambient' ? { ...s, useWaypoint: { kind: 'none', source: svcRef } } : s,
        ),
      }),
      [],
    ],
    // The namespace's waypoint serves workloads only (waypoint-for: workload): service traffic skips it.
    [
      'a workload-only waypoint is not used for service traffic',
      (c) => ({
        waypoints: c.waypoints.map((w) => (w.name === waypoint.name ? { ...w, waypointFor: 'workload' } : w)),
      }),
      ['SPW0018'],
    ],
  ])('%s: one ztunnel hop to the backend, no waypoint', (_label, f, diagnostics) => {
    const path = resolve(edit(f), 'httpbin/client-in-ambient', 'in-ambient');
    const policy = policyOf(path);
    expect(policy.hops.map((h) => `${h.from.kind}/${h.to}`)).toEqual([
      'ZTUNNEL/in-ambient.httpbin.svc.cluster.local',
    ]);
    // SOLO's backend default PreferNetwork: one network here, so one tier of three; 100/3 each.
    expect(shares(policy.hops[0])).toEqual(THIRDS);
    expect(codes(path).filter((c) => c === 'SPW0018')).toEqual(diagnostics);
  });
});
