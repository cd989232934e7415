import type { IntakeCheck } from '../check.js';

/** SPW1011, reported by snapshot intake: a known kind at an API version Spillway does not read was ignored. */
export const ignoredApiVersion = {
  code: 'SPW1011',
  id: 'IGNORED_API_VERSION',
  severity: 'INFO',
  title: 'A known kind at an API version Spillway does not read was ignored',
  upstream:
    'Kubernetes serves each kind at the API versions its CRD lists; Spillway reads the ones in the kind registry',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
