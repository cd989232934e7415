/**
 * What istiod's validation rejects or warns about for locality, zone-aware, load-balancer and
 * outlier settings: `pkg/config/validation/agent/validation.go` `ValidateLocalityLbSetting` /
 * `ValidateZoneAwareLbSetting` and `pkg/config/validation/validation.go` `validateLoadBalancer`,
 * `validateOutlierDetection`, `validateTrafficPolicy`, `validateExportTo` (istio.md §8).
 */
import type {
  DestinationRuleModel,
  LoadBalancerSettings,
  LocalityLbSetting,
  OutlierDetectionSpec,
  TrafficPolicy,
  ZoneAwareLbSetting,
} from '../model/meshModel.js';
import { LOCALITY_LABEL_KEYS } from './topologyLabels.js';

export interface ValidationIssue {
  /** Where, e.g. `trafficPolicy.loadBalancer.localityLbSetting.distribute[0]`. */
  readonly path: string;
  readonly message: string;
}

export interface ValidationResult {
  readonly errors: readonly ValidationIssue[];
  readonly warnings: readonly ValidationIssue[];
}

const MAX_WEIGHT = 100;
const MIN_WEIGHT = 1;
const REQUIRED_WEIGHT_SUM = 100;
const MAX_PERCENT = 100;
const MIN_DURATION_MS = 1;

class Collector {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];
  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }
  merge(r: ValidationResult): void {
    this.errors.push(...r.errors);
    this.warnings.push(...r.warnings);
  }
  result(): ValidationResult {
    return { errors: this.errors, warnings: this.warnings };
  }
}

function priorityUsesLocalityLabel(failoverPriority: readonly string[]): string | undefined {
  return failoverPriority.find((e) => LOCALITY_LABEL_KEYS.includes(e.split('=')[0] ?? ''));
}

/**
 * Locality strings in one list: at most one `*`, only at the end; no empty segment; no two entries
 * that cover each other (`validateLocalities`).
 */
function validateLocalities(c: Collector, path: string, localities: readonly string[]): void {
  const seen: string[][] = [];
  for (const loc of localities) {
    const stars = loc.split('*').length - 1;
    if (stars > 1 || (stars === 1 && !loc.endsWith('*'))) {
      c.error(path, `locality ${loc}: at most one '*', and only at the end`);
      continue;
    }
    const parts = loc.split('/');
    if (parts.some((p) => p === '')) {
      c.error(path, `locality ${loc}: empty segment`);
      continue;
    }
    const covers = (a: string[], b: string[]): boolean => {
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        if (x === '*') return true;
        if (x !== b[i]) return false;
      }
      return true;
    };
    if (seen.some((s) => covers(s, parts) || covers(parts, s))) {
      c.error(path, `locality ${loc} overlaps an earlier entry`);
      continue;
    }
    seen.push(parts);
  }
}

function validateFailoverRules(
  c: Collector,
  path: string,
  rules: readonly { readonly from: string; readonly to: string }[],
): void {
  rules.forEach((r, i) => {
    const p = `${path}.failover[${i}]`;
    if (r.from === r.to) c.error(p, `failover from ${r.from} to itself`);
    if (r.from.includes('/') || r.to.includes('/'))
      c.error(p, 'failover from/to are regions: no "/" allowed');
    if (r.from.includes('*') || r.to.includes('*')) c.error(p, 'failover from/to cannot use "*"');
  });
}

/**
 * `ValidateLocalityLbSetting(lb, outlier)`. The mesh passes a non-nil outlier (never warns); a DR passes
 * its policy's outlierDetection. distribute + failoverPriority is not rejected (distribute wins).
 *
 * @example validateLocalityLbSetting({ failover: [{ from: 'us-east', to: 'eu-west' }] }, undefined).warnings.length // → 1
 */
export function validateLocalityLbSetting(
  lb: LocalityLbSetting | undefined,
  outlierDetection: OutlierDetectionSpec | undefined,
  path = 'localityLbSetting',
): ValidationResult {
  const c = new Collector();
  if (lb === undefined) return c.result();
  const distribute = lb.distribute ?? [];
  const failover = lb.failover ?? [];
  const fp = lb.failoverPriority ?? [];
  if (distribute.length > 0 && failover.length > 0)
    c.error(path, 'distribute and failover cannot both be set');
  const localityKey = priorityUsesLocalityLabel(fp);
  if (failover.length > 0 && localityKey !== undefined) {
    c.error(path, `failover cannot be combined with failoverPriority on ${localityKey} (a locality label)`);
  }
  if (outlierDetection === undefined && (failover.length > 0 || fp.length > 0)) {
    c.warn(
      path,
      'failover/failoverPriority without outlierDetection has no effect (unless traffic distribution forces it)',
    );
  }
  const sources: string[] = [];
  distribute.forEach((d, i) => {
    const p = `${path}.distribute[${i}]`;
    sources.push(d.from);
    let sum = 0;
    for (const [to, weight] of Object.entries(d.to)) {
      if (weight < MIN_WEIGHT || weight > MAX_WEIGHT)
        c.error(p, `weight ${weight} for ${to} must be within 1..100`);
      sum += weight;
    }
    if (sum !== REQUIRED_WEIGHT_SUM) c.error(p, `weights from ${d.from} sum to ${sum}, not 100`);
    validateLocalities(c, p, Object.keys(d.to));
  });
  validateLocalities(c, `${path}.distribute`, sources);
  validateFailoverRules(c, path, failover);
  return c.result();
}

