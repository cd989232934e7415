/**
 * The facts of one Service for the mesh checks: its traffic distribution, its endpoints as every client
 * of its cluster sees them, its waypoint and, for a global service, the networks it spans.
 */
import { runChecks } from '../diagnostics/index.js';
import { resolveTrafficDistribution } from '../istio/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { Profile, ResourceRef, ServiceModel } from '../model/meshModel.js';
import {
  selectWaypoint,
  waypointDiagnostics,
  type CompiledMesh,
  type ResolvedBackend,
} from '../resolver/index.js';
import { meshKey } from '../resolver/meshKeys.js';

export function serviceRef(s: ServiceModel): ResourceRef {
  return { kind: 'Service', name: s.name, namespace: s.namespace, cluster: s.cluster };
}

/** A Service as a backend any client of its cluster could ask for. */
export function asBackend(svc: ServiceModel, services: readonly ServiceModel[]): ResolvedBackend {
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

/** Every mesh check about one Service. */
export function serviceDiagnostics(mesh: CompiledMesh, svc: ServiceModel, profile: Profile): Diagnostic[] {
  const ref = serviceRef(svc);
  const namespace = mesh.namespaces.get(meshKey(svc.cluster, svc.namespace));
  const td = resolveTrafficDistribution({
    profile,
    service: svc,
    ...(namespace !== undefined ? { namespace } : {}),
  });
  const out = runChecks('mesh', 'trafficDistribution', { profile, warnings: td.warnings, subject: ref });
  const endpoints =
    mesh.endpointsByService.get(meshKey(svc.cluster, 'Service', svc.namespace, svc.name)) ?? [];
  const selects = svc.selector !== undefined && Object.keys(svc.selector).length > 0;
  out.push(
    ...runChecks('mesh', 'destination', {
      host: svc.hostname,
      target: ref,
      cluster: svc.cluster,
      internalTrafficPolicyLocal: svc.internalTrafficPolicy === 'Local',
      // A Service without a selector has hand-made endpoints (or none on purpose): readiness says nothing.
      ...(selects ? { readyEndpoints: endpoints.filter((e) => e.ready && !e.terminating).length } : {}),
    }),
  );
  if (namespace?.dataplaneMode !== 'none' || svc.useWaypoint !== undefined) {
    const backend = asBackend(
      svc,
      svc.global !== undefined ? (mesh.globalHosts.get(svc.global.hostname) ?? [svc]) : [svc],
    );
    // Unready waypoints are reported once per waypoint, not once per service that uses them.
    out.push(
      ...waypointDiagnostics('mesh', selectWaypoint(mesh, backend, svc.cluster, 'AMBIENT'), {
        waypoint: false,
      }),
    );
  }
  if (svc.global !== undefined) {
    const networks = new Set(
      (mesh.globalHosts.get(svc.global.hostname) ?? []).map(
        (s) => mesh.clusters.get(s.cluster)?.network ?? '',
      ),
    );
    const own = mesh.clusters.get(svc.cluster)?.network ?? '';
    const networksWithoutGateway = [...networks].filter(
      (n) => n !== '' && n !== own && (mesh.eastWestGatewaysByNetwork.get(n)?.length ?? 0) === 0,
    );
    out.push(
      ...runChecks('mesh', 'crossNetwork', {
        host: svc.global.hostname,
        target: ref,
        networksWithoutGateway,
      }),
    );
  }
  return out;
}
