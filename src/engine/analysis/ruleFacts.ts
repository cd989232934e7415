/**
 * The facts of one DestinationRule for the mesh checks: the rule on its own, each place it writes a
 * locality setting, what its host matches, and what it does on the host's pool.
 */
import { policySites, ruleRef, runChecks, type RuleSummary } from '../diagnostics/index.js';
import { ENVOY_DEFAULT_MAX_EJECTION_PERCENT } from '../envoyDefaults.js';
import {
  failoverPriorityForMode,
  isWildcardHost,
  resolveShortnameToFqdn,
  resolveTrafficDistribution,
} from '../istio/index.js';
import type { Diagnostic } from '../model/answer.js';
import type {
  DestinationRuleModel,
  Profile,
  ResourceRef,
  ServiceModel,
  WorkloadModel,
} from '../model/meshModel.js';
import { EAST_WEST_GATEWAY_CLASS, selectWaypoint, type CompiledMesh } from '../resolver/index.js';
import { meshKey } from '../resolver/meshKeys.js';
import { asBackend, serviceRef } from './serviceFacts.js';
import { subsetDiagnostics } from './subsetFacts.js';

/** The Services a DR host names, as seen from the DR's cluster (global hosts: every cluster). */
function servicesForRuleHost(
  mesh: CompiledMesh,
  dr: DestinationRuleModel,
): { host: string; services: ServiceModel[]; serviceEntries: number } {
  const host = resolveShortnameToFqdn(dr.host, dr.namespace);
  if (!isWildcardHost(host)) {
    const global = mesh.globalHosts.get(host) ?? [];
    const local = (mesh.servicesByHost.get(host) ?? []).filter((s) => s.cluster === dr.cluster);
    return {
      host,
      services: [...global, ...local],
      serviceEntries: (mesh.serviceEntriesByHost.get(host) ?? []).length,
    };
  }
  const suffix = host === '*' ? '' : host.slice(1);
  const services: ServiceModel[] = [];
  let serviceEntries = 0;
  for (const known of mesh.knownHosts) {
    if (!known.endsWith(suffix)) continue;
    services.push(...(mesh.globalHosts.get(known) ?? []));
    services.push(...(mesh.servicesByHost.get(known) ?? []).filter((s) => s.cluster === dr.cluster));
    serviceEntries += (mesh.serviceEntriesByHost.get(known) ?? []).length;
  }
  return { host, services, serviceEntries };
}

/** Pods whose Envoy reads DestinationRules from their own namespace: sidecars, ingress gateways, waypoints. */
function consultsRules(mesh: CompiledMesh, w: WorkloadModel): boolean {
  if (w.gatewayName !== undefined) {
    const gw = mesh.gateways.get(meshKey(w.cluster, w.namespace, w.gatewayName));
    return gw?.gatewayClassName !== EAST_WEST_GATEWAY_CLASS;
  }
  return w.dataplaneMode === 'sidecar';
}

/** `cluster/namespace` keys of the namespaces where some proxy reads DestinationRules. */
export function consultingNamespaces(mesh: CompiledMesh): ReadonlySet<string> {
  const consulting = new Set<string>();
  for (const w of mesh.workloads.values())
    if (consultsRules(mesh, w)) consulting.add(meshKey(w.cluster, w.namespace));
  return consulting;
}

/**
 * Upstream, a service traffic distribution takes precedence over the mesh setting; under SOLO the DR
 * overrides it (seed 002). So outlier detection alone turns on the mesh's locality failover when the rule
 * sets no locality setting of its own and the mesh's is not disabled.
 */
function outlierEnablesMeshFailover(
  mesh: CompiledMesh,
  dr: DestinationRuleModel,
  services: readonly ServiceModel[],
  profile: Profile,
): boolean {
  const lb = dr.trafficPolicy?.loadBalancer;
  if (
    dr.trafficPolicy?.outlierDetection === undefined ||
    lb?.localityLbSetting !== undefined ||
    lb?.zoneAwareLbSetting !== undefined ||
    mesh.model.meshConfig.localityLbSetting?.enabled === false
  )
    return false;
  const drivenByMesh = services.some((s) => {
    const mode = resolveTrafficDistribution({ profile, service: s }).mode;
    return profile === 'SOLO' || failoverPriorityForMode(mode).length === 0;
  });
  return drivenByMesh || services.length === 0;
}

/** Services of the host that ambient clients reach through ztunnel only, when that is every one of them. */
function ztunnelOnlyServices(
  mesh: CompiledMesh,
  services: readonly ServiceModel[],
): ResourceRef[] | undefined {
  const unserved = services.filter((s) => {
    const ns = mesh.namespaces.get(meshKey(s.cluster, s.namespace));
    return (
      ns?.dataplaneMode === 'ambient' &&
      selectWaypoint(mesh, asBackend(s, [s]), s.cluster, 'AMBIENT').kind === 'NONE'
    );
  });
  return unserved.length > 0 && unserved.length === services.length ? unserved.map(serviceRef) : undefined;
}

/** Every mesh check about one DestinationRule. */
export function ruleDiagnostics(
  mesh: CompiledMesh,
  dr: DestinationRuleModel,
  profile: Profile,
  consulting: ReadonlySet<string>,
): Diagnostic[] {
  const out = runChecks('mesh', 'destinationRule', { rule: dr });
  const ref = ruleRef(dr);
  for (const site of policySites(dr)) {
    if (site.locality === undefined) continue;
    out.push(
      ...runChecks('mesh', 'localitySetting', {
        owner: `DestinationRule ${dr.namespace}/${dr.name}`,
        site: site.path,
        setting: site.locality,
        outlierDetection: site.outlier !== undefined,
        resources: [ref],
      }),
    );
  }
  const { host, services, serviceEntries } = servicesForRuleHost(mesh, dr);
  out.push(
    ...runChecks('mesh', 'ruleInMesh', {
      rule: dr,
      host,
      serviceCount: services.length,
      serviceNamespaces: [...new Set(services.map((s) => s.namespace))],
      serviceEntryCount: serviceEntries,
      rootNamespace: mesh.rootNamespace,
      namespaceConsulted: consulting.has(meshKey(dr.cluster, dr.namespace)),
    }),
  );
  if (services.length === 0 && serviceEntries === 0) return out;
  const rule: RuleSummary = { ref, namespace: dr.namespace, name: dr.name };
  out.push(...subsetDiagnostics(mesh, dr, rule, host, services));
  const od = dr.trafficPolicy?.outlierDetection;
  if (od !== undefined) {
    const hosts = services.reduce(
      (acc, s) =>
        acc + (mesh.endpointsByService.get(meshKey(s.cluster, 'Service', s.namespace, s.name)) ?? []).length,
      0,
    );
    out.push(
      ...runChecks('mesh', 'ejectionPool', {
        rule,
        host,
        hosts,
        // Istio writes max_ejection_percent only when > 0 (`applyOutlierDetection`), else Envoy's default.
        maxEjectionPercent:
          od.maxEjectionPercent !== undefined && od.maxEjectionPercent > 0
            ? od.maxEjectionPercent
            : ENVOY_DEFAULT_MAX_EJECTION_PERCENT,
      }),
    );
  }
  const ztunnelOnly = ztunnelOnlyServices(mesh, services);
  out.push(
    ...runChecks('mesh', 'ruleOnHost', {
      rule,
      host,
      outlierEnablesMeshFailover: outlierEnablesMeshFailover(mesh, dr, services, profile),
      ...(ztunnelOnly !== undefined ? { ztunnelOnly } : {}),
    }),
  );
  return out;
}
