/**
 * Every replica of a hop, for end-to-end shares (`../evaluate/composeBackendShares.ts`). Each proxy
 * balances from where it runs, so the same destination gives different priorities from different places:
 *
 * - Envoy gets priorities computed from its own locality: `pilot/pkg/xds/endpoints/endpoint_builder.go`
 *   `NewEndpointBuilder` takes `proxy.Locality`, hashes it into the EDS cache key and hands it to
 *   `ApplyToLoadAssignment` (istio 1.30.3, 1.31.0-rc.0), so every waypoint pod has its own;
 * - ztunnel ranks candidates against the source workload (`src/state.rs` `load_balance(source_workload, …)`
 *   compares `src.locality` and node per scope), so every client pod has its own;
 * - the previous hop spreads connections or requests over the replicas as its own placement says
 *   (ztunnel over waypoint pods by its ranking, `state.rs`; Envoy by its priorities).
 *
 * Hops whose source differs in nothing the builders read (cluster, network, locality, node, labels, config
 * namespace) are built once and shared; only `from.name` differs between them.
 */
import type { WorkloadModel } from '../model/meshModel.js';
import type { HopReplica, ResolvedHop } from '../model/resolved.js';
import type { HopSource } from './hopContext.js';

/** What a hop builder reads of a source, apart from its name. */
function sourceKey(source: HopSource): string {
  const { kind, cluster, network, locality, node, namespace, labels } = source;
  const sortedLabels = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`);
  return JSON.stringify([kind, cluster, network, locality, node ?? '', namespace, sortedLabels]);
}

/** A builder's hop under another replica's name (the hop is otherwise the same object's content). */
function renamed(hop: ResolvedHop, name: string | undefined): ResolvedHop {
  if (name === undefined || hop.from.name === name) return hop;
  return { ...hop, from: { ...hop.from, name } };
}

export interface ReplicaSource {
  readonly key: string;
  readonly source: HopSource;
  /** The pod the replica runs in, when the builder wants it (a memoized waypoint hop is keyed on it). */
  readonly pod?: WorkloadModel;
}

/**
 * One hop per replica source; `representative` (already built, from `representativeSource`) is reused as
 * is, so the evaluation can recognise it by identity.
 *
 * @example hopReplicas(sources, build, repHop, repSource, () => 1) // → [{ key, weight: 1, hop }, …]
 */
export function hopReplicas(
  sources: readonly ReplicaSource[],
  build: (source: HopSource, pod: WorkloadModel | undefined) => ResolvedHop,
  representative: ResolvedHop,
  representativeSource: HopSource,
  weight: (index: number) => number,
): HopReplica[] {
  const built = new Map<string, ResolvedHop>([[sourceKey(representativeSource), representative]]);
  return sources.map((s, i) => {
    const k = sourceKey(s.source);
    let hop = built.get(k);
    if (hop === undefined) {
      hop = build(s.source, s.pod);
      built.set(k, hop);
    }
    const own = s.source.name === representativeSource.name && k === sourceKey(representativeSource);
    return { key: s.key, weight: weight(i), hop: own ? representative : renamed(hop, s.source.name) };
  });
}

/** A workload behind one endpoint of a hop (a waypoint pod behind the first hop), when the snapshot has it. */
export function endpointPods(
  hop: ResolvedHop,
  podOf: (endpoint: ResolvedHop['endpoints'][number]) => WorkloadModel | undefined,
): { readonly endpointId: string; readonly pod: WorkloadModel }[] {
  const out: { endpointId: string; pod: WorkloadModel }[] = [];
  for (const e of hop.endpoints) {
    if (e.health === 'EXCLUDED') continue;
    const pod = podOf(e);
    if (pod !== undefined) out.push({ endpointId: e.id, pod });
  }
  return out;
}
