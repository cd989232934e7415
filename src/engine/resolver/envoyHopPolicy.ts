/**
 * The policy an Envoy proxy applies on one hop: the DestinationRule it picks (`SidecarScope.
 * DestinationRule`), that rule's policy for the port (`GetPortLevelTrafficPolicy`), the effective locality
 * setting (`GetEffectiveLbSetting`) and whether it acts, outlier detection with Envoy's defaults, the
 * panic threshold and the LB algorithm (istio.md §2–§3, §6; seeds 000/003).
 */
import {
  effectiveLbSetting,
  effectiveTrafficPolicy,
  failoverActivation,
  fillOutlierDetection,
  loadBalancerPolicy,
  panicThreshold,
  selectDestinationRule,
  type ConsolidatedDestinationRule,
  type DestinationRuleProxyKind,
  type EffectiveLbSetting,
  type EnvoyLbPolicy,
  type FailoverActivation,
  type PanicThreshold,
  type TrafficDistributionMode,
  type TrafficPolicyResolution,
} from '../istio/index.js';
import type { OutlierDetection } from '../model/answer.js';
import type { Labels, Profile, ResourceRef } from '../model/meshModel.js';
import type { CompiledMesh } from './compiledMesh.js';
import type { HopDestination, HopSource } from './hopContext.js';
import { sourceLabels } from './hopContext.js';

export interface EnvoyHopPolicy {
  /** The DestinationRule in force, consolidated across merged rules. */
  readonly rule?: ConsolidatedDestinationRule;
  readonly ruleRef?: ResourceRef;
  /** The rule's policy for the request's port. */
  readonly policy: TrafficPolicyResolution;
  readonly outlierSpec: TrafficPolicyResolution['policy']['outlierDetection'];
  /** Outlier detection as Envoy runs it, every default filled in. */
  readonly outlierDetection?: OutlierDetection;
  readonly setting: EffectiveLbSetting;
  readonly activation: FailoverActivation;
  readonly panic: PanicThreshold;
  readonly loadBalancer: EnvoyLbPolicy;
  /** The proxy's labels as priority assignment compares them (topology labels added). */
  readonly proxyLabels: Labels;
  /** How the rule was found and what the policy means, for the hop's notes. */
  readonly notes: readonly string[];
}

/** The reference of a consolidated rule. */
export function drRef(rule: ConsolidatedDestinationRule): ResourceRef {
  return {
    kind: 'DestinationRule',
    name: rule.rule.name,
    namespace: rule.rule.namespace,
    cluster: rule.rule.cluster,
  };
}

/** Dotted names of the DR fields in force on this cluster, e.g. `loadBalancer.simple`, `outlierDetection`. */
export function fieldsApplied(policy: TrafficPolicyResolution): string[] {
  const out: string[] = [];
  for (const block of policy.fieldsApplied) {
    if (block === 'loadBalancer') {
      const lb = policy.policy.loadBalancer ?? {};
      const keys = Object.keys(lb).filter((k) => (lb as Readonly<Record<string, unknown>>)[k] !== undefined);
      out.push(...(keys.length === 0 ? ['loadBalancer'] : keys.map((k) => `loadBalancer.${k}`)));
    } else {
      out.push(block);
    }
    const level = policy.levels[block];
    if (level !== 'TOP_LEVEL' && level !== 'UNSET')
      out[out.length - 1] = `${out[out.length - 1] ?? block} (${level.toLowerCase().replace(/_/g, '-')})`;
  }
  return out;
}

/**
 * @example envoyHopPolicy(mesh, waypointSource, inAmbient, 'SOLO', 'WAYPOINT', 'Any')
 *   // with in-ambient-failover: loadBalancer ROUND_ROBIN, outlier 3×5xx/10 s/30 s/50 %
 */
export function envoyHopPolicy(
  mesh: CompiledMesh,
  source: HopSource,
  destination: HopDestination,
  profile: Profile,
  proxyKind: DestinationRuleProxyKind,
  mode: TrafficDistributionMode,
): EnvoyHopPolicy {
  const notes: string[] = [];
  const proxyLabels = sourceLabels(source);
  const index = mesh.destinationRuleIndexByCluster.get(source.cluster);
  const selection =
    index === undefined
      ? undefined
      : selectDestinationRule(index, {
          proxyNamespace: source.namespace,
          serviceNamespace: destination.ruleNamespace,
          hostname: destination.ruleHost,
          proxyKind,
          proxyLabels,
        });
  const rule = selection?.rule;
  if (selection !== undefined)
    notes.push(
      `DestinationRule lookup for ${destination.ruleHost} from ${source.namespace}: ${[...selection.lookup.trace, ...selection.trace].join('; ')}`,
    );
  if (rule !== undefined && rule.from.length > 1)
    notes.push(`Merged rules: ${rule.from.map((r) => `${r.namespace ?? ''}/${r.name}`).join(', ')}.`);

  const policy = effectiveTrafficPolicy(rule?.rule, destination.port);
  const outlierSpec = policy.policy.outlierDetection;
  const meshConfig = mesh.model.meshConfig;
  const setting = effectiveLbSetting({
    profile,
    mode,
    destinationRulePresent: rule !== undefined,
    ...(policy.policy.loadBalancer !== undefined ? { drLoadBalancer: policy.policy.loadBalancer } : {}),
    mesh: {
      ...(meshConfig.localityLbSetting !== undefined
        ? { localityLbSetting: meshConfig.localityLbSetting }
        : {}),
      ...(meshConfig.zoneAwareLbSetting !== undefined
        ? { zoneAwareLbSetting: meshConfig.zoneAwareLbSetting }
        : {}),
    },
  });
  const activation = failoverActivation(setting, {
    hasOutlierDetection: outlierSpec !== undefined,
    proxyKind,
  });
  const ruleRef = rule !== undefined ? drRef(rule) : undefined;
  const outlierDetection = outlierSpec !== undefined ? fillOutlierDetection(outlierSpec, ruleRef) : undefined;
  const panic = panicThreshold({
    profile,
    mode,
    proxyKind,
    ...(outlierSpec !== undefined ? { outlierDetection: outlierSpec } : {}),
  });
  const lbPolicy = loadBalancerPolicy(policy.policy.loadBalancer);
  return {
    ...(rule !== undefined ? { rule } : {}),
    ...(ruleRef !== undefined ? { ruleRef } : {}),
    policy,
    outlierSpec,
    ...(outlierDetection !== undefined ? { outlierDetection } : {}),
    setting,
    activation,
    panic,
    loadBalancer: lbPolicy.policy,
    proxyLabels,
    notes: [
      ...notes,
      `panic threshold ${panic.percent}%: ${panic.reason}`,
      `load balancer ${lbPolicy.policy}: ${lbPolicy.reason}${policy.policy.loadBalancer?.simple === undefined && policy.policy.loadBalancer?.consistentHash === undefined ? ' (with equal load LEAST_REQUEST behaves like round robin)' : ''}.`,
    ],
  };
}
