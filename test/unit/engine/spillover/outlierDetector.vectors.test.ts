import { describe, expect, it } from 'vitest';
import { parseEnvoyOutlierDetection } from '../../../../src/engine/spillover/index.js';
import type { EnvoyOutlierDetectionProto } from '../../../../src/engine/spillover/index.js';
import { OutlierDetectorSimulation, type OutlierResult } from './oracles/outlierDetectorSimulation.js';
import { successRateEjectionThreshold } from './oracles/successRate.js';
import { loadEnvoyVectors } from './envoyVectors.js';
import type { EnvoyVector, Expected, OutlierEvent, OutlierVectorInput, ProtoValue } from './envoyVectors.js';

const vectors = loadEnvoyVectors<OutlierVectorInput>(['outlier']);
const byId = new Map(vectors.map((v) => [v.id, v]));
const vector = (id: string): EnvoyVector<OutlierVectorInput> => {
  const v = byId.get(id);
  if (!v) throw new Error(`missing vector ${id}`);
  return v;
};

/** Runtime overrides are constant within a test, so they fold into the proto config. */
function protoFor(
  config: Readonly<Record<string, ProtoValue>>,
  runtime: Readonly<Record<string, ProtoValue>> = {},
): EnvoyOutlierDetectionProto {
  const proto: Record<string, ProtoValue> = { ...config };
  for (const [key, value] of Object.entries(runtime)) {
    if (key.startsWith('outlier_detection.')) {
      const field = key.slice('outlier_detection.'.length).replace(/_ms$/, '');
      proto[field] = value;
    } else if (key.startsWith('enforcing_')) {
      proto[key] = String(value).endsWith('true') ? 100 : 0;
    }
  }
  return proto;
}

function simulator(v: { input: OutlierVectorInput }, extraConfig: Readonly<Record<string, ProtoValue>> = {}) {
  const parsed = parseEnvoyOutlierDetection(
    protoFor({ ...(v.input.config ?? {}), ...extraConfig }, v.input.runtime),
  );
  if (!parsed.ok) throw new Error(parsed.reason);
  const fixed = v.input.random;
  const random = fixed === undefined ? undefined : (): number => fixed;
  const rule = String(v.input.envoy_version ?? '').startsWith('pre-1.28') ? 'ENVOY_1_26' : 'ENVOY_1_31';
  return new OutlierDetectorSimulation(parsed.config, v.input.hosts, { rule, ...(random ? { random } : {}) });
}

function codesOf(codes: number[] | string | undefined): number[] {
  if (codes === undefined) return [];
  if (Array.isArray(codes)) return codes;
  const [, n, code] = /^(\d+) x (\d+)$/.exec(codes) ?? [];
  return Array.from({ length: Number(n) }, () => Number(code));
}

const RESULT_NAMES: Record<string, OutlierResult> = {
  LocalOriginTimeout: 'LOCAL_ORIGIN_TIMEOUT',
  LocalOriginConnectFailed: 'LOCAL_ORIGIN_CONNECT_FAILED',
  ExtOriginRequestFailed: 'EXT_ORIGIN_REQUEST_FAILED',
};

type Sim = ReturnType<typeof simulator>;

function apply(sim: Sim, hosts: number, e: OutlierEvent): void {
  const at = e.t_ms ?? 0;
  const host = typeof e.host === 'number' ? e.host : 0;
  switch (e.op) {
    case 'responses': {
      const targets = e.host === 'all' ? Array.from({ length: hosts }, (_, i) => i) : [host];
      for (const h of targets) for (const code of codesOf(e.codes)) sim.putHttpResponseCode(h, code, at);
      return;
    }
    case 'results': {
      const [, n, name, arg] = /^(\d+) x (\w+)\((.*)\)$/.exec(e.results ?? '') ?? [];
      const code = /^code=(\d+)$/.exec(arg ?? '')?.[1];
      const result = RESULT_NAMES[name ?? ''];
      if (!result) throw new Error(`unknown result ${String(name)}`);
      for (let i = 0; i < Number(n); i += 1)
        sim.putResult(host, result, code === undefined ? undefined : Number(code), at);
      return;
    }
    case 'interval':
      sim.intervalTick(at);
      return;
    case 'interval_every_10s':
      for (let t = e.from_t_ms ?? 0; t <= (e.to_t_ms ?? 0); t += 10_000) sim.intervalTick(t);
      return;
    case 'active_hc_result':
      sim.activeHealthCheck(host, e.result === 'Healthy');
      return;
    case 'remove_hosts':
      sim.removeHosts(Array.from({ length: hosts }, (_, i) => i));
      return;
    default:
      throw new Error(`unknown op ${String(e.op)}`);
  }
}

