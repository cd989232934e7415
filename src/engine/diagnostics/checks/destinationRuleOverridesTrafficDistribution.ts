import type { AnalysisCheck } from '../check.js';

/**
 * SPW0022. A DestinationRule's locality setting replaces the service's traffic distribution
 * (`GetEffectiveLbSetting`, istio.md §3.1); under SOLO any DestinationRule in force does (seed 002 "it
 * overrides the traffic distribution").
 */
export const destinationRuleOverridesTrafficDistribution = {
  code: 'SPW0022',
  id: 'DESTINATION_RULE_OVERRIDES_TRAFFIC_DISTRIBUTION',
  severity: 'INFO',
  title: 'A DestinationRule localityLbSetting overrides the service traffic distribution on this hop',
  upstream: 'pilot/pkg/networking/core/loadbalancer GetEffectiveLbSetting (istio.md §3.1); seed 002',
  scopes: ['hop'],
  subject: 'hop',
  run: ({ host, envoy }) => {
    if (envoy?.rule === undefined) return [];
    const { mode, source, resource } = envoy.trafficDistribution;
    if (mode === 'Any' || source === 'DEFAULT' || envoy.setting.source === 'TRAFFIC_DISTRIBUTION') return [];
    return [
      {
        message: `Traffic distribution ${mode} on ${host} is not used on this hop: DestinationRule ${envoy.rule.namespace ?? ''}/${envoy.rule.name} decides locality load balancing (${envoy.setting.reason}).`,
        resources: [envoy.rule, ...(resource !== undefined ? [resource] : [])],
      },
    ];
  },
} as const satisfies AnalysisCheck<'hop'>;
