import { describeRef } from '../ruleRef.js';
import type { AnalysisCheck } from '../check.js';

/** The conditions istioctl calls negative, per kind, and the status that makes them so. */
const NEGATIVE_CONDITIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Service: { 'istio.io/WaypointBound': 'False' },
  ServiceEntry: { 'istio.io/WaypointBound': 'False' },
  WorkloadEntry: { 'istio.io/WaypointBound': 'False' },
  Gateway: { Accepted: 'False', Programmed: 'False', ResolvedRefs: 'False' },
};

/**
 * SPW0025. A controller (istiod for `istio.io/WaypointBound`, the Gateway controller for `Accepted`,
 * `Programmed` and `ResolvedRefs`) reported the object as not working when the snapshot was taken.
 * Follows istioctl's `conditions.ConditionAnalyzer` (IST0171) on the kinds Spillway reads; a waypoint's
 * `Programmed` is left to SPW0016, which also counts its ready pods.
 */
export const negativeStatusCondition = {
  code: 'SPW0025',
  id: 'NEGATIVE_STATUS_CONDITION',
  severity: 'WARNING',
  title: 'An object reports a negative status condition (e.g. istio.io/WaypointBound=False)',
  equivalent: 'IST0171',
  upstream:
    'istioctl analyze conditions.ConditionAnalyzer (IST0171, pkg/config/analysis/analyzers/conditions)',
  scopes: ['mesh'],
  subject: 'statusConditions',
  run: ({ resource, conditions, waypoint }) =>
    conditions
      .filter(
        (c) =>
          NEGATIVE_CONDITIONS[resource.kind]?.[c.type] === c.status &&
          !(waypoint === true && c.type === 'Programmed'),
      )
      .map((c) => ({
        message: `${describeRef(resource)}${resource.cluster === undefined ? '' : ` (cluster ${resource.cluster})`} reports ${c.type}=${c.status}${c.reason === undefined ? '' : ` (${c.reason})`}${c.message === undefined ? '' : `: ${c.message}`}.`,
        resources: [resource],
      })),
} as const satisfies AnalysisCheck<'statusConditions'>;