/** `ValidateZoneAwareLbSetting`: no locality labels in failoverPriority at all; same warning and failover checks. */
export function validateZoneAwareLbSetting(
  za: ZoneAwareLbSetting | undefined,
  outlierDetection: OutlierDetectionSpec | undefined,
  path = 'zoneAwareLbSetting',
): ValidationResult {
  const c = new Collector();
  if (za === undefined) return c.result();
  const fp = za.failoverPriority ?? [];
  const failover = za.failover ?? [];
  const localityKey = priorityUsesLocalityLabel(fp);
  if (localityKey !== undefined)
    c.error(path, `failoverPriority cannot use ${localityKey} with zone-aware load balancing`);
  if (outlierDetection === undefined && (failover.length > 0 || fp.length > 0)) {
    c.warn(path, 'failover/failoverPriority without outlierDetection has no effect');
  }
  validateFailoverRules(c, path, failover);
  return c.result();
}

/** `validateLoadBalancer`: a policy may not set both localityLbSetting and zoneAwareLbSetting. */
export function validateLoadBalancer(
  lb: LoadBalancerSettings | undefined,
  outlierDetection: OutlierDetectionSpec | undefined,
  path = 'loadBalancer',
): ValidationResult {
  const c = new Collector();
  if (lb === undefined) return c.result();
  if (lb.localityLbSetting !== undefined && lb.zoneAwareLbSetting !== undefined) {
    c.error(path, 'localityLbSetting and zoneAwareLbSetting cannot both be set');
  }
  c.merge(validateLocalityLbSetting(lb.localityLbSetting, outlierDetection, `${path}.localityLbSetting`));
  c.merge(validateZoneAwareLbSetting(lb.zoneAwareLbSetting, outlierDetection, `${path}.zoneAwareLbSetting`));
  return c.result();
}

/** `validateOutlierDetection`: whole-millisecond durations ≥ 1 ms, percents 0..100, local-origin needs split. */
export function validateOutlierDetection(
  od: OutlierDetectionSpec | undefined,
  path = 'outlierDetection',
): ValidationResult {
  const c = new Collector();
  if (od === undefined) return c.result();
  const durations: [string, number | undefined][] = [
    ['interval', od.intervalMs],
    ['baseEjectionTime', od.baseEjectionTimeMs],
  ];
  for (const [name, ms] of durations) {
    if (ms !== undefined && (ms < MIN_DURATION_MS || !Number.isInteger(ms))) {
      c.error(`${path}.${name}`, 'must be at least 1ms and a whole number of milliseconds');
    }
  }
  const percents: [string, number | undefined][] = [
    ['maxEjectionPercent', od.maxEjectionPercent],
    ['minHealthPercent', od.minHealthPercent],
  ];
  for (const [name, v] of percents) {
    if (v !== undefined && (v < 0 || v > MAX_PERCENT)) c.error(`${path}.${name}`, 'must be within 0..100');
  }
  if ((od.consecutiveLocalOriginFailures ?? 0) > 0 && od.splitExternalLocalOriginErrors !== true) {
    c.error(`${path}.consecutiveLocalOriginFailures`, 'requires splitExternalLocalOriginErrors: true');
  }
  if (od.consecutiveErrors !== undefined)
    c.warn(`${path}.consecutiveErrors`, 'deprecated and ignored; use consecutive5xxErrors');
  return c.result();
}

function policyHasField(p: object, keys: readonly string[]): boolean {
  return keys.some((k) => (p as Readonly<Record<string, unknown>>)[k] !== undefined);
}

/** `validateTrafficPolicy`: at least one field; port-level entries need a port and a field. */
export function validateTrafficPolicy(
  policy: TrafficPolicy | undefined,
  path = 'trafficPolicy',
): ValidationResult {
  const c = new Collector();
  if (policy === undefined) return c.result();
  if (
    !policyHasField(policy, [
      'loadBalancer',
      'outlierDetection',
      'connectionPool',
      'tls',
      'portLevelSettings',
    ])
  ) {
    c.error(path, 'a traffic policy must set at least one field');
  }
  c.merge(validateOutlierDetection(policy.outlierDetection, `${path}.outlierDetection`));
  c.merge(validateLoadBalancer(policy.loadBalancer, policy.outlierDetection, `${path}.loadBalancer`));
  (policy.portLevelSettings ?? []).forEach((pl, i) => {
    const p = `${path}.portLevelSettings[${i}]`;
    if (pl.port?.number === undefined) c.error(p, 'a port-level policy needs a port');
    if (!policyHasField(pl, ['loadBalancer', 'outlierDetection', 'connectionPool', 'tls']))
      c.error(p, 'a port-level policy must set at least one field');
    c.merge(validateOutlierDetection(pl.outlierDetection, `${p}.outlierDetection`));
    c.merge(validateLoadBalancer(pl.loadBalancer, pl.outlierDetection, `${p}.loadBalancer`));
  });
  return c.result();
}

/** Every check for one DestinationRule, subsets and exportTo included. */
export function validateDestinationRule(
  dr: Pick<DestinationRuleModel, 'namespace' | 'exportTo' | 'workloadSelector' | 'trafficPolicy' | 'subsets'>,
): ValidationResult {
  const c = new Collector();
  c.merge(validateTrafficPolicy(dr.trafficPolicy, 'spec.trafficPolicy'));
  dr.subsets.forEach((s, i) =>
    c.merge(validateTrafficPolicy(s.trafficPolicy, `spec.subsets[${i}].trafficPolicy`)),
  );
  if (dr.exportTo.includes('~')) c.error('spec.exportTo', "'~' is not allowed for DestinationRules");
  if (dr.workloadSelector !== undefined && dr.exportTo.some((e) => e !== '.' && e !== dr.namespace)) {
    c.error(
      'spec.exportTo',
      'a DestinationRule with a workloadSelector may only be exported to its own namespace',
    );
  }
  return c.result();
}
