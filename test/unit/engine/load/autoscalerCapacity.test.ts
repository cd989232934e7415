/**
 * Issue 14 item 2: a HorizontalPodAutoscaler's CPU target as the backend's capacity when the what-if gives
 * none, and what the HPA would do at the scenario's load. The walk-through (examples/httpbin-after.yaml:
 * client-in-ambient → ztunnel → httpbin-waypoint → the Deployment in-ambient's three pods, outlier
 * detection with maxEjectionPercent 50) is uploaded with an HPA appended, through the real intake.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { desiredReplicas, scaleUpSeconds } from '../../../../src/engine/load/hpaScaleUp.js';
import type { MeshModel } from '../../../../src/engine/model/meshModel.js';
import { HPA_DEFAULT_SCALE_UP_POLICIES } from '../../../../src/engine/normalize/normalizeAutoscalers.js';
import { parseUpload } from '../../../../src/ingest/index.js';
import { resolve, whatIfOf } from '../scenarios/harness.js';

const CLIENT = 'httpbin/client-in-ambient';
const BACKEND = 'in-ambient';
const ABC = 'in-ambient-7d8f9b6c54-abc12';
const EXAMPLE = readFileSync(new URL('../../../../examples/httpbin-after.yaml', import.meta.url), 'utf8');

function withHpa(hpaYaml: string): MeshModel {
  const body = Buffer.from(`${EXAMPLE}\n---\n${hpaYaml}`);
  const result = parseUpload({ body, contentType: 'application/yaml', params: { name: 'hpa' } });
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
  return result.snapshot.model;
}

const V2 = (target: number, extra = ''): string => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: in-ambient, namespace: httpbin }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: in-ambient }
  minReplicas: 3
  maxReplicas: 4
  metrics:
  - type: Resource
    resource: { name: cpu, target: { type: Utilization, averageUtilization: ${target.toString()} } }
${extra}`;

const V1 = `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: { name: in-ambient, namespace: httpbin }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: in-ambient }
  maxReplicas: 10
  targetCPUUtilizationPercentage: 60
`;

const HPA60 = resolve(withHpa(V2(60)), CLIENT, BACKEND);

const backendUtilization = (w: ReturnType<typeof whatIfOf>): (number | null | undefined)[] =>
  w.scenario.hops[1]?.endpoints.map((e) => e.utilizationPercent) ?? [];

describe('an HPA target of 60 % gives the same numbers as utilizationPercent: 60', () => {
  it.each<[number, (number | null | undefined)[], number]>([
    // The HPA holds its pods at 60 % of their CPU request, so capacity per pod = 33.3 / 0.6 = 55.6 % of
    // the hop's nominal traffic (endpointUtilization.ts). abc12 ejected → the other two at 50 % each:
    // L 1: 100 × 50 / 55.6 = 90 %; L 1.5: 135 %, 2 × 50 × (1 − 100/135) = 25.925926 % saturated.
    [1, [0, 90, 90], 0],
    [1.5, [0, 135, 135], 25.925926],
  ])('load %s', (loadFactor, expected, saturated) => {
    const fromHpa = whatIfOf(HPA60, { ejectEndpoints: [ABC], loadFactor });
    const fromInput = whatIfOf(HPA60, { ejectEndpoints: [ABC], loadFactor, utilizationPercent: 60 });
    expect(backendUtilization(fromHpa)).toEqual(expected);
    expect(fromHpa.saturatedPercent).toBe(saturated);
    expect(backendUtilization(fromInput)).toEqual(expected);
    expect(fromInput.saturatedPercent).toBe(saturated);
    expect(fromHpa.notes.join('\n')).toContain('HorizontalPodAutoscaler httpbin/in-ambient');
  });

  it('autoscaling/v1 targetCPUUtilizationPercentage reads the same', () => {
    const w = whatIfOf(resolve(withHpa(V1), CLIENT, BACKEND), { ejectEndpoints: [ABC], loadFactor: 1.5 });
    expect(backendUtilization(w)).toEqual([0, 135, 135]);
  });

  it('the input wins over the HPA', () => {
    // 30 % instead of 60 %: capacity 111.1 % per pod, so 50 × 1.5 / 111.1 = 67.5 %.
    const w = whatIfOf(HPA60, { ejectEndpoints: [ABC], loadFactor: 1.5, utilizationPercent: 30 });
    expect(backendUtilization(w)).toEqual([0, 67.5, 67.5]);
  });
});

describe('what the HPA does at the scenario load', () => {
  it.each<[string, number, string, number, number, boolean, number]>([
    // The HPA averages over its three pods; the ejected one serves nothing and measures ~0:
    // L 1: (0 + 90 + 90) / 3 = 60 = target → no scale-up although two pods run at 90 %.
    ['load 1, maxReplicas 4', 1, '', 60, 3, true, 0],
    // L 1.5: (0 + 135 + 135) / 3 = 90 → ceil(3 × 90 / 60) = ceil(4.5) = 5 > maxReplicas 4: not absorbed;
    // reaching 4 takes one sync (defaults allow max(+4, +100 %) per 15 s) → 0 s after the metrics show it.
    ['load 1.5, maxReplicas 4', 1.5, '', 90, 5, false, 0],
    // L 3: (0 + 270 + 270) / 3 = 180 → ceil(3 × 3) = 9 > 4. With one pod per 60 s and a 30 s window, 3 → 4
    // happens at the first sync once the window has seen the rise: 30 s.
    [
      'load 3, slow policy',
      3,
      '  behavior: { scaleUp: { stabilizationWindowSeconds: 30, policies: [{ type: Pods, value: 1, periodSeconds: 60 }] } }\n',
      180,
      9,
      false,
      30,
    ],
  ])('%s', (_label, loadFactor, behavior, measured, desired, canAbsorb, seconds) => {
    const path = behavior === '' ? HPA60 : resolve(withHpa(V2(60, behavior)), CLIENT, BACKEND);
    const w = whatIfOf(path, { ejectEndpoints: [ABC], loadFactor });
    const [hpa] = w.autoscalers ?? [];
    expect(hpa?.measuredUtilizationPercent).toBeCloseTo(measured, 9);
    expect(hpa?.desiredReplicas).toBe(desired);
    expect(hpa?.canAbsorb).toBe(canAbsorb);
    expect(hpa?.scaleUpSeconds).toBe(seconds);
    expect(hpa?.currentReplicas).toBe(3);
  });

  it('no HPA, no outlook and no capacity', () => {
    const w = whatIfOf(resolve(withHpa(''), CLIENT, BACKEND), { loadFactor: 1.5 });
    expect(w.autoscalers).toBeUndefined();
    expect(w.saturatedPercent).toBeNull();
  });
});

describe('the HPA controller arithmetic (horizontal.go, defaults.go)', () => {
  const defaults = {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max' as const,
    policies: HPA_DEFAULT_SCALE_UP_POLICIES,
  };
  it.each<[number, number, number, number]>([
    [3, 90, 60, 5], // ceil(3 × 1.5) = ceil(4.5)
    [3, 65, 60, 3], // 65 / 60 = 1.083, within the 0.1 tolerance
    [3, 67, 60, 4], // 1.117 > 1.1: ceil(3.35)
    [10, 200, 50, 40],
  ])('desiredReplicas(%s, %s %%, target %s %%) = %s', (current, measured, target, desired) => {
    expect(desiredReplicas(current, measured, target)).toBe(desired);
  });
  it.each<[number, number, number]>([
    [3, 3, 0],
    [3, 7, 0], // max(3 + 4, 3 × 2) = 7 at the first sync
    [3, 20, 30], // 3 → 7 (0 s) → 14 (15 s) → 20 (30 s)
    [10, 100, 45], // 10 → 20 → 40 → 80 → 100 at 0, 15, 30, 45 s
  ])('from %s to %s replicas takes %s s with the default policies', (from, to, seconds) => {
    expect(scaleUpSeconds(from, to, defaults)).toBe(seconds);
  });
  it('selectPolicy Disabled never scales up', () => {
    expect(scaleUpSeconds(3, 4, { ...defaults, selectPolicy: 'Disabled' })).toBeUndefined();
  });
});
