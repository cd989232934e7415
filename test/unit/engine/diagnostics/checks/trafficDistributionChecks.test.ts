import { describe, expect, it } from 'vitest';
import { trafficDistributionUnsupportedInProfile } from '../../../../../src/engine/diagnostics/checks/trafficDistributionUnsupportedInProfile.js';
import { unknownTrafficDistribution } from '../../../../../src/engine/diagnostics/checks/unknownTrafficDistribution.js';
import type { TrafficDistributionFacts } from '../../../../../src/engine/diagnostics/index.js';
import { messages, resourcesOf, SERVICE } from './harness.js';

const NAMESPACE = { kind: 'Namespace', name: 'shop', cluster: 'c1' };
const facts = (
  warnings: TrafficDistributionFacts['warnings'],
  subject?: typeof SERVICE,
): TrafficDistributionFacts => ({
  profile: 'ISTIO_1_31',
  warnings,
  ...(subject !== undefined ? { subject } : {}),
});
const unknown = {
  kind: 'UNKNOWN_VALUE',
  value: 'PreferCloze',
  message: "'PreferCloze' is not a known value; Istio treats it as Any",
  field: 'networking.istio.io/traffic-distribution',
  resource: NAMESPACE,
} as const;
const unsupported = {
  kind: 'UNSUPPORTED_IN_PROFILE',
  value: 'PreferRegion',
  message: 'PreferRegion is a Solo mode',
} as const;

describe('SPW0004 unknown traffic-distribution value', () => {
  it.each<[string, TrafficDistributionFacts, string[]]>([
    [
      'an unknown annotation value',
      facts([unknown]),
      [
        "networking.istio.io/traffic-distribution: 'PreferCloze' is not a known value; Istio treats it as Any.",
      ],
    ],
    ['a value of another profile is SPW0005, not this', facts([unsupported]), []],
    ['nothing written', facts([]), []],
  ])('%s', (_label, f, expected) => {
    expect(messages(unknownTrafficDistribution, f)).toEqual(expected);
  });
  it('names the object that carries the value', () => {
    expect(resourcesOf(unknownTrafficDistribution, facts([unknown], SERVICE))).toEqual([[NAMESPACE]]);
  });
});

describe('SPW0005 traffic-distribution value the profile does not accept', () => {
  it.each<[string, TrafficDistributionFacts, string[], unknown[][]]>([
    [
      'PreferRegion upstream, on a hop (no subject)',
      facts([unsupported]),
      ['PreferRegion is a Solo mode (profile ISTIO_1_31).'],
      [[]],
    ],
    [
      'the analysis names the Service',
      facts([unsupported], SERVICE),
      ['PreferRegion is a Solo mode (profile ISTIO_1_31).'],
      [[SERVICE]],
    ],
    ['an unknown value is SPW0004, not this', facts([unknown]), [], []],
  ])('%s', (_label, f, expected, resources) => {
    expect(messages(trafficDistributionUnsupportedInProfile, f)).toEqual(expected);
    expect(resourcesOf(trafficDistributionUnsupportedInProfile, f)).toEqual(resources);
  });
});
