/**
 * `isClusterLocalHost`, written from `pilot/pkg/model/cluster_local.go` (istio 1.30.3 / 1.31.0-rc.0):
 * `onMeshUpdated` indexes the serviceSettings hosts with their clusterLocal value, drops a default that a
 * `clusterLocal: false` entry names (exactly, or a host under a default wildcard), adds the remaining
 * defaults as cluster-local; `IsClusterLocal` takes the most specific match (`MostSpecificHostMatch`).
 */
import { describe, expect, it } from 'vitest';
import { isClusterLocalHost } from '../../../../src/engine/istio/index.js';
import type { ServiceSettingsEntry } from '../../../../src/engine/model/meshModel.js';

const local = (...hosts: string[]): ServiceSettingsEntry => ({ hosts, clusterLocal: true });
const global = (...hosts: string[]): ServiceSettingsEntry => ({ hosts, clusterLocal: false });

describe('isClusterLocalHost', () => {
  it.each<[string, string, ServiceSettingsEntry[], boolean, string | undefined]>([
    // No settings: istiod's defaults alone.
    [
      'kube-system is local by default',
      'kube-dns.kube-system.svc.cluster.local',
      [],
      true,
      '*.kube-system.svc.cluster.local',
    ],
    [
      'kubernetes.default is local by default',
      'kubernetes.default.svc.cluster.local',
      [],
      true,
      'kubernetes.default.svc.cluster.local',
    ],
    [
      'the discovery address is local by default',
      'istiod.istio-system.svc.cluster.local',
      [],
      true,
      'istiod.istio-system.svc.cluster.local',
    ],
    ['an ordinary service is not', 'helloworld.sample.svc.cluster.local', [], false, undefined],
    // A wildcard entry makes a namespace local; a more specific exact entry wins over it.
    [
      'namespace wildcard',
      'helloworld.sample.svc.cluster.local',
      [local('*.sample.svc.cluster.local')],
      true,
      '*.sample.svc.cluster.local',
    ],
    [
      'exact false beats a wildcard true',
      'helloworld.sample.svc.cluster.local',
      [local('*.sample.svc.cluster.local'), global('helloworld.sample.svc.cluster.local')],
      false,
      'helloworld.sample.svc.cluster.local',
    ],
    // The longer wildcard is the more specific one (`host.MoreSpecific`).
    [
      'longer wildcard wins',
      'a.b.sample.svc.cluster.local',
      [local('*.svc.cluster.local'), global('*.sample.svc.cluster.local')],
      false,
      '*.sample.svc.cluster.local',
    ],
    // clusterLocal false on a host under the kube-system default removes the whole default wildcard, so
    // other kube-system services are no longer local either.
    [
      'false under a default wildcard drops that default',
      'metrics-server.kube-system.svc.cluster.local',
      [global('kube-dns.kube-system.svc.cluster.local')],
      false,
      undefined,
    ],
    [
      'the named host itself is then not local',
      'kube-dns.kube-system.svc.cluster.local',
      [global('kube-dns.kube-system.svc.cluster.local')],
      false,
      'kube-dns.kube-system.svc.cluster.local',
    ],
    // An unrelated false entry leaves the defaults in place.
    [
      'unrelated false keeps defaults',
      'kube-dns.kube-system.svc.cluster.local',
      [global('*.sample.svc.cluster.local')],
      true,
      '*.kube-system.svc.cluster.local',
    ],
  ])('%s', (_name, host, settings, clusterLocal, matched) => {
    const decision = isClusterLocalHost(host, settings);
    expect(decision.clusterLocal).toBe(clusterLocal);
    expect(decision.matched).toBe(matched);
  });
});
