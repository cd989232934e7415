/**
 * `internalTrafficPolicy: Local` through the whole pipeline (istio.md §4.2–§4.3, §7; seed 002 "traffic is
 * dropped"). The httpbin fixture: client-in-ambient and in-ambient-…-abc12 on node-a, …-def34 on node-b,
 * …-ghi56 on node-c, all in us-east-1/us-east-1a. The namespace waypoint is removed so the ambient
 * client's ztunnel balances the backend itself; a sidecar client `sleep-1` runs on node-a too.
 */
import { describe, expect, it } from 'vitest';
import type {
  ClusterModel,
  MeshModel,
  Profile,
  ServiceModel,
} from '../../../../src/engine/model/meshModel.js';
import { backendPods, httpbinCluster, httpbinNodes, inAmbient } from '../resolver/fixtures/httpbin.js';
import { makeDR, makeMesh, makePod, withCluster } from '../resolver/fixtures/meshBuilders.js';
import { codes, levels, policyOf, resolve, shares, whatIfOf } from './harness.js';

const [abc, def, ghi] = backendPods.map((p) => p.name) as [string, string, string];
const AMBIENT = 'httpbin/client-in-ambient';
const SIDECAR = 'httpbin/sleep';
const sidecarPod = makePod(httpbinNodes[0], 'httpbin', 'sleep-1', 'sleep', { dataplaneMode: 'sidecar' });

interface Variant {
  /** The backend pod on the client's node (node-a): ready, not ready, or absent. */
  readonly local: 'ready' | 'not-ready' | 'absent';
  readonly publishNotReadyAddresses?: boolean;
  /** A DestinationRule with outlier detection (maxEjectionPercent 50) for the sidecar hop. */
  readonly outlier?: boolean;
}

function localMesh(v: Variant, profile: Profile = 'SOLO'): MeshModel {
  const c = httpbinCluster();
  const svc: ServiceModel = {
    ...inAmbient,
    internalTrafficPolicy: 'Local',
    publishNotReadyAddresses: v.publishNotReadyAddresses ?? false,
  };
  const edit: Partial<ClusterModel> = {
    workloads: [
      ...c.workloads.map((w) => (w.name === abc && v.local === 'not-ready' ? { ...w, ready: false } : w)),
      sidecarPod,
    ],
    endpoints: c.endpoints
      .filter((e) => !(e.workload?.name === abc && v.local === 'absent'))
      .map((e) =>
        e.workload?.name === abc && v.local === 'not-ready' ? { ...e, ready: false, serving: false } : e,
      ),
    services: c.services.map((s) => (s.name === 'in-ambient' ? svc : s)),
    // No waypoint: the ambient client's own ztunnel balances in-ambient.
    namespaces: c.namespaces.map(({ useWaypoint: _drop, ...n }) => n),
    destinationRules:
      v.outlier === true
        ? [
            makeDR(c.name, 'httpbin', 'in-ambient-od', 'in-ambient', {
              trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3, maxEjectionPercent: 50 } },
            }),
          ]
        : [],
  };
  return makeMesh([withCluster(c, edit)], profile);
}

describe('internalTrafficPolicy Local on an ambient backend: ztunnel STRICT [NODE]', () => {
  it.each<[string, Variant, Record<string, number>, number, string[]]>([
    // Full match = same node (node-a). abc12 is ready there: every connection goes to it.
    [
      'a ready endpoint on the client node takes 100 %',
      { local: 'ready' },
      { [abc]: 100, [def]: 0, [ghi]: 0 },
      0,
      ['SPW0006'],
    ],
    // Nothing on node-a: STRICT never falls back to another node, the connection fails.
    [
      'no endpoint on the node: 100 % dropped',
      { local: 'absent' },
      { [def]: 0, [ghi]: 0 },
      100,
      ['SPW0006', 'SPW0007'],
    ],
    // abc12 is on node-a but not ready; ONLY_HEALTHY filters it before ranking: nothing eligible.
    [
      'the local endpoint is not ready: 100 % dropped',
      { local: 'not-ready' },
      { [abc]: 0, [def]: 0, [ghi]: 0 },
      100,
      ['SPW0006', 'SPW0007'],
    ],
    // publishNotReadyAddresses → ALLOW_ALL: the unready local endpoint is a full match and serves.
    [
      'ALLOW_ALL keeps the unready local endpoint',
      { local: 'not-ready', publishNotReadyAddresses: true },
      { [abc]: 100, [def]: 0, [ghi]: 0 },
      0,
      ['SPW0006'],
    ],
    // Regression: ALLOW_ALL relaxes health only. def34/ghi56 are STRICT mismatches (EXCLUDED); dense
    // compaction put them at level 0 and the spillover model let them serve 50/50. They must not.
    [
      'ALLOW_ALL never lets a non-matching endpoint serve',
      { local: 'absent', publishNotReadyAddresses: true },
      { [def]: 0, [ghi]: 0 },
      100,
      ['SPW0006', 'SPW0007'],
    ],
  ])('%s', (_label, variant, expected, dropped, diagnostics) => {
    const path = resolve(localMesh(variant), AMBIENT, 'in-ambient');
    const hop = policyOf(path).hops[0];
    expect(path.hops).toHaveLength(1);
    expect(hop?.from.kind).toBe('ZTUNNEL');
    expect(hop?.localityLb).toMatchObject({
      mode: 'ZTUNNEL_STRICT',
      active: true,
      failoverPriority: ['NODE'],
    });
    expect(shares(hop)).toEqual(expected);
    expect(hop?.droppedPercent).toBe(dropped);
    expect(codes(path).filter((c) => c === 'SPW0006' || c === 'SPW0007')).toEqual(diagnostics);
    // Endpoints off node-a never get a connection, whatever the variant.
    expect(hop?.endpoints.filter((e) => e.node !== 'node-a').every((e) => e.sharePercent === 0)).toBe(true);
  });

  it('a failing local endpoint keeps its connections (ztunnel has no outlier detection): 100 % errors', () => {
    const w = whatIfOf(resolve(localMesh({ local: 'ready' }), AMBIENT, 'in-ambient'), {
      ejectEndpoints: [abc],
    });
    expect(w.ejections).toEqual([
      expect.objectContaining({ endpoint: abc, outcome: 'NO_OUTLIER_DETECTION', hop: 0 }),
    ]);
    expect(shares(w.scenario.hops[0])).toEqual({ [abc]: 100, [def]: 0, [ghi]: 0 });
    expect(w.errorPercent).toBe(100);
  });
});

