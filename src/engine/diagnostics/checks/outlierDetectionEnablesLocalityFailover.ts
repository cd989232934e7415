import type { AnalysisCheck } from '../check.js';

/**
 * SPW0002. With the mesh default `localityLbSetting: {enabled: true}`, adding outlierDetection to a rule
 * turns on four-level locality failover (`applyLocalityLoadBalancer`, istio.md §3.2, §11.3).
 */
export const outlierDetectionEnablesLocalityFailover = {
  code: 'SPW0002',
  id: 'OUTLIER_DETECTION_ENABLES_LOCALITY_FAILOVER',
  severity: 'INFO',
  title: 'outlierDetection silently turns on locality failover (mesh localityLbSetting default)',
  upstream:
    'pilot/pkg/networking/core/loadbalancer ApplyLocalityLoadBalancer with the mesh default setting (istio.md §3.2, §11.3)',
  scopes: ['hop', 'mesh'],
  subject: 'ruleOnHost',
  run: ({ rule, host, outlierEnablesMeshFailover }) =>
    outlierEnablesMeshFailover
      ? [
          {
            message: `DestinationRule ${rule.namespace}/${rule.name} sets outlierDetection without a localityLbSetting: with the mesh default (enabled) this alone turns on locality failover for ${host} (same subzone, then zone, region, elsewhere).`,
            resources: [rule.ref],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'ruleOnHost'>;
