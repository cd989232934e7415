import type { AnalysisCheck } from '../check.js';

/**
 * SPW0001. `failover` / `failoverPriority` act only with outlier detection: without it Envoy keeps every
 * endpoint at priority 0 (`applyLocalityLoadBalancer` needs `enableFailover`, istio.md §3.2, §8).
 * `distribute` needs none and, when present, wins.
 */
export const failoverInactiveWithoutOutlierDetection = {
  code: 'SPW0001',
  id: 'FAILOVER_INACTIVE_NO_OUTLIER_DETECTION',
  severity: 'WARNING',
  title: 'Locality failover is configured but inactive: the rule has no outlierDetection',
  equivalent: 'IST0133',
  upstream:
    'pilot/pkg/networking/core/loadbalancer ApplyLocalityLoadBalancer: failover only when outlier detection enables it (istio.md §3.2, §8)',
  scopes: ['hop', 'mesh'],
  subject: 'localitySetting',
  run: ({ owner, site, host, setting, outlierDetection, resources }) => {
    const priority = (setting.failoverPriority?.length ?? 0) > 0;
    const failover = (setting.failover?.length ?? 0) > 0;
    const distribute = (setting.distribute?.length ?? 0) > 0;
    if (setting.enabled === false || distribute || outlierDetection || !(priority || failover)) return [];
    return [
      {
        message: `${owner}${site !== undefined ? `: ${site}` : ''} configures ${priority ? 'failoverPriority' : 'failover'}${host !== undefined ? ` for ${host}` : ''} without outlierDetection, so Envoy keeps every endpoint at priority 0 and never fails over.`,
        resources,
      },
    ];
  },
} as const satisfies AnalysisCheck<'localitySetting'>;
