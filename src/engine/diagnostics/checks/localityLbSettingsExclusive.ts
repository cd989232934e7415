import { policySites } from '../policySites.js';
import { ruleRef } from '../ruleRef.js';
import type { AnalysisCheck } from '../check.js';

/**
 * SPW0012. Settings that pass validation but exclude each other at runtime: with `distribute` set,
 * `applyLocalityLoadBalancer` never reads `failoverPriority` (istio.md §11.8).
 */
export const localityLbSettingsExclusive = {
  code: 'SPW0012',
  id: 'LOCALITY_LB_SETTINGS_EXCLUSIVE',
  severity: 'WARNING',
  title: 'Locality load-balancing settings that exclude each other: only one takes effect',
  equivalent: 'IST0133',
  upstream:
    'pilot/pkg/networking/core/loadbalancer ApplyLocalityLoadBalancer: distribute wins (istio.md §11.8)',
  scopes: ['hop', 'mesh'],
  subject: 'destinationRule',
  run: ({ rule }) =>
    policySites(rule)
      .filter((site) => {
        const l = site.locality;
        return (
          l !== undefined &&
          l.enabled !== false &&
          (l.distribute?.length ?? 0) > 0 &&
          (l.failoverPriority?.length ?? 0) > 0
        );
      })
      .map((site) => ({
        message: `DestinationRule ${rule.namespace}/${rule.name}: ${site.path} sets both distribute and failoverPriority; istiod accepts it but only distribute takes effect, so the failoverPriority order is never used.`,
        resources: [ruleRef(rule)],
      })),
} as const satisfies AnalysisCheck<'destinationRule'>;
