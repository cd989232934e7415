import { describe, expect, it } from 'vitest';
import { backendNoReadyEndpoints } from '../../../../../src/engine/diagnostics/checks/backendNoReadyEndpoints.js';
import { internalTrafficPolicyLocalNoFailover } from '../../../../../src/engine/diagnostics/checks/internalTrafficPolicyLocalNoFailover.js';
import { internalTrafficPolicyLocalNoLocalEndpoint } from '../../../../../src/engine/diagnostics/checks/internalTrafficPolicyLocalNoLocalEndpoint.js';
import type { DestinationFacts } from '../../../../../src/engine/diagnostics/index.js';
import { HOST, messages, SERVICE } from './harness.js';

const base: DestinationFacts = {
  host: HOST,
  target: SERVICE,
  cluster: 'c1',
  internalTrafficPolicyLocal: false,
  readyEndpoints: 3,
};
const local: Partial<DestinationFacts> = {
  internalTrafficPolicyLocal: true,
  viewer: { name: 'ztunnel@node-a', node: 'node-a' },
};

describe('SPW0006 internalTrafficPolicy Local removes failover', () => {
  it.each<[string, Partial<DestinationFacts>, number]>([
    ['Local', local, 1],
    ['Cluster', {}, 0],
  ])('%s', (_label, f, count) => {
    const found = messages(internalTrafficPolicyLocalNoFailover, { ...base, ...f });
    expect(found).toHaveLength(count);
    if (count > 0)
      expect(found[0]).toBe(
        `${HOST} has internalTrafficPolicy: Local: every client only uses endpoints on its own node, with no failover; traffic distribution is ignored by ztunnel.`,
      );
  });
});

it('SPW0006: no Service or ServiceEntry to name, no finding', () => {
  expect(
    messages(internalTrafficPolicyLocalNoFailover, {
      host: HOST,
      cluster: 'c1',
      internalTrafficPolicyLocal: true,
    }),
  ).toEqual([]);
});

describe('SPW0007 internalTrafficPolicy Local and nothing on the node', () => {
  it.each<[string, Partial<DestinationFacts>, string[]]>([
    [
      'no ready endpoint on the node',
      { ...local, readyOnNode: 0 },
      [
        `No ready endpoint of ${HOST} runs on node node-a: with internalTrafficPolicy Local requests from ztunnel@node-a fail.`,
      ],
    ],
    ['one on the node', { ...local, readyOnNode: 1 }, []],
    ['the analysis knows no node', { internalTrafficPolicyLocal: true }, []],
  ])('%s', (_label, f, expected) => {
    expect(messages(internalTrafficPolicyLocalNoLocalEndpoint, { ...base, ...f })).toEqual(expected);
  });
});

describe('SPW0013 no ready endpoint', () => {
  it.each<[string, Partial<DestinationFacts>, string[]]>([
    ['none ready', { readyEndpoints: 0 }, [`${HOST} has no ready endpoint in c1.`]],
    ['one ready', { readyEndpoints: 1 }, []],
  ])('%s', (_label, f, expected) => {
    expect(messages(backendNoReadyEndpoints, { ...base, ...f })).toEqual(expected);
  });
  // ztunnel ALLOW_ALL and selector-less Services: readiness decides nothing there.
  it('readiness not applicable: no finding', () => {
    expect(
      messages(backendNoReadyEndpoints, {
        host: HOST,
        target: SERVICE,
        cluster: 'c1',
        internalTrafficPolicyLocal: false,
      }),
    ).toEqual([]);
  });
});
