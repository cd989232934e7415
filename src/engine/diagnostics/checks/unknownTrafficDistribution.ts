import type { AnalysisCheck } from '../check.js';

/**
 * SPW0004. `GetTrafficDistribution` turns an annotation value it does not know into Any, with only an
 * istiod log line (istio.md §4.1).
 */
export const unknownTrafficDistribution = {
  code: 'SPW0004',
  id: 'UNKNOWN_TRAFFIC_DISTRIBUTION',
  severity: 'WARNING',
  title: 'Unknown traffic-distribution value; it is treated as Any',
  upstream:
    'pilot/pkg/model/service.go GetTrafficDistribution: unknown annotation values become Any (istio.md §4.1)',
  scopes: ['hop', 'mesh'],
  subject: 'trafficDistribution',
  run: ({ warnings, subject }) =>
    warnings
      .filter((w) => w.kind === 'UNKNOWN_VALUE')
      .map((w) => ({
        message: `${w.field ?? 'traffic distribution'}: ${w.message}.`,
        resources: w.resource !== undefined ? [w.resource] : subject !== undefined ? [subject] : [],
      })),
} as const satisfies AnalysisCheck<'trafficDistribution'>;
