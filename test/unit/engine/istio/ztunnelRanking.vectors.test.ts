import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../src/engine/model/meshModel.js';
import { ztunnelRanking } from '../../../../src/engine/istio/index.js';
import type { ZtunnelEndpointInput, ZtunnelLoadBalancing } from '../../../../src/engine/istio/index.js';
import type { IstioVector } from './istioVectors.js';
import { rows } from './istioVectors.js';

interface RawPlace {
  network: string;
  region: string;
  zone: string;
  ips?: string[];
}

const place = (p: RawPlace) => ({
  network: p.network,
  locality: { region: p.region, zone: p.zone, subzone: '' },
  node: '',
  cluster: '',
});

function endpoints(raw: Record<string, RawPlace | string>): ZtunnelEndpointInput[] {
  return Object.entries(raw).map(([id, p]) =>
    typeof p === 'string'
      ? { id, ...place({ network: '', region: '', zone: '' }), healthy: true, workloadExists: false }
      : { id, ...place(p), healthy: true, hasAddress: (p.ips ?? []).length > 0 },
  );
}

function run(v: IstioVector, profile: Profile) {
  return ztunnelRanking({
    profile,
    loadBalancing: v.input['loadBalancing'] as Pick<
      ZtunnelLoadBalancing,
      'mode' | 'scopes' | 'healthPolicy'
    > & { routingPreference: never },
    source: place(v.input['sourceWorkload']),
    endpoints: endpoints(v.input['endpoints']),
  });
}

/** Vectors name the scopes `routingPreference` (workload API); the library calls them `scopes`. */
function withScopes(v: IstioVector): IstioVector {
  const lb = v.input['loadBalancing'] as { routingPreference: string[] };
  return { ...v, input: { ...v.input, loadBalancing: { ...lb, scopes: lb.routingPreference } } };
}

describe('ztunnel_lb vectors', () => {
  it.each(rows('ztunnel_lb'))('%s: selectable set and ranks (ISTIO_1_31)', (_id, raw) => {
    const v = withScopes(raw);
    const r = run(v, 'ISTIO_1_31');
    expect([...r.selectable].sort()).toEqual(v.expected['selectableSet']);
    const ranks = Object.fromEntries(
      r.endpoints
        .filter((e) => e.rank !== undefined && (e.excludedBy === undefined || e.excludedBy === 'LOWER_RANK'))
        .map((e) => [e.id, e.rank]),
    );
    expect(ranks).toEqual(v.expected['rankByEndpoint_derived']);
    // tier = maxRank − rank, 0 for a full match.
    for (const e of r.endpoints) if (e.rank !== undefined) expect(e.tier).toBe(r.maxRank - e.rank);
  });

  it.each(rows('ztunnel_lb'))(
    '%s: the same endpoints are picked without network preference (ISTIO_1_30, SOLO)',
    (_id, raw) => {
      const v = withScopes(raw);
      for (const profile of ['ISTIO_1_30', 'SOLO'] as const) {
        const r = run(v, profile);
        expect(r.networkPreferred).toBe(false);
        expect([...r.selectable].sort()).toEqual(v.expected['selectableSet']);
      }
    },
  );
});

describe('ztunnelRanking at scale', () => {
  it('ranks 200,000 endpoints (no spread of one argument per endpoint)', () => {
    // FAILOVER [NETWORK, REGION, ZONE] with the network preferred (1.31): maxRank 2·3 − 1 = 5; the half in
    // the client's zone match all three scopes (rank 5), the other half only network and region (rank 4).
    // `Math.max(...ranks)` threw RangeError (call stack) at this size.
    const source = place({ network: 'n1', region: 'r1', zone: 'z1' });
    const r = ztunnelRanking({
      profile: 'ISTIO_1_31',
      loadBalancing: {
        mode: 'FAILOVER',
        scopes: ['NETWORK', 'REGION', 'ZONE'],
        healthPolicy: 'ONLY_HEALTHY',
      },
      source,
      endpoints: Array.from({ length: 200_000 }, (_, i) => ({
        id: `ep-${i.toString()}`,
        ...place({ network: 'n1', region: 'r1', zone: i % 2 === 0 ? 'z1' : 'z2' }),
        healthy: true,
        hasAddress: true,
      })),
    });
    expect(r.maxRank).toBe(5);
    expect(r.selectable.length).toBe(100_000);
    expect(r.selectable[0]).toBe('ep-0');
  });
});
