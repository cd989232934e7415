/**
 * The cases of upstream `TestApplyLocalitySetting/FailoverPriority` that `test/vectors/istio.json`
 * leaves out, read in istio 1.30.3 and 1.31.0-rc.0 (`loadbalancer_test.go`) and replayed through
 * `applyFailoverPriority` (`applyFailoverPriorityPerLocality`). The endpoints are the test's
 * `buildWrappedLocalityLbEndpoints`: three localities, each with one endpoint on network n1 and one on n2.
 */
import { describe, expect, it } from 'vitest';
import {
  applyFailoverPriority,
  augmentLabels,
  networkPreferredFor,
  type LocalityGroupInput,
} from '../../../../src/engine/istio/index.js';
import type { Profile } from '../../../../src/engine/model/meshModel.js';

const NET = 'topology.istio.io/network';
const CLU = 'topology.istio.io/cluster';
const loc = (n: number) => ({ region: `region${n}`, zone: `zone${n}`, subzone: `subzone${n}` });
const ep = (id: string, network: string, cluster: string, key = true) => ({
  id,
  labels: { ...(key ? { key: 'value' } : {}), [NET]: network, [CLU]: cluster },
});
// As upstream's fixture: 1.1.1.1 alone has no `key` label.
const GROUPS: LocalityGroupInput[] = [
  { locality: loc(1), endpoints: [ep('1.1.1.1', 'n1', 'c1', false), ep('2.2.2.2', 'n2', 'c2')] },
  { locality: loc(2), endpoints: [ep('3.3.3.3', 'n1', 'c3'), ep('4.4.4.4', 'n2', 'c4')] },
  { locality: loc(3), endpoints: [ep('1.2.3.4', 'n1', 'c1'), ep('2.3.4.5', 'n2', 'c2')] },
];

describe('failoverPriority [network, cluster]: the held-out upstream cases', () => {
  it.each<[string, Profile, Record<string, string>, [string, string[], number][]]>([
    // "match none label": the proxy's network and cluster match no endpoint. 1.31: each network
    // mismatch is skipped with adjust N = 2, then the cluster mismatches at j = 1 → 2 − 1 + 2 = 3 for
    // every endpoint; one raw value → every group stays whole at priority 0.
    [
      'match none label',
      'ISTIO_1_31',
      { [NET]: 'test', [CLU]: 'test' },
      [
        ['region1/zone1/subzone1', ['1.1.1.1', '2.2.2.2'], 0],
        ['region2/zone2/subzone2', ['3.3.3.3', '4.4.4.4'], 0],
        ['region3/zone3/subzone3', ['1.2.3.4', '2.3.4.5'], 0],
      ],
    ],
    // 1.30: the network mismatches at j = 0 → N − 0 = 2 for everyone: the same three whole groups.
    [
      'match none label',
      'ISTIO_1_30',
      { [NET]: 'test', [CLU]: 'test' },
      [
        ['region1/zone1/subzone1', ['1.1.1.1', '2.2.2.2'], 0],
        ['region2/zone2/subzone2', ['3.3.3.3', '4.4.4.4'], 0],
        ['region3/zone3/subzone3', ['1.2.3.4', '2.3.4.5'], 0],
      ],
    ],
    // "not match the first n label": network "test" matches nobody, cluster c1 matches 1.1.1.1 and
    // 1.2.3.4. 1.31: network skipped (adjust 2); cluster match → 0 + 2 = 2, mismatch → 1 + 2 = 3.
    // Groups split per raw value, in locality order: 2, 3 | 3 | 2, 3 → compacted 0, 1 | 1 | 0, 1.
    [
      'not match the first n label',
      'ISTIO_1_31',
      { [NET]: 'test', [CLU]: 'c1' },
      [
        ['region1/zone1/subzone1', ['1.1.1.1'], 0],
        ['region1/zone1/subzone1', ['2.2.2.2'], 1],
        ['region2/zone2/subzone2', ['3.3.3.3', '4.4.4.4'], 1],
        ['region3/zone3/subzone3', ['1.2.3.4'], 0],
        ['region3/zone3/subzone3', ['2.3.4.5'], 1],
      ],
    ],
    // 1.30: the walk stops at the network (j = 0 → 2) for every endpoint: three whole groups at 0.
    [
      'not match the first n label',
      'ISTIO_1_30',
      { [NET]: 'test', [CLU]: 'c1' },
      [
        ['region1/zone1/subzone1', ['1.1.1.1', '2.2.2.2'], 0],
        ['region2/zone2/subzone2', ['3.3.3.3', '4.4.4.4'], 0],
        ['region3/zone3/subzone3', ['1.2.3.4', '2.3.4.5'], 0],
      ],
    ],
  ])('%s (%s)', (_name, profile, proxyLabels, expected) => {
    const split = applyFailoverPriority(
      proxyLabels,
      GROUPS,
      [NET, CLU],
      networkPreferredFor(profile, 'DESTINATION_RULE'),
    );
    expect(
      split.groups.map((g) => [
        `${g.locality?.region}/${g.locality?.zone}/${g.locality?.subzone}`,
        g.endpoints.map((e) => e.id),
        g.priority,
      ]),
    ).toEqual(expected);
  });
});

