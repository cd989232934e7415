/**
 * Golden scenario: Envoy zone-aware routing (Istio 1.31 `zoneAwareLbSetting`), built the way kubectl prints
 * it from `examples/sidecar-client.yaml` (seed 003): the sidecar client `client/sleep` (pod vx4lp, us-east-1a)
 * calls `helloworld` (one pod per zone: 2kxq7 1a, m8r4t 1b, w6n9c 1c). Added: a DestinationRule with
 * `zoneAwareLbSetting: {minClusterSize: 3}`, two more sleep pods (one in 1a, one in 1b), and on vx4lp the
 * annotation `proxy.istio.io/config: {"proxyMetadata": {"ISTIO_META_ENABLE_SELF_DISCOVERY": "true"}}`.
 *
 * Istio (`ApplyZoneAwareLoadBalancer`): every endpoint is in the proxy's region → one priority, where
 * Envoy's zone routing acts. Envoy (`calculateLocalityPercentages`, `regenerateLocalityRoutingStructures`):
 * the local cluster (Service sleep) has 2/3 of its hosts in 1a → local 6666, 1b 3333, 1c 0; helloworld has
 * 3333 in each zone. 3333 < 6666 → LocalityResidual: 3333 · 10000 / 6666 = 5000 → 50 % stay in 1a; residual
 * capacity 1b 3333 − 3333 = 0, 1c 3333 − 0 = 3333 → the other 50 % all go to 1c. Shares 50 / 0 / 50.
 * Without the annotation istiod injects no local_cluster: Envoy balances the priority evenly, 33.3 each,
 * and the hop says which prerequisite is missing.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { MeshModel } from '../../../../src/engine/model/meshModel.js';
import { parseUpload } from '../../../../src/ingest/index.js';
import { policyOf, resolve, shares } from './harness.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const A = 'helloworld-7c4d8b9f6b-2kxq7';
const B = 'helloworld-7c4d8b9f6b-m8r4t';
const C = 'helloworld-7c4d8b9f6b-w6n9c';
const CLIENT_POD = 'sleep-5f7d9b8c6d-vx4lp';
/** Parsing a snapshot takes about a second on a busy machine: ten times that, and more. */
const SCENARIO_TIMEOUT_MS = 60_000;

const EXAMPLE: readonly Obj[] = parseAllDocuments(
  readFileSync(new URL('../../../../examples/sidecar-client.yaml', import.meta.url), 'utf8'),
).map((d) => d.toJS() as Obj);

const DESTINATION_RULE: Obj = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'helloworld-zone-aware', namespace: 'backend' },
  spec: {
    host: 'helloworld.backend.svc.cluster.local',
    trafficPolicy: { loadBalancer: { zoneAwareLbSetting: { minClusterSize: 3 } } },
  },
};

function zoneAwareMesh(selfDiscovery: boolean): MeshModel {
  const out: Obj[] = [];
  for (const doc of EXAMPLE) {
    if (doc.kind === 'Pod' && doc.metadata.name === CLIENT_POD) {
      const client: Obj = structuredClone(doc);
      if (selfDiscovery) {
        client.metadata.annotations = {
          ...client.metadata.annotations,
          'proxy.istio.io/config': '{"proxyMetadata":{"ISTIO_META_ENABLE_SELF_DISCOVERY":"true"}}',
        };
      }
      out.push(client);
      // Two more replicas, named after vx4lp so it stays the client's representative pod.
      [
        ['sleep-5f7d9b8c6d-zz001', '10.30.0.41', 'ip-10-30-0-10.ec2.internal'],
        ['sleep-5f7d9b8c6d-zz002', '10.30.1.41', 'ip-10-30-1-10.ec2.internal'],
      ].forEach(([name, ip, node], n) => {
        const pod: Obj = structuredClone(doc);
        pod.metadata.name = name;
        pod.metadata.uid = `0b5e7c1e-0000-4000-8000-00000000b00${n.toString()}`;
        pod.spec.nodeName = node;
        pod.status.podIP = ip;
        pod.status.podIPs = [{ ip }];
        out.push(pod);
      });
      continue;
    }
    out.push(doc);
  }
  out.push(DESTINATION_RULE);
  const body = Buffer.from(out.map((d) => stringify(d)).join('---\n'));
  const result = parseUpload({ body, contentType: 'application/yaml', params: { name: 'zone-aware' } });
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return result.snapshot.model;
}

describe('zone-aware routing (ISTIO_1_31)', () => {
  it(
    'with self-discovery: 50 % stay in us-east-1a, 50 % go to us-east-1c by residual capacity',
    () => {
      const policy = policyOf(
        resolve(zoneAwareMesh(true), 'client/sleep', 'helloworld.backend', 'ISTIO_1_31'),
      );
      const hop = policy.hops[policy.hops.length - 1];
      expect(hop?.localityLb.mode).toBe('ZONE_AWARE');
      expect(hop?.priorities.map((p) => p.loadPercent)).toEqual([100]);
      const got = shares(hop);
      expect(got[A]).toBeCloseTo(50, 6);
      expect(got[B]).toBeCloseTo(0, 6);
      expect(got[C]).toBeCloseTo(50, 6);
      expect(hop?.notes.some((n) => n.includes('LOCALITY_RESIDUAL'))).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'without self-discovery: no local_cluster, an even spread, and the answer names what is missing',
    () => {
      const policy = policyOf(
        resolve(zoneAwareMesh(false), 'client/sleep', 'helloworld.backend', 'ISTIO_1_31'),
      );
      const hop = policy.hops[policy.hops.length - 1];
      const got = shares(hop);
      // Answers carry 6 decimals, rounded together: 33.333334 + 33.333333 + 33.333333.
      for (const name of [A, B, C]) expect(got[name]).toBeCloseTo(100 / 3, 5);
      expect(hop?.notes.some((n) => n.includes('ISTIO_META_ENABLE_SELF_DISCOVERY is not "true"'))).toBe(true);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
