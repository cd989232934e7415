/**
 * What istiod derives from each endpoint alone, before any proxy looks at it: its labels augmented with
 * topology (`AugmentLabels`, istio.md §1.2) and its locality key (`endpoint_builder.go` groups
 * `LocalityLbEndpoints` by it). Both depend only on the endpoint, so they are computed once per
 * candidate list and shared by every query of a compiled mesh (`collectEndpoints` caches the lists).
 */
import { augmentLabels, localityString } from '../istio/index.js';
import type { Labels } from '../model/meshModel.js';
import type { EndpointCandidate } from './collectEndpoints.js';

export interface CandidateTopology {
  /**
   * Augmented labels per candidate (same index). Equal label sets are one shared object, so callers can
   * tell endpoints that priority assignment cannot tell apart by identity.
   */
  readonly labels: readonly Labels[];
  /** `localityString` of each candidate's own locality. */
  readonly localityKeys: readonly string[];
  /**
   * Per candidate, a dense index of its (locality key, labels) pair: candidates with the same index are
   * indistinguishable to priority assignment, and grouping can use arrays instead of hashing per query.
   */
  readonly classIndex: Int32Array;
  readonly classCount: number;
}

const topologyByCandidates = new WeakMap<readonly EndpointCandidate[], CandidateTopology>();

/** @example candidateTopology(podsOnOneNode).labels[0] === candidateTopology(podsOnOneNode).labels[1] // → true for identical pod labels */
export function candidateTopology(candidates: readonly EndpointCandidate[]): CandidateTopology {
  const cached = topologyByCandidates.get(candidates);
  if (cached !== undefined) return cached;
  const interned = new Map<string, Labels>();
  const labels: Labels[] = [];
  const localityKeys: string[] = [];
  const classes = new Map<string, Map<Labels, number>>();
  const classIndex = new Int32Array(candidates.length);
  let classCount = 0;
  for (let i = 0; i < candidates.length; i += 1) {
    const e = candidates[i];
    if (e === undefined) continue;
    const augmented = augmentLabels(e.labels, {
      locality: e.locality,
      cluster: e.cluster,
      network: e.network,
      ...(e.node !== undefined ? { nodeName: e.node } : {}),
    });
    // Key order is part of the key, so a shared object is always an exact copy of each one it stands for.
    const key = JSON.stringify(augmented);
    let shared = interned.get(key);
    if (shared === undefined) interned.set(key, (shared = augmented));
    labels.push(shared);
    const localityKey = localityString(e.locality);
    localityKeys.push(localityKey);
    let byLabels = classes.get(localityKey);
    if (byLabels === undefined) classes.set(localityKey, (byLabels = new Map<Labels, number>()));
    let index = byLabels.get(shared);
    if (index === undefined) byLabels.set(shared, (index = classCount++));
    classIndex[i] = index;
  }
  const topology = { labels, localityKeys, classIndex, classCount };
  topologyByCandidates.set(candidates, topology);
  return topology;
}
