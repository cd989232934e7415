/**
 * Findings about one DestinationRule on its own: what istiod's validation rejects or warns about, and
 * settings that pass validation but exclude each other (istio.md §8, §11.8).
 */
import { validateDestinationRule } from '../istio/index.js';
import type { Diagnostic } from '../model/answer.js';
import type {
  DestinationRuleModel,
  LocalityLbSetting,
  OutlierDetectionSpec,
  ResourceRef,
  TrafficPolicy,
} from '../model/meshModel.js';
import { diagnostic } from './diagnostic.js';

export function ruleRef(dr: DestinationRuleModel): ResourceRef {
  return { kind: 'DestinationRule', name: dr.name, namespace: dr.namespace, cluster: dr.cluster };
}

interface PolicySite {
  readonly path: string;
  readonly locality?: LocalityLbSetting;
  readonly outlier?: OutlierDetectionSpec;
}

/** Every place a rule can carry a localityLbSetting: top level, port level, subsets (and their ports). */
function policySites(dr: DestinationRuleModel): PolicySite[] {
  const sites: PolicySite[] = [];
  // A subset overrides block by block, so it inherits the top-level outlierDetection; a port-level entry
  // replaces every block and inherits nothing (`MergeSubsetTrafficPolicy`, istio.md §2.5).
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

/**
 * Validation errors (SPW0011), failover configured without outlier detection (SPW0001) and
 * distribute next to failoverPriority, where distribute silently wins (SPW0012).
 *
 * @example ruleDiagnostics(drWithWeightsSummingTo90) // → [{ code: 'SPW0011', … }]
 */
export function ruleDiagnostics(dr: DestinationRuleModel): Diagnostic[] {
  const ref = ruleRef(dr);
  const name = `DestinationRule ${dr.namespace}/${dr.name}`;
  const out: Diagnostic[] = [];
  const result = validateDestinationRule(dr);
  for (const e of result.errors)
    out.push(diagnostic('LOCALITY_LB_SETTING_INVALID', `${name}: ${e.path}: ${e.message}.`, [ref]));
  for (const site of policySites(dr)) {
    const l = site.locality;
    if (l === undefined || l.enabled === false) continue;
    const failover = (l.failover?.length ?? 0) > 0;
    const priority = (l.failoverPriority?.length ?? 0) > 0;
    const distribute = (l.distribute?.length ?? 0) > 0;
    if (distribute && priority) {
      out.push(
        diagnostic(
          'LOCALITY_LB_SETTINGS_EXCLUSIVE',
          `${name}: ${site.path} sets both distribute and failoverPriority; istiod accepts it but only distribute takes effect, so the failoverPriority order is never used.`,
          [ref],
        ),
      );
    }
    if (!distribute && (failover || priority) && site.outlier === undefined) {
      out.push(
        diagnostic(
          'FAILOVER_INACTIVE_NO_OUTLIER_DETECTION',
          `${name}: ${site.path} configures ${priority ? 'failoverPriority' : 'failover'} without outlierDetection, so Envoy keeps every endpoint at priority 0 and never fails over.`,
          [ref],
        ),
      );
    }
  }
  return out;
}
