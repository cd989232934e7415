import type { IntakeCheck } from '../check.js';

/** SPW1002, reported by snapshot intake: objects live in a namespace that is not in the snapshot; its labels are assumed empty. */
export const namespaceNotInSnapshot = {
  code: 'SPW1002',
  id: 'NAMESPACE_NOT_IN_SNAPSHOT',
  severity: 'WARNING',
  title: 'Objects live in a namespace that is not in the snapshot; its labels are assumed empty',
  upstream: 'Namespace labels decide dataplane mode and use-waypoint (istio.md §9; seed 000)',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
