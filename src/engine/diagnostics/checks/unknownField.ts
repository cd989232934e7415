import type { IntakeCheck } from '../check.js';

/** SPW1013, reported by snapshot intake: an Istio object has a field its schema does not define; it has no effect. */
export const unknownField = {
  code: 'SPW1013',
  id: 'UNKNOWN_FIELD',
  severity: 'WARNING',
  title: 'An Istio object has a field its schema does not define; it has no effect',
  upstream:
    "The API server prunes fields a CRD's structural schema does not define, and `kubectl apply --validate=warn` warns `unknown field` (Kubernetes field validation, apiextensions pruning)",
  scopes: ['intake'],
} as const satisfies IntakeCheck;
