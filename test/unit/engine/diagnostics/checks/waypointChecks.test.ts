import { describe, expect, it } from 'vitest';
import { globalServiceWaypointNotGlobal } from '../../../../../src/engine/diagnostics/checks/globalServiceWaypointNotGlobal.js';
import { ingressBypassesWaypoint } from '../../../../../src/engine/diagnostics/checks/ingressBypassesWaypoint.js';
import { waypointDoesNotServeServices } from '../../../../../src/engine/diagnostics/checks/waypointDoesNotServeServices.js';
import { waypointMissing } from '../../../../../src/engine/diagnostics/checks/waypointMissing.js';
import { waypointUnready } from '../../../../../src/engine/diagnostics/checks/waypointUnready.js';
import type { WaypointFacts, WaypointUseFacts } from '../../../../../src/engine/diagnostics/index.js';
import { HOST, messages, SERVICE } from './harness.js';

const NAMESPACE = { kind: 'Namespace', name: 'shop', cluster: 'c1' };
const use = (
  outcome: WaypointUseFacts['outcome'],
  extra: Partial<WaypointUseFacts> = {},
): WaypointUseFacts => ({
  backendHost: HOST,
  backend: SERVICE,
  backendGlobal: false,
  cluster: 'c1',
  use: { name: 'wp', namespace: 'shop', source: NAMESPACE },
  outcome,
  ...extra,
});

describe('waypoint use: each outcome raises its own check only', () => {
  const checks = [
    waypointMissing,
    waypointDoesNotServeServices,
    ingressBypassesWaypoint,
    globalServiceWaypointNotGlobal,
  ] as const;
  it.each<[string, WaypointUseFacts, string | undefined]>([
    [
      'MISSING',
      use('MISSING'),
      `Namespace shop asks for waypoint shop/wp, which does not exist in cluster c1; traffic to ${HOST} bypasses any L7 policy.`,
    ],
    [
      'NOT_FOR_SERVICES',
      use('NOT_FOR_SERVICES', { waypointFor: 'workload' }),
      `Waypoint shop/wp is for 'workload' traffic; ${HOST} is reached without it.`,
    ],
    [
      'INGRESS_BYPASS',
      use('INGRESS_BYPASS'),
      `The ingress gateway sends ${HOST} straight to its endpoints; waypoint shop/wp and its L7 policy are skipped. Label the service istio.io/ingress-use-waypoint=true to route through it.`,
    ],
    [
      'BOUND, global backend, local waypoint',
      use('BOUND', { backendGlobal: true, waypointGlobal: false }),
      `${HOST} is global but its waypoint shop/wp is not: clients in other clusters cannot reach the waypoint, so label its Service solo.io/service-scope=global.`,
    ],
    ['BOUND, both global', use('BOUND', { backendGlobal: true, waypointGlobal: true }), undefined],
    ['BOUND, local backend', use('BOUND'), undefined],
  ])('%s', (_label, facts, expected) => {
    const found = checks.flatMap((c) => messages(c, facts));
    expect(found).toEqual(expected === undefined ? [] : [expected]);
  });
});

describe('SPW0016 waypoint without a ready pod', () => {
  const wp: WaypointFacts = { namespace: 'shop', name: 'wp', cluster: 'c1', readyPods: 1, pods: 2 };
  it.each<[string, Partial<WaypointFacts>, string[]]>([
    [
      'no ready pod',
      { readyPods: 0 },
      ['Waypoint shop/wp in c1 has 0 ready pod(s) of 2; traffic through it fails.'],
    ],
    [
      'ready pods but not Programmed',
      { programmed: false },
      ['Waypoint shop/wp in c1 has 1 ready pod(s) of 2 and is not Programmed; traffic through it fails.'],
    ],
    ['ready and Programmed', { programmed: true }, []],
    ['ready, no status', {}, []],
  ])('%s', (_label, f, expected) => {
    expect(messages(waypointUnready, { ...wp, ...f })).toEqual(expected);
  });
});
