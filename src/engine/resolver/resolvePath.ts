/**
 * The resolver's entry point: a client reference and a backend reference become the request path, hop
 * by hop, with the policy in force on each hop and why (seeds 000, 001, 003; istio.md §9).
 *
 * Paths:
 * - ambient client → client ztunnel (L4) → waypoint (L7) → backend, when a waypoint serves the backend;
 * - ambient client → client ztunnel (L4) → backend otherwise;
 * - sidecar client / ingress gateway → waypoint (L7, HBONE) → backend, or straight to the backend;
 * - a client outside the mesh → kube-proxy → backend.
 */
import { dedupeDiagnostics } from '../diagnostics/index.js';
import type { DestinationRuleProxyKind } from '../istio/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { Profile, ServiceModel, WorkloadModel } from '../model/meshModel.js';
import type { HopReplica, ResolvedEndpoint, ResolvedHop, ResolvedPath } from '../model/resolved.js';
import { backendAutoscalers } from './backendAutoscalers.js';
import { buildEnvoyHop } from './buildEnvoyHop.js';
import { buildKubeProxyHop } from './buildKubeProxyHop.js';
import { buildZtunnelHop, type HopResult } from './buildZtunnelHop.js';
import { clientHopSource, clusterNetwork, sourceOfPod } from './clientSource.js';
import { collectEndpoints, podCandidate, type EndpointCandidate } from './collectEndpoints.js';
import type { CompiledMesh } from './compiledMesh.js';
import type { HopDestination, HopSource } from './hopContext.js';
import { endpointPods, hopReplicas } from './hopReplicas.js';
import { meshKey } from './meshKeys.js';
import { resolveBackend, type ResolvedBackend, CLUSTER_DOMAIN_SUFFIX } from './resolveBackend.js';
import { resolveClient, type ResolvedClient } from './resolveClient.js';
import { sidecarModeServices } from './sidecarModeServices.js';
import {
  selectWaypoint,
  waypointDiagnostics,
  workloadWaypointNote,
  type WaypointDecision,
} from './selectWaypoint.js';

export interface PathQuery {
  /** `[cluster/]namespace/name` (`../shared/design/api.md`). */
  readonly client: string;
  /** FQDN, `name.namespace`, short name, ServiceEntry host or global host. */
  readonly backend: string;
  /** Overrides the snapshot's profile for this answer. */
  readonly profile?: Profile;
}

/**
 * What resolving many paths over one mesh and profile can share (the blast radius resolves every backend
 * for every client class): each backend as resolved from a client namespace and cluster, with its
 * endpoints; each waypoint as a destination; and each waypoint hop, which depends only on the waypoint
 * instance reached and the backend, not on the client that reached it. Every entry is what the same call
 * without the memo computes, so a memoized path equals an unmemoized one. One memo per mesh and profile.
 */
export interface PathMemo {
  /** False: paths without findings (`diagnostics` empty), for a caller that reads only their numbers. */
  readonly diagnostics: boolean;
  readonly backends: Map<string, { backend: ResolvedBackend; toBackend: HopDestination }>;
  readonly waypoints: Map<string, HopDestination>;
  readonly waypointHops: Map<string, HopResult>;
}

export function pathMemo(options: { readonly diagnostics?: boolean } = {}): PathMemo {
  return {
    diagnostics: options.diagnostics ?? true,
    backends: new Map(),
    waypoints: new Map(),
    waypointHops: new Map(),
  };
}

function remembered<K, V>(map: Map<K, V> | undefined, key: K, compute: () => V): V {
  const known = map?.get(key);
  if (known !== undefined) return known;
  const value = compute();
  map?.set(key, value);
  return value;
}

function backendDestination(
  backend: ResolvedBackend,
  endpoints: readonly EndpointCandidate[],
): HopDestination {
  const port = backend.primary?.ports[0]?.port ?? backend.serviceEntry?.ports[0]?.port;
  return {
    host: backend.host,
    target: 'BACKEND',
    kind: backend.kind === 'SERVICE_ENTRY' ? 'ServiceEntry' : 'Service',
    ...(backend.primary !== undefined ? { primary: backend.primary } : {}),
    ...(backend.serviceEntry !== undefined ? { serviceEntry: backend.serviceEntry } : {}),
    namespace: backend.namespace,
    endpoints,
    ...(port !== undefined ? { port } : {}),
    ruleHost: backend.host,
    ruleNamespace: backend.namespace,
  };
}