describe('internalTrafficPolicy Local under Envoy (sidecar client on node-a): endpoints off the node are removed', () => {
  it.each<
    [
      string,
      Variant,
      Profile,
      Record<string, number>,
      number,
      [number, number, number, number, number, boolean][],
    ]
  >([
    // istiod sends only abc12: one host, healthy → health min(100, floor(140 × 1/1)) = 100, P0 load 100.
    [
      'local ready (SOLO)',
      { local: 'ready' },
      'SOLO',
      { [abc]: 100, [def]: 0, [ghi]: 0 },
      0,
      [[0, 1, 1, 100, 100, false]],
    ],
    [
      'local ready (ISTIO_1_30)',
      { local: 'ready' },
      'ISTIO_1_30',
      { [abc]: 100, [def]: 0, [ghi]: 0 },
      0,
      [[0, 1, 1, 100, 100, false]],
    ],
    // No host at all, panic 0 (SOLO = 1.31 auto-send): all load aimed at P0, nothing there → dropped.
    [
      'no local endpoint (SOLO)',
      { local: 'absent' },
      'SOLO',
      { [def]: 0, [ghi]: 0 },
      100,
      [[0, 0, 0, 0, 100, false]],
    ],
    // Regression: ISTIO_1_30 has panic 50 here (no outlier detection, Any). The removed endpoints used to
    // be counted as Envoy-excluded hosts, so panic spread 50/50 onto endpoints Envoy never received.
    // Envoy holds no host: total panic over 0 hosts aims everything at P0 and finds nothing → dropped.
    [
      'no local endpoint (ISTIO_1_30, panic 50)',
      { local: 'absent' },
      'ISTIO_1_30',
      { [def]: 0, [ghi]: 0 },
      100,
      [[0, 0, 0, 0, 100, true]],
    ],
  ])('%s', (_label, variant, profile, expected, dropped, priorities) => {
    const path = resolve(localMesh(variant, profile), SIDECAR, 'in-ambient');
    const hop = policyOf(path).hops[0];
    expect(path.hops).toHaveLength(1);
    expect(hop?.from).toMatchObject({ kind: 'SIDECAR', node: 'node-a' });
    expect(hop?.panicThresholdPercent).toBe(profile === 'ISTIO_1_30' ? 50 : 0);
    expect(shares(hop)).toEqual(expected);
    expect(hop?.droppedPercent).toBe(dropped);
    expect(levels(hop)).toEqual(priorities);
    expect(codes(path)).toContain('SPW0006');
    if (dropped === 100) expect(codes(path)).toContain('SPW0007');
    else expect(codes(path)).not.toContain('SPW0007');
  });

  it('regression: the ejection cap counts only the hosts Envoy holds (1, not 3)', () => {
    // Envoy's cluster has abc12 alone. maxEjectionPercent 50: 100 × (0 + 1) / 1 = 100 % > 50 % → refused.
    // Counting the two removed endpoints gave 1/3 = 33 % ≤ 50 % and a wrong EJECTED.
    const w = whatIfOf(resolve(localMesh({ local: 'ready', outlier: true }), SIDECAR, 'in-ambient'), {
      ejectEndpoints: [abc],
    });
    expect(w.ejections).toEqual([expect.objectContaining({ endpoint: abc, outcome: 'REFUSED_BY_CAP' })]);
    expect(w.ejections[0]?.reason).toContain('1 of 1 hosts');
    // Refused: abc12 keeps its 100 % and every request fails.
    expect(shares(w.scenario.hops[0])).toEqual({ [abc]: 100, [def]: 0, [ghi]: 0 });
    expect(w.errorPercent).toBe(100);
  });

  it('a removed endpoint named in ejectEndpoints is reported NOT_ON_PATH, never ALREADY_UNHEALTHY', () => {
    const w = whatIfOf(resolve(localMesh({ local: 'ready', outlier: true }), SIDECAR, 'in-ambient'), {
      ejectEndpoints: [def],
    });
    expect(w.ejections).toEqual([expect.objectContaining({ endpoint: def, outcome: 'NOT_ON_PATH' })]);
    expect(w.errorPercent).toBe(0);
  });
});
