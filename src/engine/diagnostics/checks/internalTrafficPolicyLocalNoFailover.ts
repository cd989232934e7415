import type { AnalysisCheck } from '../check.js';

/**
 * SPW0006. `internalTrafficPolicy: Local` keeps only endpoints on the client's node: ztunnel gets STRICT
 * [NODE], Envoy's EDS keeps the node's endpoints; traffic distribution and failover no longer apply
 * (istio.md §4.3; seed 002).
 */
export const internalTrafficPolicyLocalNoFailover = {
  code: 'SPW0006',
  id: 'INTERNAL_TRAFFIC_POLICY_LOCAL_NO_FAILOVER',
  severity: 'INFO',
  title: 'internalTrafficPolicy Local removes failover: only endpoints on the client node are used',
  upstream:
    'pilot/pkg/serviceregistry/kube/controller/ambient constructService (STRICT NODE) and the EDS node filter (istio.md §4.3)',
  scopes: ['hop', 'mesh'],
  subject: 'destination',
  run: ({ host, target, internalTrafficPolicyLocal, viewer, mode, emitter }) => {
    if (!internalTrafficPolicyLocal || target === undefined) return [];
    // Three emitters disagree today (ztunnel hop, Envoy hop, analysis); one text wins next.
    const message =
      emitter === 'ztunnelHop'
        ? `${host} has internalTrafficPolicy: Local: ztunnel on ${viewer?.node ?? 'the client node'} only uses endpoints on that node and never fails over; traffic distribution ${mode ?? 'Any'} is ignored.`
        : emitter === 'envoyHop'
          ? `${host} has internalTrafficPolicy: Local: ${viewer?.name ?? 'the proxy'} only keeps endpoints on its node ${viewer?.node ?? '(unknown)'}; there is no failover elsewhere.`
          : `${host} has internalTrafficPolicy: Local: every client only uses endpoints on its own node, with no failover; traffic distribution is ignored by ztunnel.`;
    return [{ message, resources: [target] }];
  },
} as const satisfies AnalysisCheck<'destination'>;
