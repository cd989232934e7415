import { validateDestinationRule } from '../../istio/index.js';
import { ruleRef } from '../ruleRef.js';
import type { AnalysisCheck } from '../check.js';

/**
 * SPW0011. What istiod's `ValidateLocalityLbSetting` rejects: weights not summing to 100, distribute next
 * to failover, topology labels with failover (istio.md §8).
 */
export const localityLbSettingInvalid = {
  code: 'SPW0011',
  id: 'LOCALITY_LB_SETTING_INVALID',
  severity: 'ERROR',
  title: 'Invalid locality load-balancing setting (istiod rejects it)',
  equivalent: 'IST0106',
  upstream: 'pkg/config/validation ValidateLocalityLbSetting / validateDestinationRule (istio.md §8)',
  scopes: ['hop', 'mesh'],
  subject: 'destinationRule',
  run: ({ rule }) =>
    validateDestinationRule(rule).errors.map((e) => ({
      message: `DestinationRule ${rule.namespace}/${rule.name}: ${e.path}: ${e.message}.`,
      resources: [ruleRef(rule)],
    })),
} as const satisfies AnalysisCheck<'destinationRule'>;
