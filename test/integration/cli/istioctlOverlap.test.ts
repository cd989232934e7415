/**
 * `spillway analyze` finds what `istioctl analyze` finds where the checks overlap: on one two-cluster
 * snapshot (test/fixtures/analyze/istioctl-overlap.yaml) each overlapping check flags the resources the
 * istioctl analyzer would, and names that analyzer's code in `equivalent`.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './runInProcess.js';

const FIXTURE = 'test/fixtures/analyze/istioctl-overlap.yaml';

interface JsonFinding {
  code: string;
  origin?: string;
  cluster?: string;
  message: string;
  equivalent?: string;
  resources: { kind: string; name: string; namespace?: string; cluster?: string }[];
}

async function findings(...extra: string[]): Promise<{ found: JsonFinding[]; stderr: string }> {
  const run = await runInProcess(['analyze', '-o', 'json', ...extra, FIXTURE]);
  // SPW0013 (cart has no endpoint) and SPW0023 are Errors, the default failure threshold.
  expect(run.code).toBe(79);
  return { found: JSON.parse(run.stdout) as JsonFinding[], stderr: run.stderr };
}

describe('analyze flags what istioctl analyze flags, with its code in equivalent', () => {
  it.each<[code: string, equivalent: string, expected: string[]]>([
    // IST0173: subsets v3 (no pod runs version v3) and east (the pod's Node is in us-west-1); v1 and
    // west-1a select the pod, west-1a through the zone label of its Node.
    [
      'SPW0023',
      'IST0173',
      [
        'DestinationRule web-subsets.shop cluster1: subset east',
        'DestinationRule web-subsets.shop cluster1: subset v3',
      ],
    ],
    // IST0170: cart is a ClusterIP Service with one port in cluster1, a LoadBalancer with two in cluster2;
    // web agrees across the clusters.
    ['SPW0024', 'IST0170', ['Service cart.shop cluster1: Service cart.shop cluster1,cluster2']],
    // IST0171: WaypointBound=False on the web Service and the payments ServiceEntry; Argo CD's own
    // negative condition on web is not read.
    [
      'SPW0025',
      'IST0171',
      [
        'Service web.shop cluster1: istio.io/WaypointBound=False (NoWaypoint)',
        'ServiceEntry payments.shop cluster1: istio.io/WaypointBound=False (WaypointIsNotReady)',
      ],
    ],
  ])('%s (%s)', async (code, equivalent, expected) => {
    const hits = (await findings()).found.filter((f) => f.code === code);
    expect(hits.every((f) => f.equivalent === equivalent)).toBe(true);
    const describe = (f: JsonFinding): string => {
      const detail =
        /subset \S+/u.exec(f.message)?.[0] ??
        /reports (\S+ \(\w+\))/u.exec(f.message)?.[1] ??
        `Service ${f.resources[0]?.name ?? ''}.${f.resources[0]?.namespace ?? ''} ${f.resources.map((r) => r.cluster).join(',')}`;
      return `${f.origin ?? ''} ${f.cluster ?? ''}: ${detail}`;
    };
    expect(hits.map(describe).sort()).toEqual(expected);
  });

  it('--suppress silences one subset rule by name, and the other checks stay', async () => {
    const { found, stderr } = await findings('--suppress', 'SPW0023=DestinationRule web-subsets.*');
    const codes = found.map((f) => f.code);
    expect(stderr).toBe('(2 finding(s) suppressed)\n');
    expect(codes).not.toContain('SPW0023');
    expect(codes).toEqual(expect.arrayContaining(['SPW0024', 'SPW0025']));
  });

  it('--list-analyzers shows each check with its istioctl code', async () => {
    const run = await runInProcess(['analyze', '--list-analyzers', '-o', 'json']);
    const listed = JSON.parse(run.stdout) as { code: string; equivalent?: string }[];
    expect(
      listed.filter((c) => ['SPW0023', 'SPW0024', 'SPW0025'].includes(c.code)).map((c) => c.equivalent),
    ).toEqual(['IST0173', 'IST0170', 'IST0171']);
  });
});
