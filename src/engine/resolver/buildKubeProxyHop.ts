/**
 * A client outside the mesh: no mesh proxy balances its traffic, kube-proxy spreads connections over the
 * ready endpoints of the Service (seed 002 "Native traffic distribution in Kubernetes").
 */
import { runChecks } from '../diagnostics/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { ResourceRef } from '../model/meshModel.js';
import type { ResolvedEndpoint, ResolvedHop } from '../model/resolved.js';
import type { HopResult } from './buildZtunnelHop.js';
import { ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT } from '../envoyDefaults.js';
import type { HopDestination, HopSource } from './hopContext.js';
import { proxyOf } from './hopContext.js';

export const KUBE_PROXY_LOAD_BALANCER = 'ROUND_ROBIN';

export function buildKubeProxyHop(
  source: HopSource,
  destination: HopDestination,
  clientRef: ResourceRef,
): HopResult {
  const diagnostics: Diagnostic[] = runChecks('hop', 'hop', {
    host: destination.host,
    ruleHost: destination.ruleHost,
    balancer: 'KUBE_PROXY',
    outsideMeshClient: clientRef,
  });
  // kube-proxy only knows its own cluster's EndpointSlices.
  const endpoints: ResolvedEndpoint[] = destination.endpoints
    .filter((e) => e.cluster === source.cluster)
    .map((e) => ({
      id: e.id,
      name: e.name,
      ...(e.address !== undefined ? { address: e.address } : {}),
      cluster: e.cluster,
      network: e.network,
      locality: e.locality,
      ...(e.node !== undefined ? { node: e.node } : {}),
      ...(e.workload !== undefined ? { workload: e.workload } : {}),
      priority: 0,
      rawPriority: 0,
      priorityReason: e.ready
        ? 'kube-proxy: every ready endpoint is equal'
        : 'not ready: kube-proxy skips it',
      health: e.ready ? 'HEALTHY' : 'EXCLUDED',
      stateReason: e.ready
        ? `${e.status.reason}: kube-proxy lists it (ready)`
        : `${e.status.reason}: kube-proxy lists only ready endpoints`,
      weight: 1,
    }));
  const notes: string[] = [
    'kube-proxy spreads connections uniformly over ready endpoints of its own cluster; this model ignores Kubernetes topology hints.',
  ];
  const s = destination.primary;
  diagnostics.push(
    ...runChecks('hop', 'destination', {
      host: destination.host,
      // kube-proxy reads Services only (a ServiceEntry has no kube-proxy rules).
      ...(s !== undefined
        ? { target: { kind: 'Service', name: s.name, namespace: s.namespace, cluster: s.cluster } }
        : {}),
      cluster: source.cluster,
      // kube-proxy is modelled as uniform over ready endpoints: node-local routing is not modelled.
      internalTrafficPolicyLocal: false,
      readyEndpoints: endpoints.filter((e) => e.health === 'HEALTHY').length,
      viewer: source.name !== undefined ? { name: source.name } : {},
    }),
  );
  const hop: ResolvedHop = {
    from: proxyOf(source),
    to: destination.host,
    layer: 'L4',
    balancer: 'KUBE_PROXY',
    trafficDistribution: { mode: 'Any', source: 'DEFAULT' },
    destinationRuleFieldsApplied: [],
    localityLb: { mode: 'NONE', active: false, reason: 'no mesh proxy on the client', failoverPriority: [] },
    loadBalancer: KUBE_PROXY_LOAD_BALANCER,
    panicThresholdPercent: 0,
    overprovisioningFactor: ENVOY_DEFAULT_OVERPROVISIONING_FACTOR_PERCENT,
    localityWeighted: false,
    endpoints,
    priorityMeanings: ['all ready endpoints'],
    notes,
  };
  return { hop, diagnostics };
}
