import type { AnalysisCheck } from '../check.js';

/**
 * SPW0007. `internalTrafficPolicy: Local` and no ready endpoint on the client's node: the traffic has
 * nowhere to go (seed 002 "traffic is dropped"; istio.md §4.3).
 */
export const internalTrafficPolicyLocalNoLocalEndpoint = {
  code: 'SPW0007',
  id: 'INTERNAL_TRAFFIC_POLICY_LOCAL_NO_LOCAL_ENDPOINT',
  severity: 'ERROR',
  title: 'internalTrafficPolicy Local and no endpoint on the client node: traffic is dropped',
  upstream: 'ztunnel state.rs load_balance under STRICT; the EDS node filter (istio.md §4.3; seed 002)',
  scopes: ['hop'],
  subject: 'destination',
  run: ({ host, target, internalTrafficPolicyLocal, readyOnNode, viewer }) =>
    internalTrafficPolicyLocal && target !== undefined && readyOnNode === 0
      ? [
          {
            message: `No ready endpoint of ${host} runs on node ${viewer?.node ?? '(unknown)'}: with internalTrafficPolicy Local requests from ${viewer?.name ?? 'the proxy'} fail.`,
            resources: [target],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'destination'>;