/** Asserts one `expect` block; returns how many keys it checked (every key must be understood). */
function assertState(sim: Sim, expectBlock: Expected): number {
  let n = 0;
  for (const [key, value] of Object.entries(expectBlock)) {
    const hostEjected = /^host(\d+)_ejected$/.exec(key);
    const hostRate = /^host(\d+)_success_rate$/.exec(key);
    if (hostEjected) expect(sim.isEjected(Number(hostEjected[1])), key).toBe(value);
    else if (hostRate) expect(sim.externalSuccessRate(Number(hostRate[1]))).toBeCloseTo(value as number, 5);
    else if (key === 'ejection_type')
      expect(sim.events.filter((l) => l.action === 'EJECT').at(-1)?.type).toBe(value);
    else if (key === 'logged' || key === 'also_logged') {
      const [type] = String(value).split(' ');
      expect(
        sim.events.some((l) => l.action === 'DETECTED_NOT_ENFORCED' && l.type === type),
        key,
      ).toBe(true);
    } else if (key === 'no_second_ejection_event')
      expect(sim.events.filter((l) => l.action === 'EJECT').length).toBe(1);
    else if (key.startsWith('ejections_')) expect(sim.stat(key), key).toBe(value);
    else throw new Error(`unhandled expectation ${key}`);
    n += 1;
  }
  return n;
}

function ejectionDurations(sim: Sim, host: number): number[] {
  const out: number[] = [];
  let since: number | undefined;
  for (const l of sim.events) {
    if (l.host !== host) continue;
    if (l.action === 'EJECT') since = l.atMs;
    if (l.action === 'UNEJECT' && since !== undefined) {
      out.push(l.atMs - since);
      since = undefined;
    }
  }
  return out;
}

function replay(
  v: { input: OutlierVectorInput },
  extraConfig: Readonly<Record<string, ProtoValue>> = {},
): { sim: Sim; checked: number } {
  const sim = simulator(v, extraConfig);
  let checked = 0;
  const events = typeof v.input.events === 'string' ? [] : (v.input.events ?? []);
  for (const e of events) {
    apply(sim, v.input.hosts, e);
    if (e.expect) checked += assertState(sim, e.expect);
  }
  return { sim, checked };
}

/** od-max-*: eject, then tick every interval until the host is back; returns the tick counts per round. */
function ejectAndTickRounds(sim: Sim, rounds: number): number[] {
  const ticks: number[] = [];
  let now = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < 5; i += 1) sim.putHttpResponseCode(0, 500, now);
    expect(sim.isEjected(0)).toBe(true);
    let n = 0;
    while (sim.isEjected(0)) {
      now += 10_000;
      n += 1;
      sim.intervalTick(now);
      if (n > 100) throw new Error('never unejected');
    }
    ticks.push(n);
  }
  return ticks;
}

