import { describe, expect, it } from 'vitest';
import { destinationRuleIgnoredOnZtunnelHop as check } from '../../../../../src/engine/diagnostics/checks/destinationRuleIgnoredOnZtunnelHop.js';
import type { ResourceRef } from '../../../../../src/engine/index.js';
import { HOST, messages, resourcesOf, RULE, RULE_SUMMARY, SERVICE } from './harness.js';

describe('SPW0003 a DestinationRule on a host only ztunnel balances', () => {
  it.each<[string, readonly ResourceRef[] | undefined, number]>([
    ['every service of the host is reached through ztunnel only', [SERVICE], 1],
    ['a ztunnel hop whose backend is not a Service', [], 1],
    ['a waypoint or sidecar applies the rule', undefined, 0],
  ])('%s', (_label, ztunnelOnly, count) => {
    const facts = {
      rule: RULE_SUMMARY,
      host: HOST,
      outlierEnablesMeshFailover: false,
      ...(ztunnelOnly !== undefined ? { ztunnelOnly } : {}),
    };
    expect(messages(check, facts)).toHaveLength(count);
    if (count > 0) {
      expect(messages(check, facts)[0]).toBe(
        `DestinationRule shop/web targets ${HOST}, which no waypoint serves: ambient clients reach it through ztunnel only, which applies none of the rule's fields (only sidecars and gateways do).`,
      );
      expect(resourcesOf(check, facts)[0]).toEqual([RULE, ...(ztunnelOnly ?? [])]);
    }
  });
});
