/**
 * The facts an Envoy hop gives the registry's hop checks, and their findings, in reporting order: the
 * rule in force, its locality setting, what its outlier detection does, the hop itself, the destination's
 * endpoints and networks (`../diagnostics/checks/`).
 */
import { runChecks, type RuleSummary } from '../diagnostics/index.js';
import type { DestinationRuleProxyKind, TrafficDistributionResolution } from '../istio/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { ResourceRef } from '../model/meshModel.js';
import type { CompiledMesh } from './compiledMesh.js';
import { eastWestGatewayFor } from './eastWestGateway.js';
import type { EnvoyHopPolicy } from './envoyHopPolicy.js';
import type { HopDestination, HopSource } from './hopContext.js';
import { destinationTarget } from './hopContext.js';
import type { EnvoyEndpointPlacement } from './placeEnvoyEndpoints.js';

/** @example envoyHopDiagnostics(mesh, source, inAmbient, 'WAYPOINT', td, policyWithFailoverButNoOutlier, placed) // → [SPW0001] */
export function envoyHopDiagnostics(
  mesh: CompiledMesh,
  source: HopSource,
  destination: HopDestination,
  proxyKind: DestinationRuleProxyKind,
  td: TrafficDistributionResolution,
  policy: EnvoyHopPolicy,
  placed: EnvoyEndpointPlacement,
): Diagnostic[] {
  const { rule, ruleRef, setting, activation, outlierDetection, outlierSpec } = policy;
  const out: Diagnostic[] = [];
  const summary: RuleSummary | undefined =
    rule !== undefined && ruleRef !== undefined
      ? { ref: ruleRef, namespace: rule.rule.namespace, name: rule.rule.name }
      : undefined;
  if (rule !== undefined) out.push(...runChecks('hop', 'destinationRule', { rule: rule.rule }));
  if (
    setting.kind === 'LOCALITY' &&
    (setting.source === 'DESTINATION_RULE_LOCALITY' || setting.source === 'MESH_LOCALITY')
  ) {
    out.push(
      ...runChecks('hop', 'localitySetting', {
        owner:
          setting.source === 'MESH_LOCALITY'
            ? 'meshConfig.localityLbSetting'
            : `DestinationRule ${rule?.rule.namespace ?? ''}/${rule?.rule.name ?? ''}`,
        host: destination.ruleHost,
        setting: setting.setting,
        outlierDetection: outlierSpec !== undefined,
        resources: ruleRef !== undefined ? [ruleRef] : [],
      }),
    );
  }
  if (summary !== undefined) {
    out.push(
      ...runChecks('hop', 'ruleOnHost', {
        rule: summary,
        host: destination.ruleHost,
        outlierEnablesMeshFailover:
          setting.kind === 'LOCALITY' && activation.active && setting.source === 'MESH_LOCALITY',
      }),
    );
  }
  out.push(
    ...runChecks('hop', 'hop', {
      host: destination.host,
      ruleHost: destination.ruleHost,
      balancer: 'ENVOY',
      envoy: {
        proxyKind,
        setting,
        ...(ruleRef !== undefined ? { rule: ruleRef } : {}),
        trafficDistribution: {
          mode: td.mode,
          source: td.source,
          ...(td.resource !== undefined ? { resource: td.resource } : {}),
        },
      },
    }),
  );
  if (summary !== undefined && outlierDetection !== undefined) {
    let hosts = 0;
    for (const e of placed.endpoints) if (e.health !== 'EXCLUDED') hosts += 1;
    out.push(
      ...runChecks('hop', 'ejectionPool', {
        rule: summary,
        host: destination.ruleHost,
        hosts,
        maxEjectionPercent: outlierDetection.maxEjectionPercent,
      }),
    );
  }
  const target: ResourceRef | undefined = destinationTarget(destination);
  const nodeLocal = destination.primary?.internalTrafficPolicy === 'Local';
  out.push(
    ...runChecks('hop', 'destination', {
      host: destination.host,
      ...(target !== undefined ? { target } : {}),
      cluster: source.cluster,
      internalTrafficPolicyLocal: nodeLocal,
      readyEndpoints: destination.endpoints.filter((e) => e.ready).length,
      // Off-node endpoints are EXCLUDED from EDS under internalTrafficPolicy Local.
      ...(nodeLocal ? { readyOnNode: placed.endpoints.filter((e) => e.health === 'HEALTHY').length } : {}),
      viewer: {
        ...(source.name !== undefined ? { name: source.name } : {}),
        ...(source.node !== undefined ? { node: source.node } : {}),
      },
    }),
  );
  const networksWithoutGateway = [
    ...new Set(placed.crossNetworkNetworks.filter((n) => eastWestGatewayFor(mesh, n) === undefined)),
  ];
  out.push(
    ...runChecks('hop', 'crossNetwork', {
      host: destination.host,
      ...(target !== undefined ? { target } : {}),
      networksWithoutGateway,
      proxyKind,
    }),
  );
  return out;
}
