import { describe, expect, it } from 'vitest';
import type {
  Labels,
  LoadBalancerSettings,
  LocalityLbSetting,
  Profile,
} from '../../../../src/engine/model/meshModel.js';
import {
  applyDistribute,
  applyFailoverPriority,
  assignEnvoyPriorities,
  effectiveLbSetting,
  failoverActivation,
  loadBalancerPolicy,
  localityFailover,
  localityMatch,
  localityString,
  networkPreferredFor,
  panicThreshold,
  parseLocality,
} from '../../../../src/engine/istio/index.js';
import type { LocalityGroupInput } from '../../../../src/engine/istio/index.js';
import type { IstioVector } from './istioVectors.js';
import { rows, unhandled } from './istioVectors.js';

const PROXY_LOCALITY = { region: 'region1', zone: 'zone1', subzone: 'subzone1' };

interface RawEndpoint {
  ip?: string;
  address?: string;
  locality?: string;
  labels?: Labels;
  lbWeight?: number;
}

/** Endpoints grouped by locality string in order of first appearance (or one group each). */
function groupEndpoints(endpoints: RawEndpoint[], oneGroupEach: boolean): LocalityGroupInput[] {
  const groups: {
    key: string;
    group: {
      locality: ReturnType<typeof parseLocality>;
      endpoints: { id: string; labels: Labels; weight?: number }[];
    };
  }[] = [];
  for (const ep of endpoints) {
    const key = ep.locality ?? '';
    const id = ep.ip ?? ep.address ?? key;
    const entry = {
      id,
      labels: ep.labels ?? {},
      ...(ep.lbWeight === undefined ? {} : { weight: ep.lbWeight }),
    };
    const existing = oneGroupEach ? undefined : groups.find((g) => g.key === key);
    if (existing !== undefined) existing.group.endpoints.push(entry);
    else groups.push({ key, group: { locality: parseLocality(key), endpoints: [entry] } });
  }
  return groups.map((g) => g.group);
}

function localityGroups(
  raw: {
    locality: { region: string; zone: string; subzone: string } | null;
    loadBalancingWeight?: number | null;
  }[],
): LocalityGroupInput[] {
  return raw.map((g, i) => ({
    locality: g.locality,
    ...(typeof g.loadBalancingWeight === 'number' ? { weight: g.loadBalancingWeight } : {}),
    endpoints: [{ id: `g${i}`, labels: {} }],
  }));
}

/** Cluster-level knobs: LB policy, locality_weighted_lb_config, panic threshold (`ApplyToCluster`). */
function replayClusterConfig(v: IstioVector, profile: Profile): void {
  const i = v.input;
  const e = v.expected;
  const lb = (i['loadBalancer'] ?? undefined) as LoadBalancerSettings | undefined;
  const meshConfig = i['meshConfig'] as { localityLbSetting?: LocalityLbSetting } | undefined;
  const eff = effectiveLbSetting({
    profile,
    mode: 'Any',
    ...(lb === undefined ? {} : { drLoadBalancer: lb }),
    ...(meshConfig === undefined
      ? {}
      : { mesh: { localityLbSetting: meshConfig.localityLbSetting ?? null } }),
  });
  const act = failoverActivation(eff, { hasOutlierDetection: i['outlierDetection'] === true });
  expect(loadBalancerPolicy(lb).policy).toBe(e['lbPolicy']);
  expect(act.localityWeightedLbConfig).toBe(e['localityWeightedLbConfig']);
  if (e['healthyPanicThresholdPercent'] !== undefined) {
    expect(
      panicThreshold({
        profile,
        mode: 'Any',
        sendUnhealthyEndpoints: i['PILOT_SEND_UNHEALTHY_ENDPOINTS'] === true,
      }).percent,
    ).toBe(e['healthyPanicThresholdPercent']);
  }
}

