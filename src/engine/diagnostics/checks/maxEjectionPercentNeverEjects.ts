import type { AnalysisCheck } from '../check.js';

/** One host as a share of the pool: Envoy ejects only while 100 × (ejected + 1) ≤ max × hosts. */
const PERCENT = 100;

/**
 * SPW0010. Envoy (≥ 1.28) ejects only while `100 × (ejected + 1) ≤ maxEjectionPercent × hosts`
 * (`DetectorImpl::ejectHost`, envoy.md §7.4): below one host, it never ejects any.
 */
export const maxEjectionPercentNeverEjects = {
  code: 'SPW0010',
  id: 'MAX_EJECTION_PERCENT_NEVER_EJECTS',
  severity: 'WARNING',
  title: 'maxEjectionPercent is too small to ever eject a host of this pool',
  upstream: 'source/common/upstream/outlier_detection_impl.cc DetectorImpl::ejectHost (envoy.md §7.4)',
  scopes: ['hop', 'mesh'],
  subject: 'ejectionPool',
  run: ({ rule, host, hosts, maxEjectionPercent }) =>
    hosts > 0 && maxEjectionPercent * hosts < PERCENT
      ? [
          {
            message: `DestinationRule ${rule.namespace}/${rule.name}: maxEjectionPercent ${maxEjectionPercent.toString()}% of the ${hosts.toString()} endpoint(s) of ${host} is less than one host, so Envoy never ejects any.`,
            resources: [rule.ref],
          },
        ]
      : [],
} as const satisfies AnalysisCheck<'ejectionPool'>;
