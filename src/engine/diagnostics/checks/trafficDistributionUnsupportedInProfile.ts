import type { AnalysisCheck } from '../check.js';

/**
 * SPW0005. PreferNetwork/PreferRegion upstream, a `spec.trafficDistribution` value the profile does not
 * map, or a mode internalTrafficPolicy Local overrides (istio.md §4.1, §11.7; seed 002 mode table).
 */
export const trafficDistributionUnsupportedInProfile = {
  code: 'SPW0005',
  id: 'TRAFFIC_DISTRIBUTION_UNSUPPORTED_IN_PROFILE',
  severity: 'WARNING',
  title: 'Traffic-distribution value not accepted by this profile',
  upstream:
    'pilot/pkg/model/service.go GetTrafficDistribution and the Service spec mapping; seed 002 (SOLO modes) (istio.md §4.1, §11.7)',
  scopes: ['hop', 'mesh'],
  subject: 'trafficDistribution',
  run: ({ warnings, profile, subject }) =>
    warnings
      .filter((w) => w.kind !== 'UNKNOWN_VALUE')
      .map((w) => ({
        message: `${w.message} (profile ${profile}).`,
        resources: w.resource !== undefined ? [w.resource] : subject !== undefined ? [subject] : [],
      })),
} as const satisfies AnalysisCheck<'trafficDistribution'>;