function replayFailoverPriority(v: IstioVector, profile: Profile): void {
  const i = v.input;
  const e = v.expected;
  const networkPreferred = networkPreferredFor(profile, 'DESTINATION_RULE');
  if ('outputGroupsInOrder' in e) {
    const split = applyFailoverPriority(
      i['proxyLabels'],
      groupEndpoints(i['endpoints'], false),
      i['failoverPriority'],
      networkPreferred,
    );
    expect(
      split.groups.map((g) => ({
        locality: localityString(g.locality),
        endpoints: g.endpoints.map((x) => x.id),
        priority: g.priority,
        localityWeight: g.weight,
      })),
    ).toEqual(e['outputGroupsInOrder']);
    return;
  }
  if ('priorityByEndpoint' in e && 'endpoints' in i) {
    const failover = (i['localityLbSetting.failover'] ?? []) as LocalityLbSetting['failover'];
    const result = assignEnvoyPriorities({
      profile,
      proxy: { locality: i['proxyLocality'], labels: i['proxyLabels'] },
      groups: groupEndpoints(i['endpoints'], true),
      setting: {
        kind: 'LOCALITY',
        setting: { failoverPriority: i['failoverPriority'], ...(failover === undefined ? {} : { failover }) },
        force: false,
        source: 'DESTINATION_RULE_LOCALITY',
        reason: 'vector',
      },
      hasOutlierDetection: i['enableFailover'] === true,
    });
    const got = Object.fromEntries(result.endpoints.map((x) => [x.id, x.priority]));
    if (profile === 'ISTIO_1_30' && v.id === 'fp-including-locality') {
      // The vector's note: without network preference all other-network endpoints share level 2.
      expect(got).toEqual({
        '1.1.1.1': 1,
        '2.2.2.2': 2,
        '3.3.3.3': 0,
        '4.4.4.4': 2,
        '5.5.5.5': 2,
        '6.6.6.6': 1,
      });
    } else {
      expect(got).toEqual(e['priorityByEndpoint']);
    }
    return;
  }
  if ('serviceEntry' in i) {
    const se = i['serviceEntry'] as { endpoints: { address: string; labels: Labels }[] };
    const groups = groupEndpoints(
      se.endpoints.map((x) => ({ address: x.address, labels: x.labels })),
      false,
    );
    expect(groups.length).toBe(e['groupsBefore']);
    const split = applyFailoverPriority(i['proxyLabels'], groups, i['failoverPriority'], networkPreferred);
    expect(split.groups.length).toBe(e['groupsAfter']);
    expect(
      Object.fromEntries(split.groups.flatMap((g) => g.endpoints.map((x) => [x.id, g.priority]))),
    ).toEqual(e['priorityByEndpoint']);
    return;
  }
  if ('clusterType' in i) {
    replayClusterConfig(v, profile);
    return;
  }
  if ('failoverPriorityCacheKey' in e) {
    const tp = i['destinationRuleTrafficPolicy'] as {
      outlierDetection?: object;
      loadBalancer?: LoadBalancerSettings;
    };
    const meshLocality =
      (i['meshConfig'] as { localityLbSetting?: LocalityLbSetting } | null)?.localityLbSetting ?? null;
    const eff = effectiveLbSetting({
      profile,
      mode: 'Any',
      mesh: { localityLbSetting: meshLocality },
      ...(tp.loadBalancer === undefined ? {} : { drLoadBalancer: tp.loadBalancer }),
    });
    const act = failoverActivation(eff, { hasOutlierDetection: tp.outlierDetection !== undefined });
    const labels = i['proxyLabels'] as Labels;
    const key =
      act.failoverEnabled && act.failoverPriority.length > 0
        ? act.failoverPriority.map((k) => `${k}:${labels[k] ?? ''} `).join('')
        : null;
    expect(key).toBe(e['failoverPriorityCacheKey']);
    return;
  }
  unhandled(v);
}