/**
 * The waypoint as a destination: its Service's endpoints (every cluster's, when both the backend and
 * the waypoint are global), or its pods when the snapshot lacks the generated Service.
 */
function waypointDestination(
  mesh: CompiledMesh,
  decision: Extract<WaypointDecision, { kind: 'WAYPOINT' }>,
  backend: ResolvedBackend,
  ruleHost: string,
): HopDestination {
  const gw = decision.gateway;
  const svc = decision.service;
  let services: readonly ServiceModel[] = svc !== undefined ? [svc] : [];
  let host = svc?.hostname ?? `${gw.name}.${gw.namespace}.${CLUSTER_DOMAIN_SUFFIX}`;
  if (backend.kind === 'GLOBAL_SERVICE' && svc?.global !== undefined) {
    services = mesh.globalHosts.get(svc.global.hostname) ?? services;
    host = svc.global.hostname;
  }
  let endpoints = collectEndpoints(mesh, services);
  if (endpoints.length === 0) {
    const gatewayRef = { kind: 'Gateway', name: gw.name, namespace: gw.namespace, cluster: gw.cluster };
    endpoints = gw.podNames
      .map((p) => mesh.workloads.get(meshKey(gw.cluster, gw.namespace, p)))
      .filter((p): p is WorkloadModel => p !== undefined)
      .map((p) => podCandidate(p, gatewayRef));
  }
  const port = svc?.ports[0]?.port;
  return {
    host,
    target: 'WAYPOINT',
    kind: 'Service',
    ...(svc !== undefined ? { primary: svc } : {}),
    namespace: gw.namespace,
    endpoints,
    ...(port !== undefined ? { port } : {}),
    ruleHost,
    ruleNamespace: ruleHost === host ? gw.namespace : backend.namespace,
  };
}

/**
 * Which waypoint pod the first hop reaches: the healthy endpoints of the best level, first by name.
 * With none healthy, the first pod by name stands in so the rest of the path can still be shown.
 */
function reachedWaypointPod(mesh: CompiledMesh, hop: ResolvedHop): { pod?: WorkloadModel; note: string } {
  const best = hop.endpoints
    .filter((e) => e.health === 'HEALTHY')
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pick = best[0] ?? [...hop.endpoints].sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  const top = best.filter((e) => e.priority === pick?.priority);
  const pod =
    pick?.workload !== undefined
      ? mesh.workloads.get(meshKey(pick.cluster, pick.workload.namespace ?? '', pick.workload.name))
      : undefined;
  if (pick === undefined)
    return {
      note: 'The waypoint has no pod in the snapshot: the waypoint hop is shown without a source locality.',
    };
  const others =
    top.length > 1
      ? ` (${top.length} instances share the best level; ${pick.name} stands for them, first by name)`
      : '';
  const unhealthy = best.length === 0 ? ' No waypoint instance is healthy: traffic through it fails.' : '';
  return {
    ...(pod !== undefined ? { pod } : {}),
    note: `The client reaches waypoint instance ${pick.name}${others}.${unhealthy}`,
  };
}

/**
 * Every replica of every hop: the first hop once per client pod (weighted equally), the waypoint hop
 * once per waypoint pod the first hop reaches (`hopReplicas.ts`).
 */
function pathReplicas(
  mesh: CompiledMesh,
  client: ResolvedClient,
  hops: readonly ResolvedHop[],
  source: HopSource,
  buildFirst: ((from: HopSource) => ResolvedHop) | undefined,
  waypointReplicas: ((first: ResolvedHop) => HopReplica[]) | undefined,
): HopReplica[][] {
  const [first, second] = hops;
  if (first === undefined) return [];
  const pods = client.pods;
  const clientReplicas =
    buildFirst === undefined || pods.length < 2
      ? [{ key: client.pod?.name ?? client.ref.name, weight: 1, hop: first }]
      : hopReplicas(
          pods.map((pod) => ({ key: pod.name, source: clientHopSource(mesh, { ...client, pod }) })),
          buildFirst,
          first,
          source,
          () => 1 / pods.length,
        );
  const out: HopReplica[][] = [clientReplicas];
  if (second !== undefined) {
    const replicas = waypointReplicas?.(first) ?? [];
    out.push(replicas.length > 0 ? replicas : [{ key: '', weight: 1, hop: second }]);
  }
  return out;
}

