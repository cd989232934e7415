import { describe, expect, it } from 'vitest';
import { destinationRuleHostMatchesNothing } from '../../../../../src/engine/diagnostics/checks/destinationRuleHostMatchesNothing.js';
import { destinationRuleNamespaceNotConsulted } from '../../../../../src/engine/diagnostics/checks/destinationRuleNamespaceNotConsulted.js';
import { localityLbSettingInvalid } from '../../../../../src/engine/diagnostics/checks/localityLbSettingInvalid.js';
import { localityLbSettingsExclusive } from '../../../../../src/engine/diagnostics/checks/localityLbSettingsExclusive.js';
import { maxEjectionPercentNeverEjects } from '../../../../../src/engine/diagnostics/checks/maxEjectionPercentNeverEjects.js';
import type { EjectionPoolFacts, RuleInMeshFacts } from '../../../../../src/engine/diagnostics/index.js';
import type { DestinationRuleModel } from '../../../../../src/engine/index.js';
import { makeDR } from '../../resolver/fixtures/meshBuilders.js';
import { HOST, messages, RULE_SUMMARY } from './harness.js';

const rule = (extra: Partial<DestinationRuleModel> = {}): DestinationRuleModel =>
  makeDR('c1', 'shop', 'web', 'web', extra);
const inMesh = (f: Partial<RuleInMeshFacts>): RuleInMeshFacts => ({
  rule: rule(),
  host: HOST,
  serviceCount: 1,
  serviceNamespaces: ['shop'],
  serviceEntryCount: 0,
  rootNamespace: 'istio-system',
  namespaceConsulted: false,
  ...f,
});

describe('SPW0008 DestinationRule host matches nothing', () => {
  it.each<[string, Partial<RuleInMeshFacts>, number]>([
    ['no Service and no ServiceEntry', { serviceCount: 0, serviceNamespaces: [] }, 1],
    ['a ServiceEntry', { serviceCount: 0, serviceNamespaces: [], serviceEntryCount: 1 }, 0],
    ['a Service', {}, 0],
  ])('%s', (_label, f, count) => {
    expect(messages(destinationRuleHostMatchesNothing, inMesh(f))).toHaveLength(count);
  });
});

describe('SPW0009 DestinationRule in a namespace no proxy reads', () => {
  it.each<[string, Partial<RuleInMeshFacts>, number]>([
    ['rule in another namespace, nobody there', { rule: { ...rule(), namespace: 'elsewhere' } }, 1],
    [
      'a sidecar or waypoint in that namespace reads it',
      { rule: { ...rule(), namespace: 'elsewhere' }, namespaceConsulted: true },
      0,
    ],
    ["the service's own namespace", {}, 0],
    ['the root namespace applies mesh-wide', { rule: { ...rule(), namespace: 'istio-system' } }, 0],
  ])('%s', (_label, f, count) => {
    expect(messages(destinationRuleNamespaceNotConsulted, inMesh(f))).toHaveLength(count);
  });
});

describe('SPW0010 maxEjectionPercent below one host', () => {
  // ejectHost: 100 × (0 + 1) ≤ max × hosts, so 10 % needs 10 hosts and 34 % needs 3.
  it.each<[number, number, number]>([
    [10, 3, 1],
    [10, 9, 1],
    [10, 10, 0],
    [34, 3, 0],
    [33, 3, 1],
    [10, 0, 0],
  ])('%i %% of %i hosts → %i finding(s)', (maxEjectionPercent, hosts, count) => {
    const f: EjectionPoolFacts = { rule: RULE_SUMMARY, host: HOST, hosts, maxEjectionPercent };
    expect(messages(maxEjectionPercentNeverEjects, f)).toHaveLength(count);
  });
  it('names the rule, the percent and the pool', () => {
    expect(
      messages(maxEjectionPercentNeverEjects, {
        rule: RULE_SUMMARY,
        host: HOST,
        hosts: 3,
        maxEjectionPercent: 10,
      }),
    ).toEqual([
      `DestinationRule shop/web: maxEjectionPercent 10% of the 3 endpoint(s) of ${HOST} is less than one host, so Envoy never ejects any.`,
    ]);
  });
});

describe('SPW0011 invalid locality setting', () => {
  it.each<[string, DestinationRuleModel, number]>([
    [
      'distribute weights summing to 90',
      rule({
        trafficPolicy: {
          loadBalancer: { localityLbSetting: { distribute: [{ from: 'r/*', to: { 'r/z/*': 90 } }] } },
        },
      }),
      1,
    ],
    [
      'weights summing to 100',
      rule({
        trafficPolicy: {
          loadBalancer: { localityLbSetting: { distribute: [{ from: 'r/*', to: { 'r/z/*': 100 } }] } },
        },
      }),
      0,
    ],
  ])('%s', (_label, dr, count) => {
    expect(messages(localityLbSettingInvalid, { rule: dr })).toHaveLength(count);
  });
});

describe('SPW0012 settings that exclude each other', () => {
  const both = {
    failoverPriority: ['topology.kubernetes.io/zone'],
    distribute: [{ from: '*', to: { 'r/*': 100 } }],
  };
  it.each<[string, DestinationRuleModel, string[]]>([
    [
      'distribute and failoverPriority at the top level',
      rule({ trafficPolicy: { loadBalancer: { localityLbSetting: both } } }),
      [
        'DestinationRule shop/web: trafficPolicy sets both distribute and failoverPriority; istiod accepts it but only distribute takes effect, so the failoverPriority order is never used.',
      ],
    ],
    [
      'on a port',
      rule({
        trafficPolicy: {
          portLevelSettings: [{ port: { number: 80 }, loadBalancer: { localityLbSetting: both } }],
        },
      }),
      [
        'DestinationRule shop/web: trafficPolicy.portLevelSettings[0] sets both distribute and failoverPriority; istiod accepts it but only distribute takes effect, so the failoverPriority order is never used.',
      ],
    ],
    [
      'disabled',
      rule({ trafficPolicy: { loadBalancer: { localityLbSetting: { ...both, enabled: false } } } }),
      [],
    ],
    [
      'distribute alone',
      rule({ trafficPolicy: { loadBalancer: { localityLbSetting: { distribute: both.distribute } } } }),
      [],
    ],
  ])('%s', (_label, dr, expected) => {
    expect(messages(localityLbSettingsExclusive, { rule: dr })).toEqual(expected);
  });
});
