import type { IntakeCheck } from '../check.js';

/** SPW1017, reported by snapshot intake: nodes carry only the legacy failure-domain.beta.kubernetes.io topology labels; they are read as Istio does. */
export const legacyTopologyLabels = {
  code: 'SPW1017',
  id: 'LEGACY_TOPOLOGY_LABELS',
  severity: 'INFO',
  title:
    'Nodes carry only the legacy failure-domain.beta.kubernetes.io topology labels; they are read as Istio does',
  upstream:
    'Istio reads topology.kubernetes.io/region|zone and falls back to failure-domain.beta.kubernetes.io/region|zone (istio.md "Node locality labels")',
  scopes: ['intake'],
} as const satisfies IntakeCheck;
