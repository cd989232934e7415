/**
 * Snapshot-wide analysis: every check that does not need a particular client, run over every
 * DestinationRule, Service and waypoint (the `analyze` query). Path-specific findings (client outside
 * the mesh, ingress bypassing a waypoint, no endpoint on the client's node…) come from `resolvePath`.
 */
import {
  failoverPriorityForMode,
  isWildcardHost,
  resolveShortnameToFqdn,
  resolveTrafficDistribution,
} from '../istio/index.js';
import { ENVOY_DEFAULT_MAX_EJECTION_PERCENT } from '../envoyDefaults.js';
import type { Diagnostic } from '../model/answer.js';
import type {
  DestinationRuleModel,
  Profile,
  ResourceRef,
  ServiceModel,
  WorkloadModel,
} from '../model/meshModel.js';
import type { CompiledMesh } from '../resolver/compiledMesh.js';
import { EAST_WEST_GATEWAY_CLASS } from '../resolver/compileMesh.js';
import { meshKey } from '../resolver/meshKeys.js';
import type { ResolvedBackend } from '../resolver/resolveBackend.js';
import { selectWaypoint } from '../resolver/selectWaypoint.js';
import { DIAGNOSTICS } from './catalogue.js';
import { dedupeDiagnostics, diagnostic } from './diagnostic.js';
import { ruleDiagnostics, ruleRef } from './ruleDiagnostics.js';

/** Envoy (≥1.28) ejects only while 100 × (ejected + 1) ≤ maxEjectionPercent × hosts (envoy.md §7.4). */
const PERCENT = 100;

function serviceRef(s: ServiceModel): ResourceRef {
  return { kind: 'Service', name: s.name, namespace: s.namespace, cluster: s.cluster };
}

function asBackend(svc: ServiceModel, services: readonly ServiceModel[]): ResolvedBackend {
  return {
    host: svc.global?.hostname ?? svc.hostname,
    kind: svc.global !== undefined ? 'GLOBAL_SERVICE' : 'SERVICE',
    namespace: svc.namespace,
    name: svc.name,
    primary: svc,
    services,
    notes: [],
  };
}

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

function analyzeRule(
  mesh: CompiledMesh,
  dr: DestinationRuleModel,
  profile: Profile,
  consulting: ReadonlySet<string>,
): Diagnostic[] {
  const out = ruleDiagnostics(dr);
  const ref = ruleRef(dr);
  const { host, services, serviceEntries } = servicesForRuleHost(mesh, dr);
  if (services.length === 0 && serviceEntries === 0) {
    out.push(
      diagnostic(
        'DESTINATION_RULE_HOST_MATCHES_NOTHING',
        `DestinationRule ${dr.namespace}/${dr.name}: host ${host} matches no Service, ServiceEntry or global host in the snapshot.`,
        [ref],
      ),
    );
    return out;
  }
  const serviceNamespaces = new Set(services.map((s) => s.namespace));
  if (
    dr.namespace !== mesh.rootNamespace &&
    services.length > 0 &&
    !serviceNamespaces.has(dr.namespace) &&
    !consulting.has(meshKey(dr.cluster, dr.namespace))
  ) {
    out.push(
      diagnostic(
        'DESTINATION_RULE_NAMESPACE_NOT_CONSULTED',
        `DestinationRule ${dr.namespace}/${dr.name} is for ${host} (namespace ${[...serviceNamespaces].join(', ')}), but only proxies in ${dr.namespace} would read it there and ${dr.namespace} has no sidecar, gateway or waypoint: move it to the service's namespace.`,
        [ref],
      ),
    );
  }
  const od = dr.trafficPolicy?.outlierDetection;
  const lb = dr.trafficPolicy?.loadBalancer;
  const pool = services.reduce(
    (acc, s) =>
      acc + (mesh.endpointsByService.get(meshKey(s.cluster, 'Service', s.namespace, s.name)) ?? []).length,
    0,
  );
  if (od !== undefined && pool > 0) {
    const mep =
      od.maxEjectionPercent !== undefined && od.maxEjectionPercent > 0
        ? od.maxEjectionPercent
        : ENVOY_DEFAULT_MAX_EJECTION_PERCENT;
    if (mep * pool < PERCENT) {
      out.push(
        diagnostic(
          'MAX_EJECTION_PERCENT_NEVER_EJECTS',
          `DestinationRule ${dr.namespace}/${dr.name}: maxEjectionPercent ${mep}% of the ${pool} endpoint(s) of ${host} is less than one host, so Envoy never ejects any.`,
          [ref],
        ),
      );
    }
  }
  if (
    od !== undefined &&
    lb?.localityLbSetting === undefined &&
    lb?.zoneAwareLbSetting === undefined &&
    mesh.model.meshConfig.localityLbSetting?.enabled !== false
  ) {
    // Upstream, a service traffic distribution takes precedence over the mesh setting; under SOLO the DR overrides it (seed 002).
    const drivenByMesh = services.some((s) => {
      const mode = resolveTrafficDistribution({ profile, service: s }).mode;
      return profile === 'SOLO' || failoverPriorityForMode(mode).length === 0;
    });
    if (drivenByMesh || services.length === 0) {
      out.push(
        diagnostic(
          'OUTLIER_DETECTION_ENABLES_LOCALITY_FAILOVER',
          `DestinationRule ${dr.namespace}/${dr.name} sets outlierDetection without a localityLbSetting: with the mesh default (enabled) this alone turns on locality failover for ${host} (same subzone, then zone, region, elsewhere).`,
          [ref],
        ),
      );
    }
  }
  const unserved = services.filter((s) => {
    const ns = mesh.namespaces.get(meshKey(s.cluster, s.namespace));
    return (
      ns?.dataplaneMode === 'ambient' &&
      selectWaypoint(mesh, asBackend(s, [s]), s.cluster, 'AMBIENT').kind === 'NONE'
    );
  });
  if (unserved.length > 0 && unserved.length === services.length) {
    out.push(
      diagnostic(
        'DESTINATION_RULE_IGNORED_ON_ZTUNNEL_HOP',
        `DestinationRule ${dr.namespace}/${dr.name} targets ${host}, which no waypoint serves: ambient clients reach it through ztunnel only, which applies none of the rule's fields (only sidecars and gateways do).`,
        [ref, ...unserved.map(serviceRef)],
      ),
    );
  }
  return out;
}

