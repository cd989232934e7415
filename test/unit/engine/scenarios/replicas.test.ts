/**
 * Golden scenarios: several proxy replicas on the way, built the way kubectl prints the objects.
 *
 * 1. Two waypoint replicas in two subzones. `examples/httpbin-after.yaml` (seed 001 after step 3: the
 *    `in-ambient-failover` DestinationRule sets outlierDetection, so locality failover is active on the
 *    waypoint's Envoy) with the nodes' `topology.istio.io/subzone` labels written: ip-10-10-0-11 → sz-1,
 *    ip-10-10-0-12 and ip-10-10-0-13 → sz-2, and a second waypoint pod `…-zz7k2` on ip-10-10-0-11 next to
 *    `…-mq99j` on ip-10-10-0-12 (the Deployment scaled to 2: a second Pod and a second endpoint in the
 *    waypoint's EndpointSlice). The client `client-in-ambient` runs on ip-10-10-0-11 (sz-1); the backend
 *    pods: abc12 on ip-10-10-0-11 (sz-1), def34 on -12 and ghi56 on -13 (sz-2).
 * 2. A sidecar client with pods in two zones. `examples/sidecar-client.yaml` (seed 003) with the Deployment
 *    `client/sleep` scaled to 2: a second pod on ip-10-30-1-10 (us-east-1b). `helloworld` is PreferClose
 *    with one pod per zone.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { evaluateWhatIf } from '../../../../src/engine/evaluate/evaluateWhatIf.js';
import type { EffectivePolicy, EndpointShare } from '../../../../src/engine/model/answer.js';
import type { MeshModel, Profile } from '../../../../src/engine/model/meshModel.js';
import { parseUpload } from '../../../../src/ingest/index.js';
import { policyOf, resolve, shares } from './harness.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Parsing a snapshot takes about a second on a busy machine: ten times that, and more. */
const SCENARIO_TIMEOUT_MS = 60_000;
const SUBZONE_LABEL = 'topology.istio.io/subzone';

const WAYPOINT_A = 'httpbin-waypoint-5cb48fc696-mq99j'; // ip-10-10-0-12, sz-2 (the existing replica)
const WAYPOINT_B = 'httpbin-waypoint-5cb48fc696-zz7k2'; // ip-10-10-0-11, sz-1 (the added replica)
const ABC = 'in-ambient-7d8f9b6c54-abc12'; // sz-1
const DEF = 'in-ambient-7d8f9b6c54-def34'; // sz-2
const GHI = 'in-ambient-7d8f9b6c54-ghi56'; // sz-2

const SLEEP_A = 'sleep-5f7d9b8c6d-vx4lp'; // us-east-1a
const SLEEP_B = 'sleep-5f7d9b8c6d-zb2m9'; // us-east-1b (the added pod)
const HELLO_A = 'helloworld-7c4d8b9f6b-2kxq7';
const HELLO_B = 'helloworld-7c4d8b9f6b-m8r4t';
const HELLO_C = 'helloworld-7c4d8b9f6b-w6n9c';

function items(file: string): Obj[] {
  const docs = parseAllDocuments(
    readFileSync(new URL(`../../../../examples/${file}`, import.meta.url), 'utf8'),
  ).map((d) => d.toJS() as Obj);
  return docs.flatMap((d) => (Array.isArray(d.items) ? (d.items as Obj[]) : [d]));
}

function upload(objects: readonly Obj[], name: string): MeshModel {
  const body = Buffer.from(objects.map((d) => stringify(d)).join('---\n'));
  const result = parseUpload({ body, contentType: 'application/yaml', params: { name } });
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return result.snapshot.model;
}

/** A second replica of a pod: new name, uid and IP, on another node. */
function replicaOf(pod: Obj, name: string, ip: string, node: string, uid: string): Obj {
  const copy: Obj = structuredClone(pod);
  copy.metadata.name = name;
  copy.metadata.uid = uid;
  copy.spec.nodeName = node;
  copy.status.podIP = ip;
  copy.status.podIPs = [{ ip }];
  return copy;
}

/** The same slice with one more endpoint, copied from the one targeting `like`. */
function withEndpoint(slice: Obj, like: string, name: string, ip: string, node: string, uid: string): Obj {
  const copy: Obj = structuredClone(slice);
  const endpoints = copy.endpoints as Obj[];
  const model = endpoints.find((e) => e.targetRef.name === like) as Obj;
  const added: Obj = structuredClone(model);
  added.addresses = [ip];
  added.nodeName = node;
  added.targetRef = { ...added.targetRef, name, uid };
  endpoints.push(added);
  return copy;
}

