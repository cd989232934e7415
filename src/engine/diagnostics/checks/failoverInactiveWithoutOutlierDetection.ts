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
  run: ({ owner, site, host, setting, outlierDetection, resources, emitter }) => {
    const priority = (setting.failoverPriority?.length ?? 0) > 0;
    const failover = (setting.failover?.length ?? 0) > 0;
    const distribute = (setting.distribute?.length ?? 0) > 0;
    if (setting.enabled === false || distribute || outlierDetection || !(priority || failover)) return [];
    // Two emitters disagree today (the hop's setting in force, the analysis's rule sites); one text wins next.
    const message =
      emitter === 'analysis'
        ? `${owner}: ${site ?? ''} configures ${priority ? 'failoverPriority' : 'failover'} without outlierDetection, so Envoy keeps every endpoint at priority 0 and never fails over.`
        : `${owner} configures failover for ${host ?? ''}, but the rule in force has no outlierDetection: every endpoint stays at priority 0 and the failover order is never used.`;
    return [{ message, resources }];
  },
} as const satisfies AnalysisCheck<'localitySetting'>;
