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
  run: ({ host, target, cluster, readyEndpoints }) =>
    target !== undefined && readyEndpoints === 0
      ? [{ message: `${host} has no ready endpoint in ${cluster}.`, resources: [target] }]
      : [],
} as const satisfies AnalysisCheck<'destination'>;