function twoWaypointReplicas(): MeshModel {
  const subzones: Record<string, string> = {
    'ip-10-10-0-11.ec2.internal': 'sz-1',
    'ip-10-10-0-12.ec2.internal': 'sz-2',
    'ip-10-10-0-13.ec2.internal': 'sz-2',
  };
  const uid = '0b5e7c1e-0000-4000-8000-00000000b001';
  const out: Obj[] = [];
  for (const doc of items('httpbin-after.yaml')) {
    if (doc.kind === 'Node') {
      const node: Obj = structuredClone(doc);
      node.metadata.labels[SUBZONE_LABEL] = subzones[node.metadata.name as string];
      out.push(node);
    } else if (doc.kind === 'Pod' && doc.metadata.name === WAYPOINT_A) {
      out.push(doc, replicaOf(doc, WAYPOINT_B, '10.10.0.21', 'ip-10-10-0-11.ec2.internal', uid));
    } else if (doc.kind === 'EndpointSlice' && doc.metadata.name === 'httpbin-waypoint-w5cb4') {
      out.push(withEndpoint(doc, WAYPOINT_A, WAYPOINT_B, '10.10.0.21', 'ip-10-10-0-11.ec2.internal', uid));
    } else {
      out.push(doc);
    }
  }
  return upload(out, 'two-waypoint-replicas');
}

function sleepInTwoZones(): MeshModel {
  const uid = '0b5e7c1e-0000-4000-8000-00000000c001';
  const out: Obj[] = [];
  for (const doc of items('sidecar-client.yaml')) {
    if (doc.kind === 'Pod' && doc.metadata.name === SLEEP_A) {
      out.push(doc, replicaOf(doc, SLEEP_B, '10.30.1.40', 'ip-10-30-1-10.ec2.internal', uid));
    } else if (doc.kind === 'EndpointSlice' && doc.metadata.name === 'sleep-j2m8q') {
      const slice = withEndpoint(doc, SLEEP_A, SLEEP_B, '10.30.1.40', 'ip-10-30-1-10.ec2.internal', uid);
      const added = (slice.endpoints as Obj[]).at(-1) as Obj;
      added.zone = 'us-east-1b';
      out.push(slice);
    } else {
      out.push(doc);
    }
  }
  return upload(out, 'sleep-in-two-zones');
}

const byName = (list: readonly EndpointShare[]): Record<string, number> =>
  Object.fromEntries(list.map((e) => [e.name, e.sharePercent]));

/** Share of the client's requests per subzone (or zone) of the backend endpoints. */
function perLocality(policy: EffectivePolicy): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of policy.backendShares) {
    const where = e.locality ?? '';
    out[where] = (out[where] ?? 0) + e.sharePercent;
  }
  return out;
}

