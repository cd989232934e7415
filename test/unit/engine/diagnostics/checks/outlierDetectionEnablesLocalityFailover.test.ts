import { describe, expect, it } from 'vitest';
import { outlierDetectionEnablesLocalityFailover as check } from '../../../../../src/engine/diagnostics/checks/outlierDetectionEnablesLocalityFailover.js';
import { HOST, messages, RULE_SUMMARY } from './harness.js';

describe('SPW0002 outlier detection alone turns on locality failover', () => {
  it.each<[string, boolean, string[]]>([
    [
      'the mesh default setting is what acts',
      true,
      [
        `DestinationRule shop/web sets outlierDetection without a localityLbSetting: with the mesh default (enabled) this alone turns on locality failover for ${HOST} (same subzone, then zone, region, elsewhere).`,
      ],
    ],
    ['the rule or traffic distribution decides instead', false, []],
  ])('%s', (_label, outlierEnablesMeshFailover, expected) => {
    expect(messages(check, { rule: RULE_SUMMARY, host: HOST, outlierEnablesMeshFailover })).toEqual(expected);
  });
});
