import type { AnalysisCheck } from '../check.js';

/**
 * SPW0013. No ready endpoint: Envoy answers 503 ("no healthy upstream"), ztunnel and kube-proxy refuse
 * the connection (istio.md §4.2, §7).
 */
export const backendNoReadyEndpoints = {
  code: 'SPW0013',
  id: 'BACKEND_NO_READY_ENDPOINTS',
  severity: 'ERROR',
  title: 'The backend has no ready endpoint on this hop',
  upstream:
    'EDS sends only ready endpoints as HEALTHY (istio.md §4.2); ztunnel state.rs load_balance (istio.md §7)',
  scopes: ['hop', 'mesh'],
  subject: 'destination',
  run: ({ host, target, cluster, internalTrafficPolicyLocal, readyEndpoints, viewer, emitter }) => {
    if (target === undefined || readyEndpoints !== 0) return [];
    // Four emitters disagree today (each hop kind, the analysis); one text wins next.
    let message: string;
    switch (emitter) {
      case 'ztunnelHop':
        message = `${host} has no ready endpoint for the ztunnel on ${viewer?.node ?? cluster}: connections fail.`;
        break;
      case 'envoyHop':
        if (internalTrafficPolicyLocal) return [];
        message = `${host} has no ready endpoint for ${viewer?.name ?? 'the proxy'}: requests fail with 503.`;
        break;
      case 'kubeProxyHop':
        message = `${host} has no ready endpoint: connections from ${viewer?.name ?? 'the client'} fail.`;
        break;
      case 'analysis':
        message = `${host} has no ready endpoint in ${cluster}.`;
        break;
    }
    return [{ message, resources: [target] }];
  },
} as const satisfies AnalysisCheck<'destination'>;