describe('two waypoint replicas in two subzones', () => {
  const cases: [Profile][] = [['SOLO'], ['ISTIO_1_30'], ['ISTIO_1_31']];
  it.each(cases)(
    '%s: ztunnel splits connections 50/50, each replica keeps its half in its own subzone',
    (profile) => {
      const path = resolve(twoWaypointReplicas(), 'httpbin/client-in-ambient', 'in-ambient', profile);
      const policy = policyOf(path);
      const [ztunnel, waypoint] = policy.hops;
      // Hop 1, ztunnel → httpbin-waypoint Service. Upstream (1.30, 1.31): no traffic distribution on the
      // waypoint's Service → STANDARD, a uniform pick among the healthy endpoints (`state.rs`
      // `load_balance`); SOLO: PreferClose toward waypoints → FAILOVER over network, region, zone, and both
      // replicas share the best rank (same network, us-east-1 / us-east-1a; subzone is no ztunnel scope).
      // Either way: 100 / 2 = 50 % of the connections to each replica.
      expect(shares(ztunnel)).toEqual({ [WAYPOINT_A]: 50, [WAYPOINT_B]: 50 });
      // Hop 2, the representative replica (mq99j, first healthy by name) in sz-2: locality failover
      // (outlierDetection set; `ApplyLocalityLoadBalancer`) puts def34 and ghi56 (same region/zone/subzone)
      // at priority 0, 2 of 2 healthy → health min(100, 1.4 × 100) = 100 % → 100 % load; ROUND_ROBIN
      // within: 50 % each; abc12 (sz-1) at priority 1 gets 0. This is what the answer said before
      // replicas were composed: 100 % in sz-2, 0 % in sz-1.
      expect(shares(waypoint)).toEqual({ [ABC]: 0, [DEF]: 50, [GHI]: 50 });
      // The other replica (zz7k2, sz-1) has abc12 alone at priority 0 → 100 % to abc12.
      const replicas = waypoint?.replicas ?? [];
      expect(replicas.map((r) => [r.from.name, r.trafficPercent])).toEqual([
        [WAYPOINT_A, 50],
        [WAYPOINT_B, 50],
      ]);
      expect(byName(replicas[1]?.endpoints ?? [])).toEqual({ [ABC]: 100, [DEF]: 0, [GHI]: 0 });
      // End to end: abc12 = 50 % × 100 % = 50; def34 = ghi56 = 50 % × 50 % = 25. Per subzone: 50 / 50.
      expect(byName(policy.backendShares)).toEqual({ [ABC]: 50, [DEF]: 25, [GHI]: 25 });
      expect(perLocality(policy)).toEqual({
        'us-east-1/us-east-1a/sz-1': 50,
        'us-east-1/us-east-1a/sz-2': 50,
      });
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "whatIf composes the scenario's per-replica placements: abc12 failing moves zz7k2's half to sz-2",
    () => {
      const path = resolve(twoWaypointReplicas(), 'httpbin/client-in-ambient', 'in-ambient', 'ISTIO_1_31');
      const w = evaluateWhatIf(path, { ejectEndpoints: [ABC] });
      // Baseline as above. Scenario: abc12 answers 5xx. On zz7k2 (sz-1), abc12 is its only priority-0
      // host; outlier detection (consecutive5xxErrors 3, maxEjectionPercent 50) ejects it: 1 active of 3
      // hosts, 100 × 1 / 3 = 33.3 % ≤ 50 (`DetectorImpl::ejectHost`, Envoy ≥ 1.31). Priority 0 then has
      // 0 of 1 healthy → health 0, so priority 1 (def34, ghi56, 2 of 2) takes 100 %: 50 % each of zz7k2's
      // half = 25 % each. mq99j never sends to abc12 (priority 1, 0 % load): its half stays 25 / 25.
      // End to end: abc12 0, def34 25 + 25 = 50, ghi56 25 + 25 = 50.
      expect(byName(w.baseline.backendShares)).toEqual({ [ABC]: 50, [DEF]: 25, [GHI]: 25 });
      expect(byName(w.scenario.backendShares)).toEqual({ [ABC]: 0, [DEF]: 50, [GHI]: 50 });
    },
    SCENARIO_TIMEOUT_MS,
  );
});

describe('a sidecar client with pods in two zones', () => {
  it.each<[Profile]>([['SOLO'], ['ISTIO_1_31']])(
    '%s: each pod prefers its own zone, weighted equally',
    (profile) => {
      const path = resolve(sleepInTwoZones(), 'client/sleep', 'helloworld.backend', profile);
      const policy = policyOf(path);
      const [hop] = policy.hops;
      // The representative pod (vx4lp, first ready by name, us-east-1a): PreferClose → priority 0 = the
      // us-east-1a pod 2kxq7, 1 of 1 healthy → 100 % (`ApplyLocalityLoadBalancer` with failoverPriority
      // from the traffic distribution).
      expect(shares(hop)).toEqual({ [HELLO_A]: 100, [HELLO_B]: 0, [HELLO_C]: 0 });
      // zb2m9 (us-east-1b) prefers m8r4t the same way. Each pod carries 1 / 2 of the client's requests
      // (no rate per pod in the input: equal weights, said in the hop's notes).
      const replicas = hop?.replicas ?? [];
      expect(replicas.map((r) => [r.from.name, r.trafficPercent]).sort()).toEqual([
        [SLEEP_A, 50],
        [SLEEP_B, 50],
      ]);
      const fromB = replicas.find((r) => r.from.name === SLEEP_B);
      expect(byName(fromB?.endpoints ?? [])).toEqual({ [HELLO_A]: 0, [HELLO_B]: 100, [HELLO_C]: 0 });
      // End to end: 2kxq7 = 50 % × 100 % = 50, m8r4t = 50 % × 100 % = 50, w6n9c 0.
      expect(byName(policy.backendShares)).toEqual({ [HELLO_A]: 50, [HELLO_B]: 50, [HELLO_C]: 0 });
      expect(hop?.notes.join(' ')).toMatch(/weight its 2 ready pods equally/);
    },
    SCENARIO_TIMEOUT_MS,
  );
});

describe('one replica everywhere: end to end equals the last hop', () => {
  it(
    'httpbin as captured: backendShares are the waypoint hop shares (ztunnel sends everything to the one replica)',
    () => {
      const path = resolve(
        upload(items('httpbin-after.yaml'), 'httpbin'),
        'httpbin/client-in-ambient',
        'in-ambient',
      );
      const policy = policyOf(path);
      const last = policy.hops.at(-1);
      expect(byName(policy.backendShares)).toEqual(shares(last));
      expect(policy.hops.every((h) => h.replicas === undefined)).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
