/**
 * The bundled examples (examples/*.yaml), parsed as an upload would be, give the answers the seed
 * guides show.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUpload } from '../../../../src/ingest/index.js';
import type { MeshModel } from '../../../../src/engine/model/meshModel.js';
import type { ResolvedHop, ResolvedPath } from '../../../../src/engine/model/resolved.js';
import { compileMesh } from '../../../../src/engine/resolver/compileMesh.js';
import { resolvePath } from '../../../../src/engine/resolver/resolvePath.js';

function example(file: string): MeshModel {
  const body = readFileSync(new URL(`../../../../examples/${file}`, import.meta.url));
  const result = parseUpload({ body, contentType: 'application/yaml', params: { name: file } });
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.snapshot.model;
}
function resolve(file: string, client: string, backend: string): ResolvedPath {
  return resolvePath(compileMesh(example(file)), { client, backend });
}
/** Endpoints per dense level, as `cluster:zone` sorted within the level. */
function levels(hop: ResolvedHop | undefined): string[][] {
  const out: string[][] = [];
  for (const e of hop?.endpoints ?? []) (out[e.priority] ??= []).push(`${e.cluster}:${e.locality.zone}`);
  return out.map((l) => l.sort());
}

describe('httpbin (seed 001)', () => {
  it.each([
    ['httpbin-before.yaml', 'LEAST_REQUEST', undefined],
    [
      'httpbin-after.yaml',
      'ROUND_ROBIN',
      { consecutive5xxErrors: 3, intervalSeconds: 10, baseEjectionTimeSeconds: 30, maxEjectionPercent: 50 },
    ],
  ])('%s: all three endpoints behind the waypoint at one level; %s', (file, lb, outlier) => {
    const p = resolve(file, 'httpbin/client-in-ambient', 'in-ambient');
    expect(p.profile).toBe('SOLO');
    expect(p.hops.map((h) => h.from.kind)).toEqual(['ZTUNNEL', 'WAYPOINT']);
    const hop = p.hops[1];
    expect(hop?.endpoints).toHaveLength(3);
    expect(hop?.endpoints.every((e) => e.priority === 0 && e.health === 'HEALTHY')).toBe(true);
    expect(hop?.loadBalancer).toBe(lb);
    if (outlier === undefined) expect(hop?.outlierDetection).toBeUndefined();
    else expect(hop?.outlierDetection).toMatchObject(outlier);
  });
});

describe('bookinfo multicluster (seeds 000/002): productpage-failover from each cluster', () => {
  it.each([
    ['cluster1/bookinfo/ratings', 'cluster1', 'us-east-1b'],
    ['cluster2/bookinfo/productpage-v1', 'cluster2', 'us-west-2b'],
  ])(
    '%s: the local waypoint, then same zone → same region → the other region',
    (client, cluster, waypointZone) => {
      const p = resolve('bookinfo-multicluster.yaml', client, 'productpage.bookinfo.mesh.internal');
      const hop = p.hops[1];
      expect(hop?.from).toMatchObject({ kind: 'WAYPOINT', cluster });
      expect(hop?.from.locality?.endsWith(waypointZone)).toBe(true);
      expect(hop?.destinationRule).toMatchObject({ name: 'productpage-failover', cluster });
      expect(hop?.localityLb.failoverPriority).toEqual([
        'topology.kubernetes.io/region',
        'topology.kubernetes.io/zone',
      ]);
      const [same, region, other] = levels(hop);
      expect(same?.every((e) => e === `${cluster}:${waypointZone}`)).toBe(true);
      expect(region?.every((e) => e.startsWith(`${cluster}:`) && !e.endsWith(waypointZone))).toBe(true);
      expect(other?.every((e) => !e.startsWith(`${cluster}:`))).toBe(true);
      expect(levels(hop)).toHaveLength(3);
    },
  );
});

describe('sidecar client (seed 003)', () => {
  it('the sidecar balances straight to the backend with the Service annotation PreferClose', () => {
    const p = resolve('sidecar-client.yaml', 'client/sleep', 'helloworld.backend');
    expect(p.hops.map((h) => `${h.from.kind}/${h.balancer}`)).toEqual(['SIDECAR/ENVOY']);
    const hop = p.hops[0];
    expect(hop?.trafficDistribution).toMatchObject({ mode: 'PreferSameZone', source: 'SERVICE_ANNOTATION' });
    expect(levels(hop)).toEqual([['cluster1:us-east-1a'], ['cluster1:us-east-1b', 'cluster1:us-east-1c']]);
  });
});