describe('envoy.json outlier vectors', () => {
  it('has the 18 outlier vectors, each replayed below', () => {
    expect(vectors.map((v) => v.id).sort()).toEqual(
      [
        'od-cfg-1',
        'od-cfg-4',
        'od-5xx-1',
        'od-gw-1',
        'od-mep-2',
        'od-mep-3',
        'od-mep-5',
        'od-mep-legacy-2',
        'od-backoff-1',
        'od-backoff-2',
        'od-max-1',
        'od-max-2',
        'od-jitter-1',
        'od-sr-1',
        'od-fp-1',
        'od-lo-1',
        'od-already-1',
        'od-hc-1',
      ].sort(),
    );
  });

  it('od-cfg-1: config parsing fills defaults', () => {
    const v = vector('od-cfg-1');
    const parsed = parseEnvoyOutlierDetection(v.input.config ?? {});
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.config).toMatchObject(v.expected);
  });

  it('od-cfg-4: max_ejection_time below base is rejected', () => {
    const v = vector('od-cfg-4');
    expect(parseEnvoyOutlierDetection(v.input.config ?? {}).ok).toBe(v.expected.create_ok);
  });

  it('od-sr-1: success-rate threshold', () => {
    const v = vector('od-sr-1');
    const t = successRateEjectionThreshold(v.input.success_rates ?? [], v.input.stdev_factor ?? 0);
    expect(t.mean).toBeCloseTo(v.expected.mean as number, 9);
    expect(t.threshold).toBeCloseTo(v.expected.ejection_threshold as number, 9);
  });

  it.each(['od-5xx-1', 'od-gw-1', 'od-lo-1', 'od-already-1', 'od-fp-1'])('%s: event sequence', (id) => {
    const v = vector(id);
    const { sim, checked } = replay(v);
    expect(checked).toBeGreaterThan(0);
    if (id === 'od-already-1')
      expect(sim.events.filter((l) => l.action === 'EJECT').length).toBe(v.expected.ejections);
    if (id === 'od-fp-1') {
      // Re-run to the 10 s tick only, to check the whole ejected vector at that instant.
      const partial = simulator(v);
      const events = typeof v.input.events === 'string' ? [] : (v.input.events ?? []);
      for (const e of events.filter((e) => (e.t_ms ?? 0) <= 10_000)) apply(partial, 5, e);
      expect([0, 1, 2, 3, 4].map((h) => partial.isEjected(h))).toEqual(v.expected.ejected_at_10000);
    }
  });

  it.each(['od-mep-2', 'od-mep-3', 'od-mep-5', 'od-mep-legacy-2'])('%s: max ejection cap', (id) => {
    const v = vector(id);
    const { sim } = replay(v);
    const ejected = Array.from({ length: v.input.hosts }, (_, h) => sim.isEjected(h));
    expect(ejected).toEqual(v.expected.ejected);
    for (const [key, value] of Object.entries(v.expected))
      if (key.startsWith('ejections_')) expect(sim.stat(key), key).toBe(value);
  });

  it.each(['od-backoff-1', 'od-backoff-2'])('%s: decaying multiplier', (id) => {
    const v = vector(id);
    const { sim, checked } = replay(v);
    expect(checked).toBeGreaterThan(0);
    expect(ejectionDurations(sim, 0)).toEqual(v.expected.ejection_durations_ms);
  });

  it('od-max-1: durations saturate at max_ejection_time (ticks until uneject = min(n, 30))', () => {
    const sim = simulator(vector('od-max-1'));
    const ticks = ejectAndTickRounds(sim, 39);
    expect(ticks).toEqual(Array.from({ length: 39 }, (_, i) => Math.min(i + 1, 30)));
  });

  it('od-max-2: a max not aligned to ticks is observed at the next tick (31 ticks)', () => {
    const v = vector('od-max-2');
    const sim = simulator(v);
    const ticks = ejectAndTickRounds(sim, 40);
    expect(ticks).toEqual(
      Array.from({ length: 40 }, (_, i) =>
        Math.min(i + 1, v.expected.ticks_until_uneject_after_saturation as number),
      ),
    );
  });

  it('od-jitter-1: jitter = random % (max jitter + 1)', () => {
    const v = vector('od-jitter-1');
    const { sim } = replay(v);
    expect(sim.isEjected(0)).toBe(v.expected.host0_ejected);
    expect(sim.jitterMs(0)).toBe(v.expected.jitter_ms);
  });

  it('od-hc-1: a passing active health check unejects unless disabled', () => {
    const v = vector('od-hc-1');
    const [withDefault = {}, withoutUneject = {}] = v.input.config_variants ?? [];
    const after = v.expected.host0_ejected_after_hc as Record<string, boolean>;
    expect(replay(v, withDefault).sim.isEjected(0)).toBe(after.default);
    expect(replay(v, withoutUneject).sim.isEjected(0)).toBe(
      after['successful_active_health_check_uneject_host=false'],
    );
  });
});
