/**
 * Backend references (`../shared/design/api.md`, "backend"): an FQDN, `name.namespace`, a short name in
 * the client's namespace, a ServiceEntry host, or a global `name.namespace.mesh.internal` host.
 */
import { ISTIO_DEFAULT_CLUSTER_DOMAIN } from '../envoyDefaults.js';
import { EngineError } from '../errors.js';
import type { Profile, ServiceEntryModel, ServiceModel } from '../model/meshModel.js';
import { closestNames } from './closestNames.js';
import type { CompiledMesh } from './compiledMesh.js';

export const CLUSTER_DOMAIN_SUFFIX = `svc.${ISTIO_DEFAULT_CLUSTER_DOMAIN}`;

export type BackendKind = 'SERVICE' | 'GLOBAL_SERVICE' | 'SERVICE_ENTRY';

export interface ResolvedBackend {
  /** The host as resolved: FQDN, ServiceEntry host or global host. */
  readonly host: string;
  readonly kind: BackendKind;
  readonly namespace: string;
  readonly name: string;
  /** The Service whose settings (labels, traffic distribution, waypoint) apply: the client cluster's copy when it has one. */
  readonly primary?: ServiceModel;
  /** Every Service whose endpoints the host aggregates. */
  readonly services: readonly ServiceModel[];
  readonly serviceEntry?: ServiceEntryModel;
  readonly notes: readonly string[];
}

function preferCluster<T extends { readonly cluster: string }>(
  list: readonly T[],
  cluster: string,
): T | undefined {
  return list.find((x) => x.cluster === cluster) ?? list[0];
}

function fromServiceHost(
  mesh: CompiledMesh,
  host: string,
  found: readonly ServiceModel[],
  clientCluster: string,
  profile: Profile,
): ResolvedBackend {
  const local = found.filter((s) => s.cluster === clientCluster);
  const primary = preferCluster(found, clientCluster);
  const notes: string[] = [];
  let services: readonly ServiceModel[] = local;
  // Upstream ambient multicluster keeps the cluster.local name for global services and merges their
  // endpoints across clusters (`services.go` `matchServiceScope`); Solo gives them a separate
  // `*.mesh.internal` host and leaves cluster.local local (istio.md §10).
  if (profile !== 'SOLO' && primary?.global?.source === 'MESH_SERVICE_SCOPE_CONFIG') {
    services = found.filter((s) => s.global !== undefined);
    notes.push(
      `${host} is global by meshConfig.serviceScopeConfigs: endpoints from every cluster that marks it global are merged.`,
    );
  } else if (local.length === 0) {
    const elsewhere = [...new Set(found.map((s) => s.cluster))].join(', ');
    notes.push(
      `${host} does not exist in the client's cluster ${clientCluster} (only in ${elsewhere}); the name does not resolve there.`,
    );
    const global = primary?.global?.hostname;
    if (global !== undefined && mesh.globalHosts.has(global))
      notes.push(`Use the global host ${global} to reach it across clusters.`);
  }
  return {
    host,
    kind: 'SERVICE',
    namespace: primary?.namespace ?? '',
    name: primary?.name ?? host,
    ...(primary !== undefined ? { primary } : {}),
    services,
    notes,
  };
}

/**
 * Resolve a backend reference from a client's point of view (namespace and cluster matter for short
 * names and for which copy of a Service is reached).
 *
 * @example resolveBackend(mesh, 'in-ambient', 'httpbin', 'cluster1', 'SOLO').host // → 'in-ambient.httpbin.svc.cluster.local'
 * @throws EngineError INVALID_REFERENCE or UNKNOWN_BACKEND (with `closest`)
 */
export function resolveBackend(
  mesh: CompiledMesh,
  reference: string,
  clientNamespace: string,
  clientCluster: string,
  profile: Profile,
): ResolvedBackend {
  const host = reference.trim().toLowerCase().replace(/\.$/, '');
  if (host === '' || host.includes('/') || host.includes(' ')) {
    throw new EngineError('INVALID_REFERENCE', `backend "${reference}" is not a hostname`, {
      value: reference,
    });
  }
  const candidates: string[] = [host];
  const labels = host.split('.');
  if (labels.length === 1) candidates.push(`${host}.${clientNamespace}.${CLUSTER_DOMAIN_SUFFIX}`);
  if (labels.length === 2) candidates.push(`${host}.${CLUSTER_DOMAIN_SUFFIX}`);
  if (labels.length === 3 && labels[2] === 'svc') candidates.push(`${host}.cluster.local`);

  for (const candidate of candidates) {
    const global = mesh.globalHosts.get(candidate);
    if (global !== undefined) {
      const primary = preferCluster(global, clientCluster);
      const notes = [
        `${candidate} is a global service: endpoints of ${global.length} cluster(s) (${global.map((s) => s.cluster).join(', ')}) are aggregated.`,
      ];
      if (profile !== 'SOLO')
        notes.push(
          `${profile} has no *.mesh.internal hosts upstream; this host exists only under Solo's service-scope.`,
        );
      return {
        host: candidate,
        kind: 'GLOBAL_SERVICE',
        namespace: primary?.namespace ?? '',
        name: primary?.name ?? candidate,
        ...(primary !== undefined ? { primary } : {}),
        services: global,
        notes,
      };
    }
    const services = mesh.servicesByHost.get(candidate);
    if (services !== undefined) return fromServiceHost(mesh, candidate, services, clientCluster, profile);
    const entries = mesh.serviceEntriesByHost.get(candidate);
    const entry = entries !== undefined ? preferCluster(entries, clientCluster) : undefined;
    if (entry !== undefined) {
      return {
        host: candidate,
        kind: 'SERVICE_ENTRY',
        namespace: entry.namespace,
        name: entry.name,
        services: [],
        serviceEntry: entry,
        notes: [],
      };
    }
  }
  throw new EngineError('UNKNOWN_BACKEND', `no Service, ServiceEntry or global host "${reference}"`, {
    closest: closestNames(host, mesh.knownHosts),
  });
}
