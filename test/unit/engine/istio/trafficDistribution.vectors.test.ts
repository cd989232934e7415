import { describe, expect, it } from 'vitest';
import type {
  LocalityLbSetting,
  Profile,
  ZoneAwareLbSetting,
} from '../../../../src/engine/model/meshModel.js';
import {
  TRAFFIC_DISTRIBUTION_ANNOTATION,
  effectiveLbSetting,
  failoverActivation,
  failoverPriorityForMode,
  failoverPriorityRank,
  generatedGatewayServiceAnnotations,
  networkPreferredFor,
  resolveTrafficDistribution,
  unhealthyEndpointSupport,
  ztunnelLoadBalancing,
} from '../../../../src/engine/istio/index.js';
import type { TrafficDistributionMode } from '../../../../src/engine/istio/index.js';
import type { IstioVector } from './istioVectors.js';
import { rows, unhandled } from './istioVectors.js';

const ann = (v: unknown): Record<string, string> =>
  typeof v === 'string' && v !== '<nil map>' ? { [TRAFFIC_DISTRIBUTION_ANNOTATION]: v } : {};

function service(name: string, spec: unknown, annotation: unknown) {
  return {
    cluster: 'c1',
    namespace: 'ns',
    name,
    annotations: ann(annotation),
    ...(typeof spec === 'string' ? { trafficDistribution: spec } : {}),
  };
}

const namespace = (annotation: unknown) => ({ cluster: 'c1', name: 'ns', annotations: ann(annotation) });

/** A vector's `"[null] (one nil failover entry…)"` stands for a non-nil setting; its content is irrelevant here. */
function setting<T extends LocalityLbSetting | ZoneAwareLbSetting>(raw: unknown): T | null {
  if (raw === null || raw === undefined) return null;
  const s = raw as Record<string, unknown>;
  if (typeof s['failover'] === 'string') return { ...s, failover: [] } as unknown as T;
  return s as T;
}

function modeOf(v: unknown): TrafficDistributionMode {
  return v === null || v === undefined ? 'Any' : (v as TrafficDistributionMode);
}

