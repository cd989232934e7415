import type { IntakeCheck } from '../check.js';

/** SPW1015, reported by snapshot intake: the snapshot holds Deployments or StatefulSets but no Pods. */
export const workloadsWithoutPods = {
  code: 'SPW1015',
  id: 'WORKLOADS_WITHOUT_PODS',
  severity: 'WARNING',
  title: 'The snapshot holds Deployments or StatefulSets but no Pods',
  upstream:
    "istiod builds workloads, endpoints and localities from Pods and EndpointSlices, never from Deployments or StatefulSets (pilot kube controller's pod and EndpointSlice handlers)",
  scopes: ['intake'],
} as const satisfies IntakeCheck;
