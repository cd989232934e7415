import type { IntakeCheck } from '../check.js';

/** SPW1003, reported by snapshot intake: an endpoint targets a pod that is not in the snapshot. */
export const endpointTargetNotInSnapshot = {
  code: 'SPW1003',
  id: 'ENDPOINT_TARGET_NOT_IN_SNAPSHOT',
  severity: 'INFO',
  title: 'An endpoint targets a pod that is not in the snapshot',
  upstream: "EndpointSlice targetRef: Istio reads the pod's labels and locality through it (istio.md §1.1)",
  scopes: ['intake'],
} as const satisfies IntakeCheck;
