import { ruleRef } from '../ruleRef.js';
import type { AnalysisCheck } from '../check.js';

/**
 * SPW0009. A DestinationRule outside the root namespace is read only by proxies in its own namespace or
 * for services there (`PushContext.destinationRule`, istio.md §2.2).
 */
export const destinationRuleNamespaceNotConsulted = {
  code: 'SPW0009',
  id: 'DESTINATION_RULE_NAMESPACE_NOT_CONSULTED',
  severity: 'WARNING',
  title: 'DestinationRule lives in a namespace no client consults for its host',
  equivalent: 'KIA0212',
  upstream: 'pilot/pkg/model/push_context.go destinationRule lookup order (istio.md §2.2)',
  scopes: ['mesh'],
  subject: 'ruleInMesh',
  run: ({ rule, host, serviceCount, serviceNamespaces, rootNamespace, namespaceConsulted }) =>
    rule.namespace !== rootNamespace &&
    serviceCount > 0 &&
    !serviceNamespaces.includes(rule.namespace) &&
    !namespaceConsulted
      ? [
          {
            message: `DestinationRule ${rule.namespace}/${rule.name} is for ${host} (namespace ${serviceNamespaces.join(', ')}), but only proxies in ${rule.namespace} would read it there and ${rule.namespace} has no sidecar, gateway or waypoint: move it to the service's namespace.`,
            resources: [ruleRef(rule)],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'ruleInMesh'>;
