import type { IntakeCheck } from '../check.js';

/** SPW1012, reported by snapshot intake: solo.io/service-scope is set as an annotation; Solo reads it as a label. */
export const serviceScopeAnnotation = {
  code: 'SPW1012',
  id: 'SERVICE_SCOPE_ANNOTATION',
  severity: 'WARNING',
  title: 'solo.io/service-scope is set as an annotation; Solo reads it as a label',
  upstream: 'Solo global services read the solo.io/service-scope label, not an annotation (seed 002)',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