function analyzeService(mesh: CompiledMesh, svc: ServiceModel, profile: Profile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ref = serviceRef(svc);
  const namespace = mesh.namespaces.get(meshKey(svc.cluster, svc.namespace));
  const td = resolveTrafficDistribution({
    profile,
    service: svc,
    ...(namespace !== undefined ? { namespace } : {}),
  });
  for (const w of td.warnings) {
    const resources = w.resource !== undefined ? [w.resource] : [ref];
    out.push(
      w.kind === 'UNKNOWN_VALUE'
        ? diagnostic(
            'UNKNOWN_TRAFFIC_DISTRIBUTION',
            `${w.field ?? 'traffic distribution'}: ${w.message}.`,
            resources,
          )
        : diagnostic(
            'TRAFFIC_DISTRIBUTION_UNSUPPORTED_IN_PROFILE',
            `${w.message} (profile ${profile}).`,
            resources,
          ),
    );
  }
  if (svc.internalTrafficPolicy === 'Local') {
    out.push(
      diagnostic(
        'INTERNAL_TRAFFIC_POLICY_LOCAL_NO_FAILOVER',
        `${svc.hostname} has internalTrafficPolicy: Local: every client only uses endpoints on its own node, with no failover; traffic distribution is ignored by ztunnel.`,
        [ref],
      ),
    );
  }
  const endpoints =
    mesh.endpointsByService.get(meshKey(svc.cluster, 'Service', svc.namespace, svc.name)) ?? [];
  if (
    svc.selector !== undefined &&
    Object.keys(svc.selector).length > 0 &&
    !endpoints.some((e) => e.ready && !e.terminating)
  ) {
    out.push(
      diagnostic('BACKEND_NO_READY_ENDPOINTS', `${svc.hostname} has no ready endpoint in ${svc.cluster}.`, [
        ref,
      ]),
    );
  }
  if (namespace?.dataplaneMode !== 'none' || svc.useWaypoint !== undefined) {
    const backend = asBackend(
      svc,
      svc.global !== undefined ? (mesh.globalHosts.get(svc.global.hostname) ?? [svc]) : [svc],
    );
    // Unready waypoints are reported once per waypoint below, not once per service that uses them.
    out.push(
      ...selectWaypoint(mesh, backend, svc.cluster, 'AMBIENT').diagnostics.filter(
        (d) => d.code !== DIAGNOSTICS.WAYPOINT_UNREADY.code,
      ),
    );
  }
  if (svc.global !== undefined) {
    const networks = new Set(
      (mesh.globalHosts.get(svc.global.hostname) ?? []).map(
        (s) => mesh.clusters.get(s.cluster)?.network ?? '',
      ),
    );
    const own = mesh.clusters.get(svc.cluster)?.network ?? '';
    for (const n of networks) {
      if (n === '' || n === own || (mesh.eastWestGatewaysByNetwork.get(n)?.length ?? 0) > 0) continue;
      out.push(
        diagnostic(
          'NO_EAST_WEST_GATEWAY',
          `Global service ${svc.global.hostname} has endpoints on network ${n}, but the snapshot has no east-west gateway for it: clients in ${svc.cluster} reach them only if one exists.`,
          [ref],
        ),
      );
    }
  }
  return out;
}

/**
 * Run every snapshot-wide check under `profile` (default: the snapshot's).
 *
 * @example analyzeMesh(compileMesh(model)) // → [{ code: 'SPW0008', … }, …]
 */
export function analyzeMesh(mesh: CompiledMesh, profile: Profile = mesh.profile): Diagnostic[] {
  const consulting = new Set<string>();
  for (const w of mesh.workloads.values())
    if (consultsRules(mesh, w)) consulting.add(meshKey(w.cluster, w.namespace));
  const out: Diagnostic[] = [];
  for (const cluster of mesh.model.clusters) {
    for (const dr of cluster.destinationRules) out.push(...analyzeRule(mesh, dr, profile, consulting));
    for (const svc of cluster.services) out.push(...analyzeService(mesh, svc, profile));
    for (const wp of cluster.waypoints) {
      const ready = wp.podNames.some((p) => {
        const pod = mesh.workloads.get(meshKey(cluster.name, wp.namespace, p));
        return pod !== undefined && pod.ready && !pod.terminating;
      });
      if (!ready || wp.programmed === false) {
        out.push(
          diagnostic(
            'WAYPOINT_UNREADY',
            `Waypoint ${wp.namespace}/${wp.name} in ${cluster.name} has no ready pod${wp.programmed === false ? ' and is not Programmed' : ''}: traffic through it fails.`,
            [{ kind: 'Gateway', name: wp.name, namespace: wp.namespace, cluster: cluster.name }],
          ),
        );
      }
    }
  }
  return dedupeDiagnostics(out);
}
