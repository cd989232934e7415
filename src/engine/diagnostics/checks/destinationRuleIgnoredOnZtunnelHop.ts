import type { AnalysisCheck } from '../check.js';

/**
 * SPW0003. ztunnel reads no DestinationRule: on a path without a waypoint or sidecar none of a rule's
 * fields apply (istio.md §9.2; seed 002 "DestinationRules are not applied on the ztunnel path").
 */
export const destinationRuleIgnoredOnZtunnelHop = {
  code: 'SPW0003',
  id: 'DESTINATION_RULE_IGNORED_ON_ZTUNNEL_HOP',
  severity: 'WARNING',
  title: 'A DestinationRule exists for this host but the hop is ztunnel-only, so none of its fields apply',
  equivalent: 'KIA0211',
  upstream: 'ztunnel balances from the workload API alone (istio.md §7, §9.2; seed 002)',
  scopes: ['hop', 'mesh'],
  subject: 'ruleOnHost',
  run: ({ rule, host, ztunnelOnly }) =>
    ztunnelOnly === undefined
      ? []
      : [
          {
            message: `DestinationRule ${rule.namespace}/${rule.name} targets ${host}, which no waypoint serves: ambient clients reach it through ztunnel only, which applies none of the rule's fields (only sidecars and gateways do).`,
            resources: [rule.ref, ...ztunnelOnly],
          },
        ],
} as const satisfies AnalysisCheck<'ruleOnHost'>;
