/**
 * Runs every example of docs/graphql.md against the bundled examples, imported as on a first start, and
 * checks each answer for the facts the page states.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import type {
  BlastRadius,
  Diagnostic,
  EffectivePolicy,
  Hop,
  SnapshotDiff,
  SweepPoint,
  WhatIf,
} from '../../../src/engine/index.js';
import type { SnapshotConnection } from '../../../src/graphql/resolvers/Query/snapshots.js';
import type { SnapshotSummary } from '../../../src/services/types.js';
import { testConfig } from '../../../src/config.js';
import { graphql } from '../../helpers/buildTestApp.js';

interface DocExample {
  readonly id: string;
  readonly snapshot: string;
  readonly query: string;
}

const MARKER = /<!-- example: id=(\S+) snapshot=(\S+) -->\s*```graphql\n([\s\S]*?)\n```/g;

export function documentedExamples(markdown: string): DocExample[] {
  return [...markdown.matchAll(MARKER)].map(([, id = '', snapshot = '', query = '']) => ({
    id,
    snapshot,
    query,
  }));
}

/** What the documented queries select, read through the answer types (absent fields come back as null). */
interface Data {
  readonly effectivePolicy: EffectivePolicy;
  readonly whatIf: WhatIf & { readonly sweep: readonly SweepPoint[] };
  readonly analyze: readonly Diagnostic[];
  readonly blastRadius: BlastRadius;
  readonly diff: SnapshotDiff;
  readonly snapshots: SnapshotConnection;
  readonly latest: SnapshotSummary | null;
  readonly snapshot: { readonly clients: readonly string[]; readonly backends: readonly string[] } | null;
}
const hop = (policy: EffectivePolicy, to: string): Hop => {
  const found = policy.hops.find((h) => h.to.startsWith(to));
  if (found === undefined) throw new Error(`no hop to ${to}`);
  return found;
};
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** The facts each documented example must show. */
const CHECKS: Record<string, (data: Data) => void> = {
  diff: ({ diff }) => {
    expect(diff.changes.map((c) => c.backend)).toEqual(['in-ambient.httpbin.svc.cluster.local']);
    expect(diff.changes[0]?.summary).toContain('DestinationRule httpbin/in-ambient-failover added');
    expect(diff.diagnosticsAdded.map((d) => d.code)).toEqual(['SPW0002']);
  },
  'blast-radius': ({ blastRadius: b }) => {
    // Derived in test/unit/engine/mesh/blastRadius.test.ts: ratings' only endpoint is in us-east-1a;
    // productpage.svc has one of two equal-share cluster1 endpoints there.
    expect(b.impacts.map((i) => [i.backend, i.errorPercent, i.worstClient])).toEqual([
      ['ratings.bookinfo.svc.cluster.local', 100, 'cluster1/bookinfo/productpage-v1'],
      ['productpage.bookinfo.svc.cluster.local', 50, 'cluster1/bookinfo/productpage-v1'],
    ]);
    expect(b.pairs).toBe(8);
    expect(b.unmatched).toEqual([]);
  },
  references: ({ snapshot }) => {
    expect(snapshot?.clients).toContain('httpbin/client-in-ambient');
    for (const client of snapshot?.clients ?? []) expect(client.toLowerCase()).toContain('client');
    expect(snapshot?.backends).toContain('in-ambient.httpbin.svc.cluster.local');
  },
  'who-answers': ({ effectivePolicy: p }) => {
    expect(p.profile).toBe('SOLO');
    expect(p.backend).toBe('in-ambient.httpbin.svc.cluster.local');
    expect(p.hops.map((h) => [h.from.kind, h.layer, h.shareUnit])).toEqual([
      ['ZTUNNEL', 'L4', 'CONNECTION'],
      ['WAYPOINT', 'L7', 'REQUEST'],
    ]);
    const waypointHop = hop(p, 'in-ambient');
    expect(waypointHop.destinationRule).toEqual({ name: 'in-ambient-failover', namespace: 'httpbin' });
    expect(waypointHop.outlierDetection).toMatchObject({
      consecutive5xxErrors: 3,
      baseEjectionTimeSeconds: 30,
      maxEjectionPercent: 50,
    });
    expect(waypointHop.endpoints).toHaveLength(3);
    for (const e of waypointHop.endpoints) expect(e.sharePercent).toBeCloseTo(100 / 3, 5);
  },
  'sidecar-client': ({ effectivePolicy: p }) => {
    expect(p.hops).toHaveLength(1);
    const only = p.hops[0]!;
    expect(only.from.kind).toBe('SIDECAR');
    expect(only.layer).toBe('L7');
    expect(only.trafficDistribution.source).toBe('SERVICE_ANNOTATION');
    const zone = String(only.from.locality);
    const sameZone = only.endpoints.filter(
      (e) => e.locality === zone || String(e.locality).startsWith(`${zone}/`),
    );
    expect(sameZone.length).toBeGreaterThan(0);
    expect(sum(sameZone.map((e) => e.sharePercent))).toBeCloseTo(100, 5);
  },
  'end-to-end': ({ effectivePolicy: p }) => {
    // One waypoint replica: ztunnel sends it 100 %, so end to end equals the waypoint hop's 3 × 33.3 %.
    expect(p.hops.map((h) => h.replicas)).toEqual([null, null]);
    expect(p.backendShares).toHaveLength(3);
    for (const e of p.backendShares) {
      expect(e.name).toMatch(/^in-ambient-/);
      expect(e.sharePercent).toBeCloseTo(100 / 3, 5);
    }
  },
  'one-pod-fails': ({ whatIf: w }) => {
    expect(w.ejections).toEqual([
      expect.objectContaining({
        endpoint: 'in-ambient-7d8f9b6c54-abc12',
        outcome: 'EJECTED',
        ejectionSeconds: 30,
      }),
    ]);
    const endpoints = hop(w.scenario, 'in-ambient').endpoints;
    expect(endpoints.find((e) => e.name === 'in-ambient-7d8f9b6c54-abc12')).toMatchObject({
      ejected: true,
      sharePercent: 0,
    });
    for (const e of endpoints.filter((x) => x.name !== 'in-ambient-7d8f9b6c54-abc12'))
      expect(e.sharePercent).toBeCloseTo(50, 5);
  },
  'load-1.5x': ({ whatIf: w }) => {
    const before = hop(w.baseline, 'productpage').priorities;
    const after = hop(w.scenario, 'productpage').priorities;
    // Envoy's priority load reads health only: P0 (the one productpage pod, healthy) keeps
    // min(100, floor(140 × 1 / 1)) = 100 at 1.5× as at 1×; no connectionPool limits → overflow 0.
    expect(before[0]?.loadPercent).toBe(100);
    expect(after).toEqual(before);
    expect(w.overflowPercent).toBe(0);
    expect(w.sweep.map((p) => p.loadFactor)).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect(w.notes.length).toBeGreaterThan(0);
  },
  'overload-cascade': ({ whatIf: w }) => {
    // 3 pods at 60 % × 2 = 120 % > 100 %: one ejected (1 of 3 ≤ maxEjectionPercent 50), the cap keeps the
    // other two, now at 2 × 50 / 55.6 = 180 %, shedding 2 × 50 × (1 − 100/180) = 44.444444 %.
    expect(w.errorPercent).toBe(0);
    expect(w.cascade?.outcome).toBe('OSCILLATING');
    expect(w.cascade?.steps.map((s) => [s.failing.length, s.ejected.length, s.errorPercent])).toEqual([
      [0, 0, 0],
      [3, 1, 44.444444],
    ]);
    // 100 / 60 = 1.666667; no connectionPool → no overflow at any load.
    expect(w.cascade?.firstEjectionLoadFactor).toBe(1.666667);
    expect(w.cascade?.firstOverflowLoadFactor).toBeNull();
    // 1× and 1.5× (90 %) overload nothing; 2× is the state above.
    expect(w.sweep.map((p) => [p.loadFactor, p.ejectedEndpoints, p.errorPercent, p.cascade])).toEqual([
      [1, 0, 0, 'NO_OVERLOAD'],
      [1.5, 0, 0, 'NO_OVERLOAD'],
      [2, 1, 44.444444, 'OSCILLATING'],
    ]);
  },
  'zone-outage': ({ whatIf: w }) => {
    const failed = w.scenario.hops
      .flatMap((h) => h.endpoints)
      .filter((e) => String(e.locality).startsWith('us-east/us-east-1b'));
    expect(failed.length).toBeGreaterThan(0);
    // Health is stated once: every failed endpoint is `failing`; it reads unhealthy only where outlier
    // detection ejected it (the waypoint pod on ztunnel's hop stays healthy in ztunnel's eyes).
    for (const e of failed) {
      expect(e.failing).toBe(true);
      expect(e.healthy).toBe(!e.ejected);
    }
    expect(w.ejections.map((e) => e.outcome)).toEqual(
      expect.arrayContaining(['EJECTED', 'NO_OUTLIER_DETECTION']),
    );
    expect(w.errorPercent).toBeGreaterThan(0);
  },
  analyze: ({ analyze }) => {
    expect(analyze.length).toBeGreaterThan(0);
    for (const d of analyze) expect(d.code).toMatch(/^SPW\d{4}$/);
    expect(analyze.some((d) => d.resources.some((r) => r.name === 'in-ambient-failover'))).toBe(true);
  },
  snapshots: ({ snapshots, latest }) => {
    expect(snapshots.edges.map((e) => e.node.name).sort()).toEqual([
      'bookinfo-multicluster',
      'httpbin-after',
      'httpbin-before',
      'sidecar-client',
    ]);
    expect(snapshots.pageInfo.hasNextPage).toBe(false);
    expect(latest).not.toBeNull();
  },
};

const examples = documentedExamples(
  readFileSync(new URL('../../../docs/graphql.md', import.meta.url), 'utf8'),
);

describe('docs/graphql.md examples', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(
      testConfig({ SPILLWAY_IMPORT_EXAMPLES: 'true', SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0' }),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('documents an example for each question, each with a check', () => {
    expect(examples.map((e) => e.id).sort()).toEqual(Object.keys(CHECKS).sort());
  });

  it.each(examples)('$id runs against $snapshot and shows its facts', async ({ id, query }) => {
    const res = await graphql(app, query);
    const body = res.json<{ data?: Data; errors?: unknown }>();
    expect(body.errors).toBeUndefined();
    expect(res.statusCode).toBe(200);
    CHECKS[id]?.(body.data!);
  });
});
