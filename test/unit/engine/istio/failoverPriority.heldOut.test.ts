/**
 * The two cases of upstream `TestApplyLocalitySetting/FailoverPriority` that `test/vectors/istio.json`
 * leaves out, read in istio 1.30.3 and 1.31.0-rc.0 (`loadbalancer_test.go`) and replayed through
 * `applyFailoverPriority` (`applyFailoverPriorityPerLocality`). The endpoints are the test's
 * `buildWrappedLocalityLbEndpoints`: three localities, each with one endpoint on network n1 and one on n2.
 */
import { describe, expect, it } from 'vitest';
import {
  applyFailoverPriority,
  networkPreferredFor,
  type LocalityGroupInput,
} from '../../../../src/engine/istio/index.js';
import type { Profile } from '../../../../src/engine/model/meshModel.js';

const NET = 'topology.istio.io/network';
const CLU = 'topology.istio.io/cluster';
const loc = (n: number) => ({ region: `region${n}`, zone: `zone${n}`, subzone: `subzone${n}` });
const ep = (id: string, network: string, cluster: string) => ({
  id,
  labels: { key: 'value', [NET]: network, [CLU]: cluster },
});
const GROUPS: LocalityGroupInput[] = [
  { locality: loc(1), endpoints: [ep('1.1.1.1', 'n1', 'c1'), ep('2.2.2.2', 'n2', 'c2')] },
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
