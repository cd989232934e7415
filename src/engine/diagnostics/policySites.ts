/**
 * Every place a DestinationRule can carry a locality setting: top level, port level, subsets (and their
 * ports), each with the outlier detection that applies there.
 */
import type {
  DestinationRuleModel,
  LocalityLbSetting,
  OutlierDetectionSpec,
  TrafficPolicy,
} from '../model/meshModel.js';

export interface PolicySite {
  /** Where in the rule, e.g. `trafficPolicy.portLevelSettings[0]`. */
  readonly path: string;
  readonly locality?: LocalityLbSetting;
  readonly outlier?: OutlierDetectionSpec;
}

/**
 * A subset overrides block by block, so it inherits the top-level outlierDetection; a port-level entry
 * replaces every block and inherits nothing (`MergeSubsetTrafficPolicy`, istio.md §2.5).
 *
 * @example policySites(drWithOnePortLevelSetting).map((s) => s.path) // → ['trafficPolicy', 'trafficPolicy.portLevelSettings[0]']
 */
export function policySites(dr: DestinationRuleModel): PolicySite[] {
  const sites: PolicySite[] = [];
  const add = (path: string, p: TrafficPolicy | undefined, inherited?: OutlierDetectionSpec): void => {
    if (p === undefined) return;
    const outlier = p.outlierDetection ?? inherited;
    sites.push({
      path,
      ...(p.loadBalancer?.localityLbSetting !== undefined
        ? { locality: p.loadBalancer.localityLbSetting }
        : {}),
      ...(outlier !== undefined ? { outlier } : {}),
    });
    (p.portLevelSettings ?? []).forEach((pl, i) => {
      sites.push({
        path: `${path}.portLevelSettings[${i}]`,
        ...(pl.loadBalancer?.localityLbSetting !== undefined
          ? { locality: pl.loadBalancer.localityLbSetting }
          : {}),
        ...(pl.outlierDetection !== undefined ? { outlier: pl.outlierDetection } : {}),
      });
    });
  };
  add('trafficPolicy', dr.trafficPolicy);
  dr.subsets.forEach((s, i) =>
    add(`subsets[${i}].trafficPolicy`, s.trafficPolicy, dr.trafficPolicy?.outlierDetection),
  );
  return sites;
}
