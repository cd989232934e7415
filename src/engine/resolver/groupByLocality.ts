/**
 * The endpoints EDS carries grouped by locality, sorted by locality string (`endpoint_builder.go`
 * `generate`): the input of priority assignment.
 */
import type { LbEndpointInput, LocalityGroupInput } from '../istio/index.js';
import type { Labels, Locality } from '../model/meshModel.js';
import type { EdsEndpointView } from './edsEndpointView.js';

/** A locality group being built. */
interface GroupBuild {
  readonly locality: Locality;
  readonly representatives: LbEndpointInput[];
  weight: number;
}

/** One endpoint standing for every endpoint of its locality group with the same labels. */
export interface Representative {
  readonly id: string;
  readonly labels: Labels;
  weight: number;
}

export interface LocalityGrouping {
  readonly groups: LocalityGroupInput[];
  readonly representatives: readonly Representative[];
  /** Per endpoint, the index of its representative; -1 when EDS leaves the endpoint out. */
  readonly representativeOf: Int32Array;
}

/**
 * Priority assignment sees only an endpoint's locality group and labels (istio.md §5), so endpoints of a
 * group with the same labels always land together: each such set goes in as one representative carrying
 * their summed weight (the group's weight and every split's weight stay the sums Istio computes), and
 * every member takes its representative's assignment. Cross-network stand-ins carry labels of their own
 * and each represents itself.
 *
 * @example groupByLocality(viewOfThreePodsInTwoZones).groups.map((g) => g.weight) // → [2, 1]
 */
export function groupByLocality(view: EdsEndpointView): LocalityGrouping {
  const { candidates, health, labels, localityKeys, crossNetwork, classIndex } = view;
  const groups = new Map<string, GroupBuild>();
  const representatives: Representative[] = [];
  const groupOf: GroupBuild[] = [];
  const representativeOf = new Int32Array(candidates.length).fill(-1);
  const representativeOfClass = new Int32Array(view.classCount).fill(-1);
  const crossNetworkAny = crossNetwork.size > 0;
  for (let i = 0; i < candidates.length; i += 1) {
    const e = candidates[i];
    if (e === undefined || health[i] === 'EXCLUDED') continue;
    const weight = e.weight;
    const cls = crossNetworkAny && crossNetwork.has(i) ? -1 : (classIndex[i] ?? -1);
    const known = cls >= 0 ? (representativeOfClass[cls] ?? -1) : -1;
    const rep = known >= 0 ? representatives[known] : undefined;
    const repGroup = known >= 0 ? groupOf[known] : undefined;
    if (rep !== undefined && repGroup !== undefined) {
      repGroup.weight += weight;
      rep.weight += weight;
      representativeOf[i] = known;
      continue;
    }
    const key = localityKeys[i] ?? '';
    let g = groups.get(key);
    if (g === undefined) {
      g = { locality: crossNetwork.get(i) ?? e.locality, representatives: [], weight: 0 };
      groups.set(key, g);
    }
    g.weight += weight;
    const created: Representative = { id: e.id, labels: labels[i] ?? {}, weight };
    const index = representatives.length;
    representatives.push(created);
    groupOf.push(g);
    g.representatives.push(created);
    representativeOf[i] = index;
    if (cls >= 0) representativeOfClass[cls] = index;
  }
  const sorted = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({
      locality: key === '' ? null : g.locality,
      weight: g.weight,
      endpoints: g.representatives,
    }));
  return { groups: sorted, representatives, representativeOf };
}
