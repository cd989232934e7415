import { ruleRef } from '../ruleRef.js';
import type { AnalysisCheck } from '../check.js';

/** SPW0008. istioctl `UnknownDestinationRuleHost`; Kiali "host not in registry". */
export const destinationRuleHostMatchesNothing = {
  code: 'SPW0008',
  id: 'DESTINATION_RULE_HOST_MATCHES_NOTHING',
  severity: 'WARNING',
  title: 'DestinationRule host matches no Service, ServiceEntry or global host',
  equivalent: 'IST0174',
  upstream: 'istioctl analyze destinationrule/UnknownDestinationRuleHost (ecosystem.md §1.1)',
  scopes: ['mesh'],
  subject: 'ruleInMesh',
  run: ({ rule, host, serviceCount, serviceEntryCount }) =>
    serviceCount === 0 && serviceEntryCount === 0
      ? [
          {
            message: `DestinationRule ${rule.namespace}/${rule.name}: host ${host} matches no Service, ServiceEntry or global host in the snapshot.`,
            resources: [ruleRef(rule)],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'ruleInMesh'>;
