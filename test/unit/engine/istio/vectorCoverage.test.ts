import { describe, expect, it } from 'vitest';
import { ALL_VECTORS, vectorsOfKind } from './istioVectors.js';

/** The kinds this library replays, with the counts test/vectors/istio.json holds (see its README). */
const KINDS: readonly [string, number][] = [
  ['traffic_distribution', 35],
  ['dr_selection', 19],
  ['failover_priority', 9],
  ['locality_failover', 7],
  ['distribute', 6],
  ['ztunnel_lb', 5],
  ['validation', 16],
  ['outlier_detection', 6],
];

describe('istio.json vector file', () => {
  it('loads from test/vectors in the repository', () => {
    expect(ALL_VECTORS.length).toBeGreaterThanOrEqual(103);
  });
  it.each(KINDS)('kind %s has %i vectors, all replayed by a table test', (kind, count) => {
    const vs = vectorsOfKind(kind);
    expect(vs.length).toBe(count);
    expect(new Set(vs.map((v) => v.id)).size).toBe(vs.length);
  });
  it('every vector belongs to a replayed kind', () => {
    const kinds = new Set(KINDS.map(([k]) => k));
    expect(ALL_VECTORS.filter((v) => !kinds.has(v.kind)).map((v) => v.id)).toEqual([]);
  });
});
