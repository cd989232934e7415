/**
 * `markFailingGateways`: an east-west gateway endpoint stands for remote endpoints
 * (`EndpointsByNetworkFilter`); the client's Envoy sees it fail only when every one of them fails.
 */
import { describe, expect, it } from 'vitest';
import { markFailingGateways } from '../../../../src/engine/evaluate/failingGateways.js';
import type { ResolvedEndpoint } from '../../../../src/engine/model/resolved.js';

const endpoint = (id: string, standsFor?: string[]): ResolvedEndpoint => ({
  id,
  name: id,
  cluster: 'c2',
  network: 'n2',
  locality: { region: 'r', zone: 'z', subzone: '' },
  priority: 0,
  rawPriority: 0,
  priorityReason: '',
  health: standsFor === undefined ? 'EXCLUDED' : 'HEALTHY',
  weight: 1,
  ...(standsFor === undefined ? {} : { standsFor }),
});

const HOP = [
  endpoint('a'),
  endpoint('b'),
  endpoint('c'),
  endpoint('gw-ab', ['a', 'b']),
  endpoint('gw-c', ['c']),
];

describe('markFailingGateways', () => {
  it.each<[string, number[], number[]]>([
    ['nothing fails', [], []],
    ['one of two behind gw-ab: the gateway still answers', [0], [0]],
    ['both behind gw-ab: the gateway fails', [0, 1], [0, 1, 3]],
    ['the only one behind gw-c', [2], [2, 4]],
    ['everything', [0, 1, 2], [0, 1, 2, 3, 4]],
    ['a gateway named directly stays failing', [3], [3]],
  ])('%s', (_name, failingIndexes, expected) => {
    const failing = new Map(failingIndexes.map((i) => [i, 'named'] as const));
    markFailingGateways(HOP, failing);
    expect([...failing.keys()].sort((x, y) => x - y)).toEqual(expected);
  });
});
