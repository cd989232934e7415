import type { AnalysisCheck } from '../check.js';

/** SPW0021. Waypoints skip zone-aware load balancing, so zoneAwareLbSetting leaves them no priorities (istio.md §11.12). */
export const zoneAwareIgnoredOnWaypoint = {
  code: 'SPW0021',
  id: 'ZONE_AWARE_IGNORED_ON_WAYPOINT',
  severity: 'WARNING',
  title: 'zoneAwareLbSetting gives a waypoint no locality priorities at all',
  upstream: 'Istio 1.31 applyZoneAwareLoadBalancer is skipped for waypoints (istio.md §3.2, §11.12)',
  scopes: ['hop'],
  subject: 'hop',
  run: ({ ruleHost, envoy }) =>
    envoy?.setting.kind === 'ZONE_AWARE' && envoy.proxyKind === 'WAYPOINT'
      ? [
          {
            message: `zoneAwareLbSetting (${envoy.setting.reason}) is in force for ${ruleHost} at a waypoint, which skips zone-aware load balancing entirely: no locality priorities at all.`,
            resources: envoy.rule !== undefined ? [envoy.rule] : [],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'hop'>;
