import type { IntakeCheck } from '../check.js';

/** SPW1018, reported by snapshot intake: the upload holds no object Spillway reads; it is stored but is never `latest`. */
export const nothingUsable = {
  code: 'SPW1018',
  id: 'NOTHING_USABLE',
  severity: 'WARNING',
  title: 'The upload holds no object Spillway reads; it is stored but is never `latest`',
  upstream:
    'Spillway reads the Kubernetes and Istio kinds of its kind registry; the API server stores any object, so an upload of other kinds is accepted, as `kubectl apply` would accept it',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
