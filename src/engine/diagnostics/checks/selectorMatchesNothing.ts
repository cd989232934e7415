import type { IntakeCheck } from '../check.js';

/** SPW1009, reported by snapshot intake: a selector matches no workload in the snapshot. */
export const selectorMatchesNothing = {
  code: 'SPW1009',
  id: 'SELECTOR_MATCHES_NOTHING',
  severity: 'INFO',
  title: 'A selector matches no workload in the snapshot',
  equivalent: 'KIA0003',
  upstream: 'Kiali KIA0003 "no matching workload"; Service selectors pick endpoints by pod labels',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
