/**
 * What the resolver reads of a client beyond its proxy kind, cluster, network and locality — decided once
 * per mesh, so client classes are exactly as fine as the mesh's rules make them:
 *
 * - the **node**, when some destination routes by node: `internalTrafficPolicy: Local` (ztunnel STRICT
 *   [NODE] and the EDS node filter, `resolver/buildZtunnelHop.ts`, `resolver/edsEndpointView.ts`),
 *   `PreferSameNode` (ztunnel NODE scope, Envoy failoverPriority on `kubernetes.io/hostname`,
 *   `istio/modePriorities.ts`), or a failoverPriority / DestinationRule workload selector naming the
 *   hostname label;
 * - **proxy labels** that some failoverPriority compares (`istio/failoverPriority.ts`: the proxy's value
 *   of each key, istio.md §5.2) or that some DestinationRule `workloadSelector` matches
 *   (`istio/destinationRuleIndex.ts`, istio.md §2). Region, zone, subzone and cluster labels are the
 *   locality and cluster already in the key.
 */
import {
  LABEL_CLUSTER,
  LABEL_HOSTNAME,
  LABEL_REGION,
  LABEL_ZONE,
  resolveTrafficDistribution,
  type TrafficDistributionTarget,
} from '../istio/index.js';
import { LABEL_SUBZONE } from '../normalize/wellKnownLabels.js';
import type { Profile, ServiceModel } from '../model/meshModel.js';
import type { CompiledMesh } from '../resolver/compiledMesh.js';
import { meshKey } from '../resolver/meshKeys.js';

export interface ClassReads {
  /** Why the node is part of the key; empty when nothing in the mesh routes by node. */
  readonly node: readonly string[];
  /** Label key → why the proxy's value of it is part of the key (Envoy clients only). */
  readonly labels: ReadonlyMap<string, string>;
}

/** Keys whose proxy value is the locality or cluster, already in every class key. */
const KEYED_ELSEWHERE = new Set([LABEL_REGION, LABEL_ZONE, LABEL_SUBZONE, LABEL_CLUSTER]);
const TARGETS: readonly TrafficDistributionTarget[] = ['BACKEND', 'WAYPOINT'];
/** Reasons kept per read, for the answer's `classKey` (one is enough to say why). */
const MAX_REASONS = 3;

/** Every `failoverPriority` list under a traffic policy, a mesh setting or any nesting of them. */
function failoverPriorities(value: unknown, out: string[][] = []): string[][] {
  if (Array.isArray(value)) {
    for (const item of value) failoverPriorities(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'failoverPriority' && Array.isArray(inner))
        out.push(inner.filter((e): e is string => typeof e === 'string'));
      else failoverPriorities(inner, out);
    }
  }
  return out;
}

/** `key=value` entries compare against a literal, not the proxy's label (`priorityLabelOverrides`). */
function comparedKey(entry: string): string | undefined {
  const parts = entry.split('=');
  return parts.length === 2 ? undefined : parts[0];
}

function routesByNode(mesh: CompiledMesh, svc: ServiceModel, profile: Profile): string | undefined {
  const ref = `Service ${svc.namespace}/${svc.name}`;
  if (svc.internalTrafficPolicy === 'Local') return `${ref} has internalTrafficPolicy Local`;
  const namespace = mesh.namespaces.get(meshKey(svc.cluster, svc.namespace));
  for (const target of TARGETS) {
    const mode = resolveTrafficDistribution({
      profile,
      target,
      service: svc,
      ...(namespace !== undefined ? { namespace } : {}),
    }).mode;
    if (mode === 'PreferSameNode') return `${ref} prefers the same node`;
  }
  return undefined;
}

/** @example classReads(compileMesh(httpbin), 'SOLO') // → { node: [], labels: Map { 'topology.istio.io/network' → … } } */
export function classReads(mesh: CompiledMesh, profile: Profile): ClassReads {
  const node: string[] = [];
  const labels = new Map<string, string>();
  const read = (key: string, why: string): void => {
    if (key === LABEL_HOSTNAME) {
      if (node.length < MAX_REASONS) node.push(why);
    } else if (!KEYED_ELSEWHERE.has(key) && !labels.has(key)) labels.set(key, why);
  };
  for (const svc of mesh.services.values()) {
    const why = node.length < MAX_REASONS ? routesByNode(mesh, svc, profile) : undefined;
    if (why !== undefined) node.push(why);
  }
  for (const entries of mesh.serviceEntriesByHost.values()) {
    for (const se of entries) {
      const namespace = mesh.namespaces.get(meshKey(se.cluster, se.namespace));
      const mode = resolveTrafficDistribution({
        profile,
        target: 'BACKEND',
        serviceEntry: se,
        ...(namespace !== undefined ? { namespace } : {}),
      }).mode;
      if (mode === 'PreferSameNode' && node.length < MAX_REASONS)
        node.push(`ServiceEntry ${se.namespace}/${se.name} prefers the same node`);
    }
  }
  for (const list of failoverPriorities(mesh.model.meshConfig)) {
    for (const entry of list) {
      const key = comparedKey(entry);
      if (key !== undefined) read(key, `meshConfig failoverPriority compares ${key}`);
    }
  }
  for (const rules of mesh.destinationRulesByCluster.values()) {
    for (const rule of rules) {
      const ref = `DestinationRule ${rule.namespace}/${rule.name}`;
      for (const list of failoverPriorities([rule.trafficPolicy, rule.subsets])) {
        for (const entry of list) {
          const key = comparedKey(entry);
          if (key !== undefined) read(key, `${ref} failoverPriority compares ${key}`);
        }
      }
      for (const key of Object.keys(rule.workloadSelector ?? {}))
        read(key, `${ref} selects proxies by ${key}`);
    }
  }
  return { node, labels };
}
