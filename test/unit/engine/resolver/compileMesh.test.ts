import { describe, expect, it } from 'vitest';
import { compileMesh } from '../../../../src/engine/resolver/compileMesh.js';
import { bookinfoMesh } from './fixtures/bookinfo.js';
import { httpbinMesh } from './fixtures/httpbin.js';

describe('compileMesh', () => {
  const single = compileMesh(httpbinMesh());
  const multi = compileMesh(bookinfoMesh());

  it.each([
    ['services by FQDN', () => single.servicesByHost.get('in-ambient.httpbin.svc.cluster.local')?.length, 1],
    [
      'endpoints by service',
      () => single.endpointsByService.get('cluster1/Service/httpbin/in-ambient')?.length,
      3,
    ],
    ['pods by workload name', () => single.workloadsByWorkloadName.get('httpbin/in-ambient')?.length, 3],
    ['waypoints', () => single.waypoints.has('cluster1/httpbin/httpbin-waypoint'), true],
    [
      'global hosts aggregate across clusters',
      () => multi.globalHosts.get('productpage.bookinfo.mesh.internal')?.length,
      2,
    ],
    [
      'east-west gateways by network',
      () => multi.eastWestGatewaysByNetwork.get('network2')?.[0]?.cluster,
      'cluster2',
    ],
    ['DRs per cluster', () => multi.destinationRulesByCluster.get('cluster2')?.length, 2],
    ['root namespace', () => single.rootNamespace, 'istio-system'],
  ])('%s', (_l, read, expected) => {
    expect(read()).toBe(expected);
  });

  it('knows every referable host and client, sorted', () => {
    expect(multi.knownHosts).toContain('productpage.bookinfo.mesh.internal');
    expect(single.knownClients).toContain('httpbin/client-in-ambient');
    expect([...single.knownHosts].sort()).toEqual(single.knownHosts);
  });
});
