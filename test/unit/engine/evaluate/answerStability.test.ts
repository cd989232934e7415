/**
 * Golden master for the engine's answers: seeded synthetic meshes (several localities, networks, not-ready
 * pods, DestinationRule variants, profiles) and the example snapshots, resolved and evaluated (effective
 * policy, whatIf, sweep). The digests were recorded from the engine before its performance rewrite
 * (resolver, spillover and presentation); any change to any answer — a share, a reason string, an
 * ordering — changes a digest. A readable summary sits next to each digest so a failure shows where.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluateEffectivePolicy } from '../../../../src/engine/evaluate/evaluateEffectivePolicy.js';
import { evaluateSweep } from '../../../../src/engine/evaluate/evaluateSweep.js';
import { evaluateWhatIf } from '../../../../src/engine/evaluate/evaluateWhatIf.js';
import type { Scenario, WhatIf } from '../../../../src/engine/model/answer.js';
import type {
  DestinationRuleModel,
  MeshModel,
  NodeModel,
  Profile,
  ServiceModel,
  TrafficPolicy,
  WorkloadModel,
} from '../../../../src/engine/model/meshModel.js';
import { compileMesh } from '../../../../src/engine/resolver/compileMesh.js';
import { resolvePath } from '../../../../src/engine/resolver/resolvePath.js';
import {
  emptyCluster,
  endpointFor,
  loc,
  makeDR,
  makeGateway,
  makeMesh,
  makeNamespace,
  makeNode,
  makePod,
  makeService,
} from '../resolver/fixtures/meshBuilders.js';
import { exampleModel } from '../scenarios/harness.js';

/** mulberry32: a small deterministic generator, so the meshes are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type RuleVariant = 'failoverPriority' | 'failover' | 'distribute' | 'outlierOnly' | 'panic' | 'none';

const NS = 'shop';
const WAYPOINT = 'shop-waypoint';

function rulePolicy(variant: RuleVariant): TrafficPolicy | undefined {
  const outlier = {
    consecutive5xxErrors: 3,
    intervalMs: 10_000,
    baseEjectionTimeMs: 30_000,
    maxEjectionPercent: 30,
  };
  switch (variant) {
    case 'failoverPriority':
      return {
        loadBalancer: {
          simple: 'LEAST_REQUEST',
          localityLbSetting: {
            enabled: true,
            failoverPriority: [
              'topology.istio.io/network',
              'topology.kubernetes.io/region',
              'topology.kubernetes.io/zone',
              'version',
            ],
          },
        },
        outlierDetection: outlier,
      };
    case 'failover':
      return {
        loadBalancer: {
          simple: 'ROUND_ROBIN',
          localityLbSetting: { enabled: true, failover: [{ from: 'r0', to: 'r2' }] },
        },
        outlierDetection: outlier,
      };
    case 'distribute':
      return {
        loadBalancer: {
          localityLbSetting: {
            enabled: true,
            distribute: [{ from: 'r0/*', to: { 'r0/*': 70, 'r1/*': 20, 'r2/r2-z0/*': 10 } }],
          },
        },
      };
    case 'outlierOnly':
      return { outlierDetection: { consecutive5xxErrors: 5, maxEjectionPercent: 10 } };
    case 'panic':
      return { outlierDetection: { ...outlier, maxEjectionPercent: 100, minHealthPercent: 60 } };
    case 'none':
      return undefined;
  }
}

/**
 * One cluster per network, three regions × two zones × two subzones, `pods` backend pods spread at
 * random (some not ready, two versions), a waypoint and an ambient client in r0/r0-z0, a sidecar client
 * in r1, an east-west gateway per network.
 */
