import type { IntakeCheck } from '../check.js';

/** SPW1006, reported by snapshot intake: the namespace asks for sidecar injection but the pod has no sidecar. */
export const sidecarInjectionNotApplied = {
  code: 'SPW1006',
  id: 'SIDECAR_INJECTION_NOT_APPLIED',
  severity: 'INFO',
  title: 'The namespace asks for sidecar injection but the pod has no sidecar',
  upstream:
    'Sidecar injection happens at pod creation: istio-injection on the namespace does not change running pods (seed 003)',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