function replay(v: IstioVector, profile: Profile): void {
  const i = v.input;
  const e = v.expected;
  if ('endpointLabels' in i) {
    const mode = i['trafficDistribution'] as TrafficDistributionMode;
    const keys = failoverPriorityForMode(mode);
    const key = profile === 'ISTIO_1_30' ? 'rawPriorityByEndpoint_1_30' : 'rawPriorityByEndpoint';
    const got = Object.fromEntries(
      Object.entries(i['endpointLabels'] as Record<string, Record<string, string>>).map(([name, labels]) => [
        name,
        failoverPriorityRank(
          i['proxyLabels'],
          labels,
          keys,
          networkPreferredFor(profile, 'TRAFFIC_DISTRIBUTION'),
        ).raw,
      ]),
    );
    expect(got).toEqual(e[key]);
    return;
  }
  if ('gatewayClass' in i) {
    expect(generatedGatewayServiceAnnotations('istio-waypoint')).toEqual(e['generatedServiceAnnotations']);
    expect(generatedGatewayServiceAnnotations('istio-east-west')).toEqual(e['generatedServiceAnnotations']);
    expect(generatedGatewayServiceAnnotations('istio')).toEqual({});
    const r = resolveTrafficDistribution({ profile, target: 'WAYPOINT' });
    expect(r.mode).toBe('PreferSameZone');
    return;
  }
  if ('kind' in i) {
    const lbOf = (svc: {
      name: string;
      annotation?: unknown;
      spec?: unknown;
      publishNotReadyAddresses?: boolean;
    }) => {
      const isSe = i['kind'] === 'ServiceEntry';
      const td = resolveTrafficDistribution({
        profile,
        ...(isSe
          ? {
              serviceEntry: {
                cluster: 'c1',
                namespace: 'ns',
                name: svc.name,
                annotations: ann(i['serviceEntryAnnotation']),
              },
            }
          : { service: service(svc.name, svc.spec, svc.annotation) }),
        namespace: namespace(i['namespaceAnnotation']),
      });
      return ztunnelLoadBalancing({
        profile,
        kind: isSe ? 'ServiceEntry' : 'Service',
        mode: td.mode,
        ...(svc.publishNotReadyAddresses === undefined
          ? {}
          : { publishNotReadyAddresses: svc.publishNotReadyAddresses }),
        ...(typeof i['resolution'] === 'string'
          ? { resolution: i['resolution'] as 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN' }
          : {}),
      });
    };
    const want = e['workloadapi.LoadBalancing'] as Record<string, unknown>;
    if (Array.isArray(i['services'])) {
      for (const s of i['services'] as {
        name: string;
        serviceAnnotation: string;
        publishNotReadyAddresses: boolean;
      }[]) {
        const lb = lbOf({
          name: s.name,
          annotation: s.serviceAnnotation,
          publishNotReadyAddresses: s.publishNotReadyAddresses,
        });
        const expectedHealth = want[`${s.name}.healthPolicy`];
        if (expectedHealth !== undefined) expect(lb.healthPolicy).toBe(expectedHealth);
        else expect(lb.healthPolicy).toBe('ALLOW_ALL');
      }
      return;
    }
    const lb = lbOf({ name: 'svc', spec: i['spec.trafficDistribution'], annotation: undefined });
    expect(lb.mode).toBe(want['mode']);
    expect(lb.scopes).toEqual(want['routingPreference'] ?? []);
    expect(lb.healthPolicy).toBe(want['healthPolicy'] ?? 'ONLY_HEALTHY');
    return;
  }
  if ('spec.trafficDistribution' in i) {
    const r = resolveTrafficDistribution({
      profile,
      service: service('svc', i['spec.trafficDistribution'], i['serviceAnnotation']),
      namespace: namespace(i['namespaceAnnotation']),
    });
    expect(r.mode).toBe(e['trafficDistribution']);
    return;
  }
  if ('PILOT_SEND_UNHEALTHY_ENDPOINTS' in i) {
    const mode =
      i['serviceTrafficDistribution'] === null
        ? undefined
        : (i['serviceTrafficDistribution'] as TrafficDistributionMode);
    const s = unhealthyEndpointSupport(profile, mode, {
      sendUnhealthyEndpoints: i['PILOT_SEND_UNHEALTHY_ENDPOINTS'],
      autoSendUnhealthyEndpoints: i['PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS'],
    });
    expect(s).toEqual({
      supports: e['supportsUnhealthyEndpoints'],
      forces: e['forcesSupportUnhealthyEndpoints'],
    });
    return;
  }
  if ('meshLocalityLbSetting' in i) {
    const dr = (i['drLoadBalancerSettings'] ?? undefined) as Record<string, unknown> | undefined;
    const drLoadBalancer =
      dr === undefined
        ? undefined
        : {
            ...(dr['localityLbSetting'] === undefined
              ? {}
              : { localityLbSetting: setting<LocalityLbSetting>(dr['localityLbSetting']) ?? {} }),
            ...(dr['zoneAwareLbSetting'] === undefined
              ? {}
              : { zoneAwareLbSetting: setting<ZoneAwareLbSetting>(dr['zoneAwareLbSetting']) ?? {} }),
          };
    const mesh = {
      localityLbSetting: setting<LocalityLbSetting>(i['meshLocalityLbSetting']),
      zoneAwareLbSetting: setting<ZoneAwareLbSetting>(i['meshZoneAwareLbSetting']),
    };
    const r = effectiveLbSetting({
      profile,
      mode: modeOf(i['serviceTrafficDistribution']),
      mesh,
      ...(drLoadBalancer === undefined ? {} : { drLoadBalancer }),
    });
    const locality = r.kind === 'LOCALITY' ? r.setting : null;
    const zoneAware = r.kind === 'ZONE_AWARE' ? r.setting : null;
    const strip = (x: unknown) =>
      x === null
        ? null
        : JSON.parse(JSON.stringify(x, (k, val) => (k === 'failover' && typeof val === 'string' ? [] : val)));
    expect(locality === null ? null : { ...locality }).toEqual(strip(e['effectiveLocalityLbSetting']));
    expect(zoneAware === null ? null : { ...zoneAware }).toEqual(strip(e['effectiveZoneAwareLbSetting']));
    expect(r.kind !== 'NONE' && r.force).toBe(e['forceFailover']);
    if (e['zoneAwareRoutingEnabled'] !== undefined) {
      const a = failoverActivation(r, { hasOutlierDetection: false });
      expect((a.zoneAwareLbConfig?.routingEnabledPercent ?? 0) > 0).toBe(e['zoneAwareRoutingEnabled']);
    }
    return;
  }
  unhandled(v);
}

describe('traffic_distribution vectors', () => {
  it.each(rows('traffic_distribution'))('%s (ISTIO_1_31)', (_id, v) => replay(v, 'ISTIO_1_31'));

  /** Vectors that speak about 1.30 too (explicit `_1_30` expectations, or behaviour unchanged since 1.30). */
  const also130 = rows('traffic_distribution').filter(
    ([, v]) => 'endpointLabels' in v.input || 'spec.trafficDistribution' in v.input || 'kind' in v.input,
  );
  it.each(also130)('%s (ISTIO_1_30)', (_id, v) => replay(v, 'ISTIO_1_30'));
});