function syntheticMesh(
  seed: number,
  pods: number,
  variant: RuleVariant,
  profile: Profile,
  global: boolean,
): MeshModel {
  const random = rng(seed);
  const networks = ['net1', 'net2'];
  const clusters = networks.map((network, c) => {
    const name = `cluster${(c + 1).toString()}`;
    const nodes: NodeModel[] = [];
    for (let r = 0; r < 3; r += 1)
      for (let z = 0; z < 2; z += 1)
        for (let s = 0; s < 2; s += 1)
          nodes.push(
            makeNode(
              name,
              `${name}-n-${r.toString()}${z.toString()}${s.toString()}`,
              loc(`r${r.toString()}`, `r${r.toString()}-z${z.toString()}`, `s${s.toString()}`),
              network,
            ),
          );
    const nodeAt = (i: number): NodeModel => {
      const node = nodes[i];
      if (node === undefined) throw new Error(`no node ${i.toString()}`);
      return node;
    };
    const pick = (): NodeModel => nodeAt(Math.floor(random() * nodes.length));
    const globalScope = (service: string): Partial<ServiceModel> =>
      global
        ? {
            labels: { 'solo.io/service-scope': 'global' },
            global: {
              scope: 'global',
              source: 'SOLO_SERVICE_LABEL',
              hostname: `${service}.${NS}.mesh.internal`,
            },
          }
        : {};
    const backend = makeService(name, NS, 'backend', {
      ...(c === 0 ? { trafficDistribution: 'PreferClose' } : {}),
      ...globalScope('backend'),
    });
    const waypointService = makeService(name, NS, WAYPOINT, {
      ...globalScope(WAYPOINT),
      annotations: { 'networking.istio.io/traffic-distribution': 'PreferClose' },
      ports: [{ name: 'mesh', port: 15008, protocol: 'TCP' }],
      selector: { 'gateway.networking.k8s.io/gateway-name': WAYPOINT },
    });
    const clientService = makeService(name, NS, 'client');
    const backendPods: WorkloadModel[] = [];
    for (let i = 0; i < pods; i += 1) {
      const node = pick();
      backendPods.push(
        makePod(node, NS, `backend-${name}-${i.toString()}`, 'backend', {
          address: `10.${(c + 1).toString()}.${Math.floor(i / 250).toString()}.${(i % 250).toString()}`,
          labels: { app: 'backend', version: random() < 0.7 ? 'v1' : 'v2' },
          ready: random() > 0.08,
        }),
      );
    }
    const home = nodeAt(0);
    const waypointPods = [0, 1].map((k) =>
      makePod(k === 0 ? home : nodeAt(3), NS, `${WAYPOINT}-${name}-${k.toString()}`, WAYPOINT, {
        address: `10.${(c + 1).toString()}.200.${k.toString()}`,
        gatewayName: WAYPOINT,
        labels: { 'gateway.networking.k8s.io/gateway-name': WAYPOINT },
      }),
    );
    const client = makePod(home, NS, `client-${name}`, 'client', {
      address: `10.${(c + 1).toString()}.201.1`,
      labels: { app: 'client', version: 'v1' },
    });
    const sidecarClient = makePod(nodeAt(5), 'legacy', `curl-${name}`, 'curl', {
      address: `10.${(c + 1).toString()}.202.1`,
      dataplaneMode: 'sidecar',
    });
    const eastWestPod = makePod(nodeAt(2), 'istio-system', `eastwest-${name}`, 'eastwest', {
      address: `10.${(c + 1).toString()}.203.1`,
      gatewayName: 'eastwest',
      labels: { 'gateway.networking.k8s.io/gateway-name': 'eastwest' },
    });
    const policy = rulePolicy(variant);
    const rules: DestinationRuleModel[] =
      policy === undefined ? [] : [makeDR(name, NS, 'backend-rule', 'backend', { trafficPolicy: policy })];
    return {
      ...emptyCluster(name, network),
      nodes,
      namespaces: [
        makeNamespace(name, NS, {
          labels: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': WAYPOINT },
          useWaypoint: {
            kind: 'waypoint',
            name: WAYPOINT,
            namespace: NS,
            source: { kind: 'Namespace', name: NS, cluster: name },
          },
        }),
        makeNamespace(name, 'legacy', { dataplaneMode: 'sidecar' }),
        makeNamespace(name, 'istio-system', { dataplaneMode: 'none' }),
      ],
      workloads: [...backendPods, ...waypointPods, client, sidecarClient, eastWestPod],
      services: [backend, waypointService, clientService],
      endpoints: [
        ...backendPods.map((p) => endpointFor(backend, p)),
        ...waypointPods.map((p) => endpointFor(waypointService, p)),
        endpointFor(clientService, client),
      ],
      waypoints: [
        makeGateway(
          name,
          NS,
          WAYPOINT,
          'istio-waypoint',
          waypointPods.map((p) => p.name),
        ),
      ],
      gateways: [makeGateway(name, 'istio-system', 'eastwest', 'istio-east-west', [eastWestPod.name])],
      destinationRules: rules,
    };
  });
  return makeMesh(clusters, profile);
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function summary(w: WhatIf): string {
  const hops = w.scenario.hops.map((h) => {
    const top = [...h.endpoints]
      .sort((a, b) => b.sharePercent - a.sharePercent || (a.name < b.name ? -1 : 1))
      .slice(0, 2)
      .map((e) => `${e.name}=${e.sharePercent.toString()}`);
    return `${h.from.kind}→${h.to} [${h.priorities.map((p) => `${p.loadPercent.toString()}${p.panic ? '!' : ''}`).join(',')}] ${top.join(' ')}`;
  });
  return `${hops.join(' | ')} err=${w.errorPercent.toString()} ovf=${w.overflowPercent.toString()} ej=${w.ejections.map((e) => e.outcome[0] ?? '').join('')}`;
}

const SCENARIOS: readonly (readonly [string, Scenario])[] = [
  ['nominal', {}],
  [
    'eject3',
    {
      ejectEndpoints: ['backend-cluster1-0', 'backend-cluster1-1', '10.1.0.2', 'backend-cluster2-3'],
      loadFactor: 1.5,
    },
  ],
  ['zoneDown', { failLocalities: ['r0/r0-z0'], loadFactor: 1.2 }],
  [
    'regionDown',
    { failLocalities: ['r0', 'cluster:cluster2'], ejectEndpoints: ['nope'], overprovisioningFactor: 120 },
  ],
  ['load3', { loadFactor: 3 }],
];

const MESH_CASES: readonly (readonly [string, number, number, RuleVariant, Profile, string, boolean?])[] = [
  ['fp-solo', 1, 120, 'failoverPriority', 'SOLO', `cluster1/${NS}/client`],
  ['fp-1.31', 2, 90, 'failoverPriority', 'ISTIO_1_31', `cluster1/${NS}/client`],
  ['fp-1.30-sidecar', 3, 70, 'failoverPriority', 'ISTIO_1_30', 'cluster1/legacy/curl'],
  ['failover-solo', 4, 80, 'failover', 'SOLO', `cluster1/${NS}/client`],
  ['distribute-solo', 5, 60, 'distribute', 'SOLO', `cluster1/${NS}/client`],
  ['outlier-1.31-sidecar', 6, 60, 'outlierOnly', 'ISTIO_1_31', 'cluster2/legacy/curl'],
  ['panic-solo', 7, 40, 'panic', 'SOLO', `cluster1/${NS}/client`],
  ['none-1.30', 8, 50, 'none', 'ISTIO_1_30', `cluster2/${NS}/client`],
  ['global-fp-solo', 9, 80, 'failoverPriority', 'SOLO', `cluster1/${NS}/client`, true],
  ['global-fp-1.31', 10, 60, 'failoverPriority', 'ISTIO_1_31', `cluster2/${NS}/client`, true],
  ['global-failover-1.30-sidecar', 11, 60, 'failover', 'ISTIO_1_30', 'cluster1/legacy/curl', true],
  ['global-none-solo', 12, 40, 'none', 'SOLO', `cluster1/${NS}/client`, true],
];

/** Recorded from the engine as it was before the performance rewrite. */
const GOLDEN_FILE = './golden/answerStability.json';

describe('answers are unchanged by the performance rewrite', () => {
  it('synthetic meshes and example snapshots give the recorded answers', async () => {
    const recorded: Record<
      string,
      { readonly digest: string; readonly notes?: string; readonly summary: string }
    > = {};
    // The answer and its prose are pinned apart, so a change to the notes alone shows as such.
    const record = (key: string, w: WhatIf): void => {
      const { notes, ...answer } = w;
      recorded[key] = { digest: digest(answer), notes: digest(notes), summary: summary(w) };
    };
    for (const [name, seed, pods, variant, profile, client, global = false] of MESH_CASES) {
      const mesh = compileMesh(syntheticMesh(seed, pods, variant, profile, global));
      const path = resolvePath(mesh, {
        client,
        backend: global ? `backend.${NS}.mesh.internal` : `backend.${NS}`,
      });
      recorded[`${name}/path`] = { digest: digest(path), summary: `${path.hops.length.toString()} hops` };
      recorded[`${name}/policy`] = { digest: digest(evaluateEffectivePolicy(path)), summary: '' };
      for (const [label, scenario] of SCENARIOS) {
        record(`${name}/${label}`, evaluateWhatIf(path, scenario));
      }
      const sweep = evaluateSweep(path, { failLocalities: ['r0/r0-z0/s0'] }, [0.5, 1, 1.4, 2, 4]);
      recorded[`${name}/sweep`] = { digest: digest(sweep), summary: '' };
    }
    const examples: readonly (readonly [string, string, string])[] = [
      ['httpbin-after.yaml', 'httpbin/client-in-ambient', 'in-ambient'],
      ['httpbin-before.yaml', 'httpbin/client-in-ambient', 'in-ambient'],
      ['bookinfo-multicluster.yaml', 'cluster1/bookinfo/ratings-v1', 'productpage.bookinfo.mesh.internal'],
      ['sidecar-client.yaml', 'client/sleep', 'helloworld.backend'],
    ];
    for (const [file, client, backend] of examples) {
      const path = resolvePath(compileMesh(exampleModel(file)), { client, backend });
      for (const [label, scenario] of SCENARIOS) {
        record(`${file}/${label}`, evaluateWhatIf(path, scenario));
      }
    }
    await expect(`${JSON.stringify(recorded, null, 2)}\n`).toMatchFileSnapshot(GOLDEN_FILE);
    // About 1 s alone; ten times that and more, so a busy machine cannot fail it.
  }, 60_000);
});
