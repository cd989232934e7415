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
  run: ({ host, target, internalTrafficPolicyLocal }) =>
    internalTrafficPolicyLocal && target !== undefined
      ? [
          {
            message: `${host} has internalTrafficPolicy: Local: every client only uses endpoints on its own node, with no failover; traffic distribution is ignored by ztunnel.`,
            resources: [target],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'destination'>;