describe('failoverPriority: the other upstream cases the vectors leave out', () => {
  it.each<[string, Profile, string[], Record<string, string>, [string, string[], number][]]>([
    // "match all labels" [key, network, cluster], proxy key=value, n2, c2. The network is not the first
    // entry, so no profile skips it. First mismatch j gives N − j = 3 − j: 1.1.1.1 has no key → 3;
    // 2.2.2.2 → 0; 3.3.3.3 (n1) → 2; 4.4.4.4 (c4) → 1; 1.2.3.4 (n1) → 2; 2.3.4.5 → 0. Split per
    // locality in ascending raw order; raw values {0, 1, 2, 3} are already dense.
    ...(['ISTIO_1_30', 'ISTIO_1_31'] as const).map(
      (profile): [string, Profile, string[], Record<string, string>, [string, string[], number][]] => [
        'match all labels',
        profile,
        ['key', NET, CLU],
        { key: 'value', [NET]: 'n2', [CLU]: 'c2' },
        [
          ['region1/zone1/subzone1', ['2.2.2.2'], 0],
          ['region1/zone1/subzone1', ['1.1.1.1'], 3],
          ['region2/zone2/subzone2', ['4.4.4.4'], 1],
          ['region2/zone2/subzone2', ['3.3.3.3'], 2],
          ['region3/zone3/subzone3', ['2.3.4.5'], 0],
          ['region3/zone3/subzone3', ['1.2.3.4'], 2],
        ],
      ],
    ),
    // "no endpoints with overridden value" [network=n3]: the override is compared, not the proxy's n1, and
    // no endpoint is on n3 → every endpoint 1 − 0 = 1 (an override entry is never "the network" entry, so
    // 1.31 does not skip it): one raw value, three whole groups at 0.
    ...(['ISTIO_1_30', 'ISTIO_1_31'] as const).map(
      (profile): [string, Profile, string[], Record<string, string>, [string, string[], number][]] => [
        'no endpoints with overridden value',
        profile,
        [`${NET}=n3`],
        { [NET]: 'n1', [CLU]: 'test' },
        [
          ['region1/zone1/subzone1', ['1.1.1.1', '2.2.2.2'], 0],
          ['region2/zone2/subzone2', ['3.3.3.3', '4.4.4.4'], 0],
          ['region3/zone3/subzone3', ['1.2.3.4', '2.3.4.5'], 0],
        ],
      ],
    ),
  ])('%s (%s)', (_name, profile, entries, proxyLabels, expected) => {
    const split = applyFailoverPriority(
      proxyLabels,
      GROUPS,
      entries,
      networkPreferredFor(profile, 'DESTINATION_RULE'),
    );
    expect(
      split.groups.map((g) => [
        `${g.locality?.region}/${g.locality?.zone}/${g.locality?.subzone}`,
        g.endpoints.map((e) => e.id),
        g.priority,
      ]),
    ).toEqual(expected);
  });
});

/**
 * Where an endpoint's cluster and network labels come from before the comparison: `AugmentLabels`
 * (pilot/pkg/serviceregistry/util/label/label.go, 1.30.3 / 1.31.0-rc.0) always writes the registry's
 * cluster id over a `topology.istio.io/cluster` pod label, but adds the network only when no network
 * label is there (a pod or namespace label wins over the cluster's network).
 */
describe('the cluster and network labels failoverPriority compares (AugmentLabels)', () => {
  it.each<[string, Record<string, string>, string, string, Record<string, string>]>([
    ['no labels: both from the registry', {}, 'c1', 'n1', { [CLU]: 'c1', [NET]: 'n1' }],
    ['a pod cluster label is overwritten', { [CLU]: 'mine' }, 'c1', 'n1', { [CLU]: 'c1', [NET]: 'n1' }],
    ['a pod network label is kept', { [NET]: 'pod-net' }, 'c1', 'n1', { [CLU]: 'c1', [NET]: 'pod-net' }],
    ['no cluster network: none added', {}, 'c1', '', { [CLU]: 'c1' }],
  ])('%s', (_name, podLabels, cluster, network, expected) => {
    const got = augmentLabels(podLabels, {
      locality: { region: '', zone: '', subzone: '' },
      cluster,
      network,
    });
    expect(got).toEqual(expected);
  });
});
