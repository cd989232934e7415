import type { IntakeCheck } from '../check.js';

/** SPW1019, reported by snapshot intake: pods without status: their address or readiness is unknown. */
export const podStatusMissing = {
  code: 'SPW1019',
  id: 'POD_STATUS_MISSING',
  severity: 'WARNING',
  title: 'Pods without status: their address or readiness is unknown',
  upstream:
    "A pod's address is `status.podIP` and its readiness the `Ready` condition (Kubernetes `podutil.IsPodReady`); status is observed state that people trim before sharing",
  scopes: ['intake'],
} as const satisfies IntakeCheck;
