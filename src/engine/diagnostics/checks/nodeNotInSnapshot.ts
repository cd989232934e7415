import type { IntakeCheck } from '../check.js';

/** SPW1001, reported by snapshot intake: a pod names a node that is not in the snapshot; its locality is unknown. */
export const nodeNotInSnapshot = {
  code: 'SPW1001',
  id: 'NODE_NOT_IN_SNAPSHOT',
  severity: 'WARNING',
  title: 'A pod names a node that is not in the snapshot; its locality is unknown',
  upstream: "Istio takes a pod's locality from its node's topology labels (istio.md §1.1)",
  scopes: ['intake'],
} as const satisfies IntakeCheck;
