import { describe, expect, it } from 'vitest';
import { clientOutsideMesh } from '../../../../../src/engine/diagnostics/checks/clientOutsideMesh.js';
import { destinationRuleOverridesTrafficDistribution } from '../../../../../src/engine/diagnostics/checks/destinationRuleOverridesTrafficDistribution.js';
import { noEastWestGateway } from '../../../../../src/engine/diagnostics/checks/noEastWestGateway.js';
import { zoneAwareIgnoredOnWaypoint } from '../../../../../src/engine/diagnostics/checks/zoneAwareIgnoredOnWaypoint.js';
import type { HopFacts } from '../../../../../src/engine/diagnostics/index.js';
import type { DestinationRuleProxyKind, EffectiveLbSetting } from '../../../../../src/engine/istio/index.js';
import { HOST, messages, RULE, SERVICE } from './harness.js';

const meshLocality: EffectiveLbSetting = {
  kind: 'LOCALITY',
  setting: { enabled: true },
  force: false,
  source: 'DESTINATION_RULE_LOCALITY',
  reason: 'DestinationRule loadBalancer.localityLbSetting',
};
const zoneAware: EffectiveLbSetting = {
  kind: 'ZONE_AWARE',
  setting: { enabled: true },
  force: true,
  source: 'DESTINATION_RULE_ZONE_AWARE',
  reason: 'DestinationRule loadBalancer.zoneAwareLbSetting',
};
const envoyHop = (envoy: Partial<NonNullable<HopFacts['envoy']>>): HopFacts => ({
  host: HOST,
  ruleHost: HOST,
  balancer: 'ENVOY',
  envoy: {
    proxyKind: 'SIDECAR',
    setting: meshLocality,
    rule: RULE,
    trafficDistribution: { mode: 'PreferSameZone', source: 'SERVICE_SPEC', resource: SERVICE },
    ...envoy,
  },
});

describe('SPW0014 client outside the mesh', () => {
  it.each<[string, HopFacts, number]>([
    [
      'a kube-proxy hop names its client',
      {
        host: HOST,
        ruleHost: HOST,
        balancer: 'KUBE_PROXY',
        outsideMeshClient: { kind: 'Workload', name: 'curl', namespace: 'legacy' },
      },
      1,
    ],
    ['an Envoy hop', envoyHop({}), 0],
  ])('%s', (_label, facts, count) => {
    expect(messages(clientOutsideMesh, facts)).toHaveLength(count);
  });
});

describe('SPW0021 zone-aware at a waypoint', () => {
  it.each<[string, HopFacts, number]>([
    ['zoneAwareLbSetting at a waypoint', envoyHop({ proxyKind: 'WAYPOINT', setting: zoneAware }), 1],
    ['zoneAwareLbSetting at a sidecar', envoyHop({ setting: zoneAware }), 0],
    ['localityLbSetting at a waypoint', envoyHop({ proxyKind: 'WAYPOINT' }), 0],
  ])('%s', (_label, facts, count) => {
    expect(messages(zoneAwareIgnoredOnWaypoint, facts)).toHaveLength(count);
  });
});

describe('SPW0022 a DestinationRule overrides traffic distribution', () => {
  it.each<[string, HopFacts, string[]]>([
    [
      'written PreferClose, DR locality setting in force',
      envoyHop({}),
      [
        `Traffic distribution PreferSameZone on ${HOST} is not used on this hop: DestinationRule shop/web decides locality load balancing (DestinationRule loadBalancer.localityLbSetting).`,
      ],
    ],
    [
      'traffic distribution decides',
      envoyHop({ setting: { ...meshLocality, source: 'TRAFFIC_DISTRIBUTION' } }),
      [],
    ],
    [
      'the default mode',
      envoyHop({ trafficDistribution: { mode: 'PreferSameZone', source: 'DEFAULT' } }),
      [],
    ],
    ['Any', envoyHop({ trafficDistribution: { mode: 'Any', source: 'SERVICE_ANNOTATION' } }), []],
    [
      'no rule in force',
      {
        ...envoyHop({}),
        envoy: {
          proxyKind: 'SIDECAR',
          setting: meshLocality,
          trafficDistribution: { mode: 'PreferSameZone', source: 'SERVICE_SPEC' },
        },
      },
      [],
    ],
  ])('%s', (_label, facts, expected) => {
    expect(messages(destinationRuleOverridesTrafficDistribution, facts)).toEqual(expected);
  });
});

describe('SPW0020 endpoints on a network without an east-west gateway', () => {
  it.each<[string, readonly string[], number]>([
    ['one network', ['net2'], 1],
    ['two networks, one finding each', ['net2', 'net3'], 2],
    ['every network has a gateway', [], 0],
  ])('%s', (_label, networksWithoutGateway, count) => {
    expect(messages(noEastWestGateway, { host: HOST, target: SERVICE, networksWithoutGateway })).toHaveLength(
      count,
    );
  });

  // What upstream does without a gateway depends on the proxy (ep_filters.go EndpointsByNetworkFilter):
  // a sidecar keeps the endpoints and addresses them directly; with ambient multi-network a waypoint or
  // gateway skips them ("no reachable E/W gateway"); an ingress gateway needs AMBIENT_ENABLE_MULTI_NETWORK_
  // INGRESS besides. The message must not claim Istio drops them for a sidecar.
  it.each<[string, DestinationRuleProxyKind | undefined, RegExp, RegExp | undefined]>([
    [
      'a sidecar addresses them directly',
      'SIDECAR',
      /a sidecar then addresses the pods directly/u,
      /leaves/u,
    ],
    [
      'a waypoint leaves them out',
      'WAYPOINT',
      /ambient multi-network this proxy then leaves them out/u,
      /directly/u,
    ],
    ['an east-west gateway leaves them out', 'EAST_WEST_GATEWAY', /leaves them out/u, /directly/u],
    [
      'an ingress gateway names its flag',
      'INGRESS_GATEWAY',
      /AMBIENT_ENABLE_MULTI_NETWORK_INGRESS/u,
      /directly/u,
    ],
    [
      'the mesh analysis names every kind',
      undefined,
      /sidecars .* waypoints and gateways .* ztunnel/u,
      undefined,
    ],
  ])('%s', (_label, proxyKind, says, doesNotSay) => {
    const [message] = messages(noEastWestGateway, {
      host: HOST,
      target: SERVICE,
      networksWithoutGateway: ['net2'],
      ...(proxyKind === undefined ? {} : { proxyKind }),
    });
    expect(message).toContain('on network net2 are kept');
    expect(message).toMatch(says);
    expect(message).not.toMatch(/Istio drops them/u);
    if (doesNotSay !== undefined) expect(message).not.toMatch(doesNotSay);
  });
});
