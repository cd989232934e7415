import { describe, expect, it } from 'vitest';
import { failoverInactiveWithoutOutlierDetection as check } from '../../../../../src/engine/diagnostics/checks/failoverInactiveWithoutOutlierDetection.js';
import type { LocalitySettingFacts } from '../../../../../src/engine/diagnostics/index.js';
import { HOST, messages, RULE } from './harness.js';

const base: LocalitySettingFacts = {
  owner: 'DestinationRule shop/web',
  setting: { failoverPriority: ['topology.kubernetes.io/zone'] },
  outlierDetection: false,
  resources: [RULE],
};

describe('SPW0001 failover configured without outlier detection', () => {
  it.each<[string, Partial<LocalitySettingFacts>, string[]]>([
    [
      'failoverPriority at a rule site (analysis)',
      { site: 'trafficPolicy' },
      [
        'DestinationRule shop/web: trafficPolicy configures failoverPriority without outlierDetection, so Envoy keeps every endpoint at priority 0 and never fails over.',
      ],
    ],
    [
      'failover in force on a hop',
      { owner: 'meshConfig.localityLbSetting', host: HOST, setting: { failover: [{ from: 'a', to: 'b' }] } },
      [
        `meshConfig.localityLbSetting configures failover for ${HOST} without outlierDetection, so Envoy keeps every endpoint at priority 0 and never fails over.`,
      ],
    ],
    ['with outlier detection the failover acts', { outlierDetection: true }, []],
    // distribute wins over failoverPriority and needs no outlier detection (ApplyLocalityLoadBalancer).
    [
      'distribute next to it',
      { setting: { failoverPriority: ['x'], distribute: [{ from: '*', to: { '*': 100 } }] } },
      [],
    ],
    ['locality load balancing disabled', { setting: { enabled: false, failoverPriority: ['x'] } }, []],
    ['nothing configured', { setting: { enabled: true } }, []],
  ])('%s', (_label, facts, expected) => {
    expect(messages(check, { ...base, ...facts })).toEqual(expected);
  });
});
