import type { IntakeCheck } from '../check.js';

/** SPW1008, reported by snapshot intake: unknown solo.io/service-scope value; the service is treated as local. */
export const unknownServiceScope = {
  code: 'SPW1008',
  id: 'UNKNOWN_SERVICE_SCOPE',
  severity: 'WARNING',
  title: 'Unknown solo.io/service-scope value; the service is treated as local',
  upstream: 'Solo global services: solo.io/service-scope=global (seed 002)',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