/** The pod behind an endpoint of a hop, when the snapshot has it. */
function podOfEndpoint(mesh: CompiledMesh, e: ResolvedEndpoint): WorkloadModel | undefined {
  return e.workload === undefined
    ? undefined
    : mesh.workloads.get(meshKey(e.cluster, e.workload.namespace ?? '', e.workload.name));
}

function proxyKindOf(client: ResolvedClient): DestinationRuleProxyKind {
  return client.kind === 'INGRESS_GATEWAY' ? 'INGRESS_GATEWAY' : 'SIDECAR';
}

function withNotes(result: HopResult, notes: readonly string[]): HopResult {
  if (notes.length === 0) return result;
  return { ...result, hop: { ...result.hop, notes: [...notes, ...result.hop.notes] } };
}

/**
 * Resolve the request path from `clientRef` to `backendRef`.
 *
 * @example resolvePath(compileMesh(httpbin), { client: 'httpbin/client-in-ambient', backend: 'in-ambient' })
 *   // → hops: ZTUNNEL → httpbin-waypoint.httpbin.svc.cluster.local, WAYPOINT → in-ambient.httpbin.svc.cluster.local
 * @throws EngineError for unknown, ambiguous or malformed references
 */
export function resolvePath(mesh: CompiledMesh, query: PathQuery, memo?: PathMemo): ResolvedPath {
  const profile = query.profile ?? mesh.profile;
  const checked = memo?.diagnostics ?? true;
  const client = resolveClient(mesh, query.client);
  const backendKey = JSON.stringify([query.backend, client.namespace, client.cluster, profile]);
  const { backend, toBackend } = remembered(memo?.backends, backendKey, () => {
    const resolved = resolveBackend(mesh, query.backend, client.namespace, client.cluster, profile);
    const collected = collectEndpoints(mesh, resolved.services, resolved.serviceEntry);
    return { backend: resolved, toBackend: backendDestination(resolved, collected) };
  });
  const endpoints = toBackend.endpoints;
  const network = clusterNetwork(mesh, client.cluster);
  const source = clientHopSource(mesh, client);
  const firstNotes = [...client.notes, ...backend.notes];
  const results: HopResult[] = [];
  const diagnostics: Diagnostic[] = [];
  const decision = selectWaypoint(mesh, backend, client.cluster, client.kind);
  diagnostics.push(...waypointDiagnostics('hop', decision));
  firstNotes.push(`Waypoint: ${decision.reason}.`);

  /** How the first hop is built from a client pod's own proxy (set by the path's case below). */
  let buildFirst: ((from: HopSource) => ResolvedHop) | undefined;
  /** The waypoint hop's replicas: one per waypoint pod the first hop can reach. */
  let waypointReplicas: ((first: ResolvedHop) => HopReplica[]) | undefined;

  const throughWaypoint = (first: HopResult, wp: Extract<WaypointDecision, { kind: 'WAYPOINT' }>): void => {
    const reached = reachedWaypointPod(mesh, first.hop);
    results.push(withNotes(first, [...firstNotes, reached.note]));
    const waypointSource = (pod: WorkloadModel | undefined): HopSource =>
      sourceOfPod(
        'WAYPOINT',
        pod,
        pod?.cluster ?? wp.gateway.cluster,
        wp.gateway.namespace,
        network,
        pod?.name ?? wp.gateway.name,
      );
    /** The waypoint hop from one waypoint pod: it depends on that pod and the backend only. */
    const waypointHop = (pod: WorkloadModel | undefined): HopResult => {
      const hopKey = JSON.stringify([
        backendKey,
        pod?.cluster ?? wp.gateway.cluster,
        wp.gateway.namespace,
        pod?.name ?? wp.gateway.name,
        pod?.namespace ?? null,
        network,
      ]);
      return remembered(memo?.waypointHops, hopKey, () =>
        buildEnvoyHop(mesh, waypointSource(pod), toBackend, profile, 'WAYPOINT', checked),
      );
    };
    const second = waypointHop(reached.pod);
    results.push(second);
    waypointReplicas = (firstHop) =>
      hopReplicas(
        endpointPods(firstHop, (e) => podOfEndpoint(mesh, e)).map((r) => ({
          key: r.endpointId,
          source: waypointSource(r.pod),
          pod: r.pod,
        })),
        (_from, pod) => waypointHop(pod).hop,
        second.hop,
        waypointSource(reached.pod),
        () => 1,
      );
  };
  const waypointTo = (
    wp: Extract<WaypointDecision, { kind: 'WAYPOINT' }>,
    ruleHost: string,
  ): HopDestination =>
    remembered(
      memo?.waypoints,
      JSON.stringify([
        backendKey,
        wp.gateway.cluster,
        wp.gateway.namespace,
        wp.gateway.name,
        wp.service === undefined ? null : meshKey(wp.service.cluster, wp.service.namespace, wp.service.name),
        ruleHost,
      ]),
      () => waypointDestination(mesh, wp, backend, ruleHost),
    );

  switch (client.kind) {
    case 'OUTSIDE_MESH':
      buildFirst = (from) => buildKubeProxyHop(from, toBackend, client.ref).hop;
      results.push(withNotes(buildKubeProxyHop(source, toBackend, client.ref), firstNotes));
      break;
    case 'AMBIENT': {
      if (decision.kind === 'WAYPOINT') {
        const dest = waypointTo(
          decision,
          `${decision.gateway.name}.${decision.gateway.namespace}.${CLUSTER_DOMAIN_SUFFIX}`,
        );
        buildFirst = (from) => buildZtunnelHop(mesh, from, dest, profile, checked).hop;
        throughWaypoint(buildZtunnelHop(mesh, source, dest, profile, checked), decision);
      } else {
        const note = workloadWaypointNote(
          mesh,
          endpoints.flatMap((e) => {
            const wl =
              e.workload === undefined
                ? undefined
                : mesh.workloads.get(meshKey(e.cluster, e.workload.namespace ?? '', e.workload.name));
            return wl === undefined ? [] : [wl];
          }),
        );
        buildFirst = (from) => buildZtunnelHop(mesh, from, toBackend, profile, checked).hop;
        results.push(
          withNotes(
            buildZtunnelHop(mesh, source, toBackend, profile, checked),
            note === undefined ? firstNotes : [...firstNotes, note],
          ),
        );
      }
      break;
    }
    case 'SIDECAR':
    case 'INGRESS_GATEWAY': {
      if (decision.kind === 'WAYPOINT') {
        const dest = waypointTo(decision, backend.host);
        buildFirst = (from) => buildEnvoyHop(mesh, from, dest, profile, proxyKindOf(client), checked).hop;
        throughWaypoint(buildEnvoyHop(mesh, source, dest, profile, proxyKindOf(client), checked), decision);
      } else {
        // A sidecar-mode proxy merges same-name Services across clusters (namespace sameness).
        const view = sidecarModeServices(mesh, backend, client.cluster);
        const dest =
          view.note === undefined
            ? toBackend
            : backendDestination(backend, collectEndpoints(mesh, view.services, backend.serviceEntry));
        const notes = view.note === undefined ? firstNotes : [...firstNotes, view.note];
        buildFirst = (from) => buildEnvoyHop(mesh, from, dest, profile, proxyKindOf(client), checked).hop;
        results.push(
          withNotes(buildEnvoyHop(mesh, source, dest, profile, proxyKindOf(client), checked), notes),
        );
      }
      break;
    }
  }
  for (const r of results) diagnostics.push(...r.diagnostics);
  const hops = results.map((r) => r.hop);
  const autoscalers = backendAutoscalers(mesh, hops[hops.length - 1]);
  return {
    profile,
    client: client.ref,
    backend: backend.host,
    hops,
    replicas: pathReplicas(mesh, client, hops, source, buildFirst, waypointReplicas),
    diagnostics: checked ? dedupeDiagnostics(diagnostics) : [],
    ...(autoscalers.length === 0 ? {} : { backendAutoscalers: autoscalers }),
  };
}
