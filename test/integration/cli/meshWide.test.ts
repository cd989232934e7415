/**
 * `spillway blast` and `spillway diff` on the example snapshots: as a pipeline runs them (child processes)
 * for the headline answers and exit codes, and in this process (`runCli`) for the tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BlastRadius, SnapshotDiff } from '../../../src/engine/index.js';
import { runInProcess } from './runInProcess.js';
import { REPO_ROOT, runSpillway } from './runSpillway.js';

/** One child run takes ~2 s on an idle 2-core machine; tests run a few at once, so allow 60× that. */
const TIMEOUT_MS = 120_000;
const BOOKINFO = 'examples/bookinfo-multicluster.yaml';
const BEFORE = 'examples/httpbin-before.yaml';
const AFTER = 'examples/httpbin-after.yaml';

describe('spillway blast and diff as a pipeline runs them', { timeout: TIMEOUT_MS }, () => {
  it('blast on bookinfo with a zone failed lists the impacted backends, worst first', async () => {
    const run = await runSpillway(['blast', BOOKINFO, '--fail', 'us-east/us-east-1a']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    // Derived in test/unit/engine/mesh/blastRadius.test.ts: ratings' only endpoint is in us-east-1a (100 %);
    // productpage.svc has one of its two equal-share cluster1 endpoints there (50 %).
    expect(lines[0]).toMatch(
      /^Blast radius of fail us-east\/us-east-1a \(profile SOLO\): 2 of 3 backends impacted; 8 client × backend pairs/,
    );
    expect(lines[1]).toMatch(
      /^ratings\.bookinfo\.svc\.cluster\.local {2}errors 100% {2}saturated unknown {2}overflow 0% {2}for ambient clients in cluster1/,
    );
    expect(lines[2]).toMatch(/^productpage\.bookinfo\.svc\.cluster\.local {2}errors 50% /);
  });

  it('diff of the httpbin before/after files names the in-ambient backend; --fail-on-change exits 1', async () => {
    const run = await runSpillway(['diff', BEFORE, AFTER, '--fail-on-change']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('in-ambient.httpbin: ambient clients in us-east-1/us-east-1a');
    expect(run.stdout).toContain('(DestinationRule httpbin/in-ambient-failover added)');
    expect(run.stdout).toContain('Diagnostic added: [SPW0002]');
  });

  it('diff reads one side from standard input', async () => {
    const run = await runSpillway(['diff', BEFORE, '-', '-o', 'json'], {
      stdin: readFileSync(join(REPO_ROOT, AFTER), 'utf8'),
    });
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout) as SnapshotDiff;
    expect(diff.changes.map((c) => c.backend)).toEqual(['in-ambient.httpbin.svc.cluster.local']);
  });
});

describe('spillway blast and diff in process', { timeout: TIMEOUT_MS }, () => {
  it.each([
    // A snapshot compared with itself: nothing changed, so 0 with or without --fail-on-change.
    {
      args: ['diff', AFTER, AFTER],
      code: 0,
      out: /^No change in effective behaviour across 4 client × backend pairs\.$/m,
    },
    { args: ['diff', AFTER, AFTER, '--fail-on-change'], code: 0, out: /No change/ },
    // Something changed, but failing on it was not asked for.
    { args: ['diff', BEFORE, AFTER], code: 0, out: /1 behaviour change\(s\)/ },
    { args: ['diff', AFTER, BEFORE], code: 0, out: /removed\)\.\n/ },
    {
      args: ['diff', BEFORE, AFTER, '--profile', 'ISTIO_1_31', '-o', 'yaml'],
      code: 0,
      out: /before: ISTIO_1_31\n {2}after: ISTIO_1_31/,
    },
  ])('$args → $code', async ({ args, code, out }) => {
    const run = await runInProcess(args);
    expect(run.code).toBe(code);
    expect(run.stdout).toMatch(out);
  });

  it('blast -o json carries the whole answer: classes, their clients and the class key', async () => {
    const run = await runInProcess(['blast', BOOKINFO, '--fail', 'cluster:cluster1', '-o', 'json']);
    expect(run.code).toBe(0);
    const blast = JSON.parse(run.stdout) as BlastRadius;
    expect(blast.impacts.map((i) => [i.backend, i.errorPercent])).toEqual([
      ['productpage.bookinfo.mesh.internal', 100],
      ['productpage.bookinfo.svc.cluster.local', 100],
      ['ratings.bookinfo.svc.cluster.local', 100],
    ]);
    expect(blast.impacts[0]?.classes[0]?.clientClass.clients).toEqual([
      'cluster1/bookinfo/productpage-v1',
      'cluster1/bookinfo/ratings-v1',
    ]);
    expect(blast.classKey.length).toBeGreaterThan(0);
  });

  it('blast --failure: the same zone failing as 5xx, refused connections or lost readiness', async () => {
    const errors = async (failure: string): Promise<[string, number][]> => {
      const run = await runInProcess([
        'blast',
        BOOKINFO,
        '--fail',
        'us-east/us-east-1a',
        '--failure',
        failure,
        '-o',
        'json',
      ]);
      expect(run.code).toBe(0);
      return (JSON.parse(run.stdout) as BlastRadius).impacts.map((i) => [i.backend, i.errorPercent]);
    };
    // productpage.bookinfo.svc.cluster.local: the waypoint balances its two cluster1 pods 50/50, one of them in
    // us-east-1a, with no outlier detection. A 503 is not retried: 50 %. A refused connection is retried
    // twice (Istio's DefaultPolicy, previous_hosts, 6 draws per retry): ½ · (½)^6 · (½)^6 = 0.0122 %. Lost
    // readiness removes the pod: no errors, so productpage is not impacted at all.
    // ratings: cluster1's only pod is in us-east-1a; not ready, ztunnel has no candidate left: 100 % dropped.
    expect(await errors('5xx')).toEqual([
      ['ratings.bookinfo.svc.cluster.local', 100],
      ['productpage.bookinfo.svc.cluster.local', 50],
    ]);
    expect(await errors('connect')).toEqual([
      ['ratings.bookinfo.svc.cluster.local', 100],
      ['productpage.bookinfo.svc.cluster.local', 0.012207],
    ]);
    expect(await errors('not-ready')).toEqual([['ratings.bookinfo.svc.cluster.local', 100]]);
  });

  it.each([
    { args: ['blast', BOOKINFO], code: 64, err: /required option '--fail <localities>'/ },
    { args: ['blast', BOOKINFO, '--fail', 'a/b/c/d'], code: 64, err: /failLocalities entry "a\/b\/c\/d"/ },
    { args: ['blast', BOOKINFO, '--fail', 'us-east', '--load', '0'], code: 64, err: /load factor/ },
    {
      args: ['blast', BOOKINFO, '--fail', 'us-east', '--failure', 'timeout'],
      code: 64,
      err: /a failure kind is one of 5xx\|connect\|not-ready/,
    },
    { args: ['blast', 'examples/nope.yaml', '--fail', 'us-east'], code: 66, err: /nope\.yaml/ },
    { args: ['diff', AFTER], code: 64, err: /missing required argument 'after'/ },
    { args: ['diff', '-', '-'], code: 64, err: /Only one of BEFORE and AFTER/ },
    { args: ['diff', BEFORE, AFTER, '--profile', 'NOPE'], code: 64, err: /Unknown profile "NOPE"/ },
  ])('$args → exit $code', async ({ args, code, err }) => {
    const run = await runInProcess(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(err);
  });
});
