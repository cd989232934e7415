/**
 * Blast radius over the bundled examples: the impacted backends, worst first, with the numbers whatIf
 * gives, checked pair by pair over every client × backend pair of the mesh.
 */
import { describe, expect, it } from 'vitest';
import { blastRadius, EngineError, type Scenario } from '../../../../src/engine/index.js';
import { exampleMesh, MESH_TEST_TIMEOUT_MS } from './meshFixtures.js';
import { allPairs, expectBlastMatchesWhatIf } from './pairOracle.js';

const CLUSTER1_AMBIENT = 'AMBIENT|cluster1|network1|us-east/us-east-1a||';

describe('blastRadius on the examples', { timeout: MESH_TEST_TIMEOUT_MS }, () => {
  it.each<{
    name: string;
    file: string;
    scenario: Scenario;
    /** backend → [errorPercent, worst class id], worst first; overflow is checked against whatIf pair by pair. */
    impacts: [string, number, string][];
    pairs: number;
  }>([
    {
      name: 'bookinfo, zone us-east-1a down',
      file: 'bookinfo-multicluster.yaml',
      scenario: { failLocalities: ['us-east/us-east-1a'] },
      impacts: [
        // ratings has one endpoint, in us-east-1a; the waypoint (us-east-1b) balances it LEAST_REQUEST with no
        // outlierDetection, so the failing endpoint keeps its whole share: 100 % of requests fail.
        ['ratings.bookinfo.svc.cluster.local', 100, CLUSTER1_AMBIENT],
        // productpage.svc has two endpoints in cluster1 (us-east-1a, us-east-1b), one priority level, equal
        // shares and no outlierDetection: the us-east-1a endpoint keeps its 50 % and fails it.
        ['productpage.bookinfo.svc.cluster.local', 50, CLUSTER1_AMBIENT],
        // productpage.mesh.internal is not listed: DestinationRule productpage-failover puts the waypoint's own
        // zone (us-east-1b) at priority 0 with 100 % of the load; us-east-1a is priority 1 and carries 0 %.
      ],
      // cluster1: 2 clients × 3 backends; cluster2: 1 client × 2 backends (ratings runs only in cluster1).
      pairs: 8,
    },
    {
      name: 'bookinfo, cluster1 down',
      file: 'bookinfo-multicluster.yaml',
      scenario: { failLocalities: ['cluster:cluster1'] },
      // cluster1's clients reach every backend through cluster1's waypoint pod (priority 0 on the ztunnel hop,
      // which ejects nothing): all their requests fail. cluster2's clients use cluster2's waypoint and
      // endpoints and are not harmed. Equal rates and client counts: by backend name.
      impacts: [
        ['productpage.bookinfo.mesh.internal', 100, CLUSTER1_AMBIENT],
        ['productpage.bookinfo.svc.cluster.local', 100, CLUSTER1_AMBIENT],
        ['ratings.bookinfo.svc.cluster.local', 100, CLUSTER1_AMBIENT],
      ],
      pairs: 8,
    },
    {
      name: 'httpbin (after), zone us-east-1a down',
      file: 'httpbin-after.yaml',
      scenario: { failLocalities: ['us-east-1/us-east-1a'] },
      // Every endpoint and the waypoint run in us-east-1a: every request of both clients fails. Equal rates
      // (100 % errors, no overflow: load never overflows without circuit breakers) and equal client counts,
      // so the backends sort by name.
      impacts: [
        ['client-in-ambient.httpbin.svc.cluster.local', 100, 'AMBIENT|cluster1||us-east-1/us-east-1a||'],
        ['in-ambient.httpbin.svc.cluster.local', 100, 'AMBIENT|cluster1||us-east-1/us-east-1a||'],
      ],
      // 2 ambient clients × 2 Services.
      pairs: 4,
    },
    {
      name: 'httpbin (after), two of three in-ambient endpoints failing',
      file: 'httpbin-after.yaml',
      scenario: { ejectEndpoints: ['in-ambient-7d8f9b6c54-abc12', 'in-ambient-7d8f9b6c54-def34'] },
      // DestinationRule in-ambient-failover: maxEjectionPercent 50. The first is ejected (1 of 3 = 33.3 %
      // ≤ 50 %), the second is refused by the cap (2 of 3 = 66.7 % > 50 %) and keeps its share of the two
      // hosts left, 50 %, which fails (Envoy ≥ 1.31 ejection cap, outlier_detection_impl.cc).
      impacts: [['in-ambient.httpbin.svc.cluster.local', 50, 'AMBIENT|cluster1||us-east-1/us-east-1a||']],
      pairs: 4,
    },
  ])('$name', ({ file, scenario, impacts, pairs }) => {
    const mesh = exampleMesh(file);
    const blast = blastRadius(mesh, scenario);
    expect(blast.pairs).toBe(pairs);
    expect(blast.impacts.map((i) => [i.backend, i.errorPercent, i.classes[0]?.clientClass.id])).toEqual(
      impacts,
    );
    expectBlastMatchesWhatIf(mesh, blast, scenario, allPairs(mesh));
  });

  it('names scenario entries that match no endpoint on any path', () => {
    const blast = blastRadius(exampleMesh('httpbin-after.yaml'), {
      ejectEndpoints: ['nonexistent-pod'],
      failLocalities: ['us-east-1/us-east-1a'],
    });
    expect(blast.unmatched).toEqual(['nonexistent-pod']);
  });

  it('says the class of each impact and lists its clients, usable as whatIf clients', () => {
    const blast = blastRadius(exampleMesh('sidecar-client.yaml'), {
      failLocalities: ['us-east-1/us-east-1a'],
    });
    const impact = blast.impacts.find((i) => i.backend === 'helloworld.backend.svc.cluster.local');
    expect(impact?.classes.map((c) => [c.clientClass.description, c.clientClass.clients])).toEqual([
      ['ambient clients in us-east-1/us-east-1a', ['backend/helloworld']],
      ['sidecar clients in namespace client, us-east-1/us-east-1a', ['client/sleep']],
    ]);
    expect(impact?.worstClient).toBe('backend/helloworld');
    expect(blast.classKey[0]).toMatch(/proxy kind/);
  });

  it.each([
    [{ loadFactor: 0 }, 'loadFactor'],
    [{ failLocalities: ['a/b/c/d'] }, 'failLocalities'],
  ])('refuses the scenario whatIf refuses: %j', (scenario, field) => {
    const mesh = exampleMesh('httpbin-after.yaml');
    expect(() => blastRadius(mesh, scenario)).toThrow(EngineError);
    expect(() => blastRadius(mesh, scenario)).toThrow(field);
  });
});