function replayLocalityFailover(v: IstioVector, profile: Profile): void {
  const i = v.input;
  const e = v.expected;
  if (i['variant'] === 'zoneAwareLbSetting') {
    const eff = effectiveLbSetting({
      profile,
      mode: 'Any',
      drLoadBalancer: { zoneAwareLbSetting: i['zoneAwareLbSetting'] },
    });
    const result = assignEnvoyPriorities({
      profile,
      proxy: { locality: i['proxyLocality'], labels: {}, kind: 'SIDECAR' },
      groups: localityGroups(i['localityGroups']),
      setting: eff,
      hasOutlierDetection: false,
    });
    expect(result.groups.map((g) => g.priority)).toEqual(e['priorityByGroupIndex']);
    const act = failoverActivation(eff, { hasOutlierDetection: false, proxyKind: 'SIDECAR' });
    if (e['commonLbConfig'] !== undefined) expect(act.zoneAwareLbConfig).toBeDefined();
    if (e['zoneAwareLbConfig'] !== undefined)
      expect(act.zoneAwareLbConfig?.routingEnabledPercent).toBe(e['zoneAwareLbConfig'].routingEnabledPercent);
    // Waypoints skip zone-aware entirely: one level.
    const atWaypoint = assignEnvoyPriorities({
      profile,
      proxy: { locality: i['proxyLocality'], labels: {}, kind: 'WAYPOINT' },
      groups: localityGroups(i['localityGroups']),
      setting: eff,
      hasOutlierDetection: false,
    });
    expect(new Set(atWaypoint.groups.map((g) => g.priority))).toEqual(new Set([0]));
    return;
  }
  if ('localityGroups' in i) {
    const failover = (i['localityLbSetting'] as LocalityLbSetting).failover ?? [];
    const r = localityFailover(
      i['proxyLocality'],
      (i['localityGroups'] as { locality: null }[]).map((g) => g.locality),
      failover,
    );
    expect(r.priorities).toEqual(e['priorityByGroupIndex']);
    return;
  }
  if ('destinationRule' in i) {
    const od = i['destinationRule'].trafficPolicy.outlierDetection;
    const eff = effectiveLbSetting({
      profile,
      mode: 'Any',
      mesh: { localityLbSetting: i['meshConfig'].localityLbSetting },
    });
    const result = assignEnvoyPriorities({
      profile,
      proxy: {
        locality: i['proxyLocality'],
        labels: {},
        kind: i['proxyType'] === 'router' ? 'INGRESS_GATEWAY' : 'SIDECAR',
      },
      groups: groupEndpoints(i['endpoints'], false),
      setting: eff,
      hasOutlierDetection: od !== undefined,
    });
    expect(result.groups.length).toBe(e['localityGroupCount']);
    expect(Object.fromEntries(result.groups.map((g) => [localityString(g.locality), g.priority]))).toEqual(
      e['priorityByLocality'],
    );
    expect(panicThreshold({ profile, mode: 'Any', outlierDetection: od }).percent).toBe(
      e['healthyPanicThresholdPercent'],
    );
    return;
  }
  unhandled(v);
}

function replayDistribute(v: IstioVector, profile: Profile): void {
  const i = v.input;
  const e = v.expected;
  if ('rule' in i) {
    expect(localityMatch(i['locality'], i['rule'])).toBe(e['match']);
    return;
  }
  if ('distribute' in i) {
    const d = applyDistribute(i['proxyLocality'], localityGroups(i['localityGroups']), i['distribute']);
    expect(d.weights.map((w) => w ?? 0)).toEqual(e['localityWeightByGroupIndex']);
    expect(d.removedGroups).toEqual(e['groupsWithEndpointsRemoved']);
    return;
  }
  if ('clusterType' in i) {
    replayClusterConfig(v, profile);
    return;
  }
  unhandled(v);
}

describe.each(['ISTIO_1_31', 'ISTIO_1_30'] as const)('priority vectors under %s', (profile) => {
  it.each(rows('failover_priority'))('failover_priority %s', (_id, v) => replayFailoverPriority(v, profile));
  const lf = rows('locality_failover').filter(
    ([, v]) => profile === 'ISTIO_1_31' || v.input['variant'] !== 'zoneAwareLbSetting',
  );
  it.each(lf)('locality_failover %s', (_id, v) => replayLocalityFailover(v, profile));
  it.each(rows('distribute'))('distribute %s', (_id, v) => replayDistribute(v, profile));
});

describe('zone-aware does not exist before 1.31', () => {
  it('ISTIO_1_30 ignores a DR zoneAwareLbSetting and falls back to the mesh default', () => {
    const eff = effectiveLbSetting({
      profile: 'ISTIO_1_30',
      mode: 'Any',
      drLoadBalancer: { zoneAwareLbSetting: { enabled: true } },
    });
    expect(eff.kind).toBe('LOCALITY');
    expect(eff.source).toBe('MESH_LOCALITY');
  });
});

it('PROXY_LOCALITY constant matches the vectors', () => {
  expect(
    rows('locality_failover').every(
      ([, v]) => JSON.stringify(v.input['proxyLocality']) === JSON.stringify(PROXY_LOCALITY),
    ),
  ).toBe(true);
});
