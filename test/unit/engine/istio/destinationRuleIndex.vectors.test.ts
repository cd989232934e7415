import { describe, expect, it } from 'vitest';
import type { DestinationRuleModel } from '../../../../src/engine/model/meshModel.js';
import {
  buildDestinationRuleIndex,
  lookupDestinationRules,
  mostSpecificHostMatch,
  selectDestinationRule,
} from '../../../../src/engine/istio/index.js';
import type { IstioVector, VectorData } from './istioVectors.js';
import { rows, unhandled } from './istioVectors.js';

const T0_MS = Date.UTC(2026, 0, 1);
const SECOND_MS = 1000;

/** `t0`, `t0+1s`, `t0-1s` → ISO timestamps that sort the same way. */
function created(label: unknown): string | undefined {
  if (typeof label !== 'string') return undefined;
  const m = /^t0(?:([+-])(\d+)s)?$/.exec(label);
  if (m === null) throw new Error(`unknown creation label ${label}`);
  const offset = m[1] === undefined ? 0 : (m[1] === '-' ? -1 : 1) * Number(m[2]) * SECOND_MS;
  return new Date(T0_MS + offset).toISOString();
}

function toModel(raw: VectorData): DestinationRuleModel {
  const ts = created(raw['created']);
  return {
    cluster: 'c1',
    namespace: raw['namespace'],
    name: raw['name'],
    host: raw['host'],
    exportTo: raw['exportTo'] ?? [],
    subsets: ((raw['subsets'] ?? []) as string[]).map((name) => ({ name })),
    ...(raw['workloadSelector'] ? { workloadSelector: raw['workloadSelector'] } : {}),
    ...(ts === undefined ? {} : { creationTimestamp: ts }),
  };
}

function replay(v: IstioVector): void {
  const i = v.input;
  const e = v.expected;
  if ('ruleHosts' in i) {
    expect(mostSpecificHostMatch(i['lookupHost'], i['ruleHosts']) ?? null).toBe(e['matchedRuleHost']);
    return;
  }
  if ('destinationRules' in i) {
    const index = buildDestinationRuleIndex((i['destinationRules'] as VectorData[]).map(toModel), {
      rootNamespace: i['rootNamespace'] ?? 'istio-system',
      ...(Array.isArray(i['defaultDestinationRuleExportTo'])
        ? { defaultDestinationRuleExportTo: i['defaultDestinationRuleExportTo'] }
        : {}),
    });
    const lookup = lookupDestinationRules(index, {
      proxyNamespace: i['proxyNamespace'],
      serviceNamespace: i['serviceNamespace'],
      hostname: i['host'],
    });
    if ('selectedSubsets' in e) {
      const first = lookup.rules[0];
      expect(first === undefined ? null : first.rule.subsets.map((s) => s.name)).toEqual(
        e['selectedSubsets'],
      );
      return;
    }
    if ('consolidatedRulesInOrder' in e) {
      expect(lookup.rules.map((r) => r.rule.name)).toEqual(e['consolidatedRulesInOrder']);
      if (e['mergedFrom'] !== undefined) {
        const from = Object.fromEntries(
          lookup.rules.map((r) => [r.rule.name, r.from.map((f) => `${f.namespace ?? ''}/${f.name}`)]),
        );
        expect(from).toEqual(e['mergedFrom']);
      }
      return;
    }
  }
  unhandled(v);
}

describe('dr_selection vectors', () => {
  it.each(rows('dr_selection'))('%s', (_id, v) => replay(v));
});

describe('picking one rule for a proxy (SidecarScope.DestinationRule)', () => {
  const v = rows('dr_selection').find(([id]) => id === 'dr-workloadselector-same-ns')?.[1];
  if (v === undefined) throw new Error('vector dr-workloadselector-same-ns missing');
  const index = buildDestinationRuleIndex((v.input['destinationRules'] as VectorData[]).map(toModel));
  const base = { proxyNamespace: 'test', serviceNamespace: 'test', hostname: 'httpbin.org' };
  it.each([
    [
      'sidecar app1 takes the app1 selector rule',
      'SIDECAR',
      { app: 'app1' },
      'nsRule1',
      ['test/nsRule1', 'test/nsRule4'],
    ],
    [
      'sidecar app2 takes the merged app2 rule',
      'SIDECAR',
      { app: 'app2' },
      'nsRule2',
      ['test/nsRule2', 'test/nsRule3', 'test/nsRule4'],
    ],
    [
      'an unselected sidecar takes the last selector-less rule',
      'SIDECAR',
      { app: 'other' },
      'nsRule4',
      ['test/nsRule4'],
    ],
    ['a waypoint never uses selector rules', 'WAYPOINT', { app: 'app1' }, 'nsRule4', ['test/nsRule4']],
    [
      'an east-west gateway ignores DestinationRules',
      'EAST_WEST_GATEWAY',
      { app: 'app1' },
      undefined,
      undefined,
    ],
  ] as const)('%s', (_name, proxyKind, proxyLabels, ruleName, from) => {
    const s = selectDestinationRule(index, { ...base, proxyKind, proxyLabels });
    expect(s.rule?.rule.name).toBe(ruleName);
    expect(s.rule?.from.map((f) => `${f.namespace ?? ''}/${f.name}`)).toEqual(from);
    expect(s.trace.length).toBeGreaterThan(0);
  });
});
