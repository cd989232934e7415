/**
 * diff over the bundled examples: the httpbin walk-through (the DestinationRule of step 3), a failover
 * change on bookinfo, a snapshot diffed with itself, and snapshots of different profiles.
 */
import { describe, expect, it } from 'vitest';
import {
  compileMesh,
  diffSnapshots,
  type CompiledMesh,
  type DestinationRuleModel,
  type MeshModel,
} from '../../../../src/engine/index.js';
import { exampleMesh, MESH_TEST_TIMEOUT_MS } from './meshFixtures.js';

const WAYPOINT_HOP = 'waypoint → in-ambient.httpbin.svc.cluster.local';

/** A copy of a mesh with every DestinationRule passed through `edit` (undefined removes it). */
function withRules(
  mesh: CompiledMesh,
  edit: (rule: DestinationRuleModel) => DestinationRuleModel | undefined,
  profile = mesh.model.profile,
): CompiledMesh {
  const model: MeshModel = {
    ...mesh.model,
    profile,
    clusters: mesh.model.clusters.map((c) => ({
      ...c,
      destinationRules: c.destinationRules.flatMap((r) => {
        const edited = edit(r);
        return edited === undefined ? [] : [edited];
      }),
    })),
  };
  return compileMesh(model);
}

describe('diffSnapshots', { timeout: MESH_TEST_TIMEOUT_MS }, () => {
  it.each(['httpbin-before.yaml', 'httpbin-after.yaml', 'bookinfo-multicluster.yaml', 'sidecar-client.yaml'])(
    '%s diffed with itself has no changes',
    (file) => {
      const mesh = exampleMesh(file);
      const diff = diffSnapshots(mesh, mesh);
      expect(diff.changes).toEqual([]);
      expect([diff.diagnosticsAdded, diff.diagnosticsResolved, diff.differences]).toEqual([[], [], []]);
      expect(diff.pairs).toBeGreaterThan(0);
    },
  );

  it('httpbin step 3: the DestinationRule added changes the in-ambient backend behind the waypoint', () => {
    const diff = diffSnapshots(exampleMesh('httpbin-before.yaml'), exampleMesh('httpbin-after.yaml'));
    expect(diff.changes.map((c) => [c.backend, c.clientClass.clients])).toEqual([
      ['in-ambient.httpbin.svc.cluster.local', ['httpbin/client-in-ambient', 'httpbin/in-ambient']],
    ]);
    const [change] = diff.changes;
    // in-ambient-failover sets ROUND_ROBIN and outlierDetection (3 × 5xx, 10 s, 30 s, 50 %) and no
    // localityLbSetting: with the mesh default (enabled) outlier detection alone turns on locality failover
    // (Istio applyLocalityLoadBalancer, istio.md §3); before it, the waypoint balanced LEAST_REQUEST (Istio's
    // default) under the Service's traffic distribution.
    expect(change?.details.map((d) => [d.aspect, d.at, d.before, d.after])).toEqual([
      ['DESTINATION_RULE', WAYPOINT_HOP, 'none', 'DestinationRule httpbin/in-ambient-failover'],
      [
        'LOCALITY_LB',
        WAYPOINT_HOP,
        'TRAFFIC_DISTRIBUTION [topology.istio.io/network], active',
        'LOCALITY_FAILOVER, active',
      ],
      ['LOAD_BALANCER', WAYPOINT_HOP, 'LEAST_REQUEST', 'ROUND_ROBIN'],
      [
        'OUTLIER_DETECTION',
        WAYPOINT_HOP,
        'none',
        '3 consecutive 5xx, interval 10 s, base ejection 30 s, max ejection 50 %',
      ],
    ]);
    expect(change?.summary).toBe(
      `in-ambient.httpbin: ambient clients in us-east-1/us-east-1a are now balanced under DestinationRule httpbin/in-ambient-failover on ${WAYPOINT_HOP}, and 3 more changes (DestinationRule httpbin/in-ambient-failover added).`,
    );
    expect(diff.diagnosticsAdded.map((d) => d.code)).toEqual(['SPW0002']);
    expect(diff.diagnosticsResolved).toEqual([]);
  });

  it('the reverse diff says the DestinationRule was removed and its diagnostic resolved', () => {
    const diff = diffSnapshots(exampleMesh('httpbin-after.yaml'), exampleMesh('httpbin-before.yaml'));
    expect(diff.changes[0]?.summary).toMatch(
      /are no longer under DestinationRule httpbin\/in-ambient-failover .*\(DestinationRule httpbin\/in-ambient-failover removed\)\.$/,
    );
    expect(diff.diagnosticsResolved.map((d) => d.code)).toEqual(['SPW0002']);
  });

  it('a failover change: productpage-failover fails over by region only, so us-east-1a joins the waypoint zone at priority 0', () => {
    const before = exampleMesh('bookinfo-multicluster.yaml');
    const after = withRules(before, (r) =>
      r.name !== 'productpage-failover'
        ? r
        : {
            ...r,
            trafficPolicy: {
              ...r.trafficPolicy,
              loadBalancer: {
                ...r.trafficPolicy?.loadBalancer,
                localityLbSetting: { enabled: true, failoverPriority: ['topology.kubernetes.io/region'] },
              },
            },
          },
    );
    const diff = diffSnapshots(before, after);
    const cluster1 = diff.changes.filter((c) => c.clientClass.cluster === 'cluster1');
    expect(cluster1.map((c) => c.backend)).toEqual(['productpage.bookinfo.mesh.internal']);
    const priorities = cluster1[0]?.details.find((d) => d.aspect === 'PRIORITIES');
    // failoverPriority [region, zone] from the us-east-1b waypoint: 0 = same region and zone (us-east-1b),
    // 1 = same region (us-east-1a), 2 = neither (us-west). With [region] alone: 0 = us-east (1a and 1b),
    // 1 = us-west (Envoy priority = number of leading labels that differ, istio.md §5.2).
    expect([priorities?.before, priorities?.after]).toEqual([
      '0: us-east/us-east-1b · 1: us-east/us-east-1a · 2: us-west/us-west-2a, us-west/us-west-2b',
      '0: us-east/us-east-1a, us-east/us-east-1b · 1: us-west/us-west-2a, us-west/us-west-2b',
    ]);
    expect(cluster1[0]?.summary).toMatch(
      /^productpage\.bookinfo\.mesh\.internal: ambient clients in cluster1 \(network1\), us-east\/us-east-1a now fail over in the order 0: us-east\/us-east-1a, us-east\/us-east-1b · 1: us-west.*\(DestinationRule bookinfo\/productpage-failover changed\)\.$/,
    );
  });

  it('snapshots of different profiles can be compared, and the answer says so', () => {
    const solo = exampleMesh('httpbin-after.yaml');
    const upstream = withRules(solo, (r) => r, 'ISTIO_1_31');
    const diff = diffSnapshots(solo, upstream);
    expect(diff.profiles).toEqual({ before: 'SOLO', after: 'ISTIO_1_31' });
    expect(diff.differences[0]).toMatch(/^Profiles differ: SOLO before, ISTIO_1_31 after/);
    // One profile for both: the same snapshot, so nothing changes.
    expect(diffSnapshots(solo, upstream, 'ISTIO_1_31').changes).toEqual([]);
  });

  it('snapshots of different clusters: clients and backends only on one side are listed, not compared', () => {
    const diff = diffSnapshots(exampleMesh('httpbin-after.yaml'), exampleMesh('sidecar-client.yaml'));
    expect(diff.clientsAdded).toEqual(['backend/helloworld', 'client/sleep']);
    expect(diff.clientsRemoved).toEqual(['httpbin/client-in-ambient', 'httpbin/in-ambient']);
    expect(diff.pairs).toBe(0);
    expect(diff.changes).toEqual([]);
  });
});
