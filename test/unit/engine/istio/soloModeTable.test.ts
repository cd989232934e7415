/**
 * Seed 002 ("Traffic distribution modes and endpoint priority") under SOLO: every row of the mode →
 * priority table, every level, for Envoy (waypoint/gateway/sidecar) and for ztunnel.
 */
import { describe, expect, it } from 'vitest';
import {
  assignEnvoyPriorities,
  augmentLabels,
  compactPriorities,
  effectiveLbSetting,
  modePriorities,
  ztunnelLoadBalancing,
  ztunnelRanking,
} from '../../../../src/engine/istio/index.js';
import type { TrafficDistributionMode } from '../../../../src/engine/istio/index.js';

interface Place {
  readonly network: string;
  readonly region: string;
  readonly zone: string;
  readonly subzone: string;
  readonly node: string;
}

const PROXY: Place = { network: 'n1', region: 'r1', zone: 'z1', subzone: 's1', node: 'node1' };

/** Endpoint classes relative to the proxy, named after what they share with it. */
const ENDPOINTS: Readonly<Record<string, Place>> = {
  sameNode: PROXY,
  sameSubzone: { ...PROXY, node: 'node2' },
  sameZone: { ...PROXY, subzone: 's2', node: 'node2' },
  sameRegion: { ...PROXY, zone: 'z2', subzone: 's2', node: 'node2' },
  sameNetwork: { network: 'n1', region: 'r2', zone: 'z2', subzone: 's2', node: 'node2' },
  crossNetSameNodeName: { ...PROXY, network: 'n2' },
  crossNetSameZone: { ...PROXY, network: 'n2', subzone: 's2', node: 'node2' },
  crossNetSameRegion: { ...PROXY, network: 'n2', zone: 'z2', subzone: 's2', node: 'node2' },
  crossNetNothing: { network: 'n2', region: 'r2', zone: 'z2', subzone: 's2', node: 'node2' },
  crossNetThird: { network: 'n3', region: 'r3', zone: 'z3', subzone: 's3', node: 'node3' },
};

/** The seed's table: mode → endpoint class → priority level (P0 = 0). */
const SEED_TABLE: readonly [TrafficDistributionMode, Readonly<Record<string, number>>][] = [
  [
    'PreferSameZone', // PreferClose / PreferSameZone
    {
      sameNode: 0,
      sameSubzone: 0,
      sameZone: 0, // P0 same network + region + zone
      sameRegion: 1, // P1 same network + region
      sameNetwork: 2, // P2 same network
      crossNetSameNodeName: 3,
      crossNetSameZone: 3,
      crossNetSameRegion: 3,
      crossNetNothing: 3,
      crossNetThird: 3, // P3 all cross-network
    },
  ],
  [
    'PreferNetwork',
    {
      sameNode: 0,
      sameSubzone: 0,
      sameZone: 0,
      sameRegion: 0,
      sameNetwork: 0,
      crossNetSameNodeName: 1,
      crossNetSameZone: 1,
      crossNetSameRegion: 1,
      crossNetNothing: 1,
      crossNetThird: 1,
    },
  ],
  [
    'Any',
    {
      sameNode: 0,
      sameSubzone: 0,
      sameZone: 0,
      sameRegion: 0,
      sameNetwork: 0,
      crossNetSameNodeName: 0,
      crossNetSameZone: 0,
      crossNetSameRegion: 0,
      crossNetNothing: 0,
      crossNetThird: 0,
    },
  ],
  [
    'PreferRegion',
    {
      sameNode: 0,
      sameSubzone: 0,
      sameZone: 0,
      sameRegion: 0, // P0 same network + region
      sameNetwork: 1, // P1 same network, other region
      crossNetSameNodeName: 2,
      crossNetSameZone: 2,
      crossNetSameRegion: 2,
      crossNetNothing: 2,
      crossNetThird: 2,
    },
  ],
  [
    'PreferSameNode',
    {
      sameNode: 0,
      sameSubzone: 1,
      sameZone: 2,
      sameRegion: 3,
      sameNetwork: 4,
      crossNetSameNodeName: 5,
      crossNetSameZone: 5,
      crossNetSameRegion: 5,
      crossNetNothing: 5,
      crossNetThird: 5,
    },
  ],
];

const labelsOf = (p: Place) =>
  augmentLabels(
    {},
    {
      locality: { region: p.region, zone: p.zone, subzone: p.subzone },
      cluster: 'c1',
      nodeName: p.node,
      network: p.network,
    },
  );

describe('seed 002 mode → priority table under SOLO', () => {
  describe.each(SEED_TABLE)('%s', (mode, expected) => {
    const names = Object.keys(expected);

    it('Envoy (waypoint) levels', () => {
      const setting = effectiveLbSetting({ profile: 'SOLO', mode });
      const result = assignEnvoyPriorities({
        profile: 'SOLO',
        proxy: { locality: PROXY, labels: labelsOf(PROXY), kind: 'WAYPOINT' },
        groups: names.map((n) => {
          const p = ENDPOINTS[n] ?? PROXY;
          return {
            locality: { region: p.region, zone: p.zone, subzone: p.subzone },
            endpoints: [{ id: n, labels: labelsOf(p) }],
          };
        }),
        setting,
        hasOutlierDetection: false,
      });
      expect(Object.fromEntries(result.endpoints.map((e) => [e.id, e.priority]))).toEqual(expected);
      expect(result.levelMeanings.length).toBe(Math.max(...Object.values(expected)) + 1);
    });

    it('ztunnel tiers (best tier first, same order)', () => {
      const lb = ztunnelLoadBalancing({ profile: 'SOLO', kind: 'Service', mode });
      const r = ztunnelRanking({
        profile: 'SOLO',
        loadBalancing: lb,
        source: { network: PROXY.network, locality: PROXY, node: PROXY.node, cluster: 'c1' },
        endpoints: names.map((n) => {
          const p = ENDPOINTS[n] ?? PROXY;
          return {
            id: n,
            network: p.network,
            locality: { region: p.region, zone: p.zone, subzone: p.subzone },
            node: p.node,
            cluster: 'c1',
            healthy: true,
          };
        }),
      });
      const tiers = compactPriorities(r.endpoints.map((e) => e.tier ?? -1));
      expect(Object.fromEntries(r.endpoints.map((e, i) => [e.id, tiers[i]]))).toEqual(expected);
      // Only the best tier receives connections.
      expect([...r.selectable].sort()).toEqual(names.filter((n) => expected[n] === 0).sort());
    });

    it('raw level meanings cover every level of the table', () => {
      expect(modePriorities(mode, 'SOLO').levelMeanings.length).toBe(
        Math.max(...Object.values(expected)) + 1,
      );
    });
  });
});
