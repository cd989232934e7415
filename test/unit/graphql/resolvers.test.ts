import { describe, expect, it } from 'vitest';
import { toPolicyQuery, toScenario } from '../../../src/graphql/resolvers/policyQuery.js';

describe('argument translation', () => {
  it.each([
    [{}, {}],
    [{ loadFactor: null, ejectEndpoints: null, failLocalities: null, overprovisioningFactor: null }, {}],
    [{ loadFactor: 1.5 }, { loadFactor: 1.5 }],
    [
      {
        ejectEndpoints: ['a'],
        failLocalities: ['us-east/us-east-1a'],
        overprovisioningFactor: 100,
        loadFactor: 2,
      },
      {
        ejectEndpoints: ['a'],
        failLocalities: ['us-east/us-east-1a'],
        overprovisioningFactor: 100,
        loadFactor: 2,
      },
    ],
  ])('scenario %j', (input, expected) => {
    expect(toScenario(input)).toStrictEqual(expected);
  });

  it.each([
    [
      { snapshot: 's', client: 'c', backend: 'b' },
      { snapshot: 's', client: 'c', backend: 'b' },
    ],
    [
      { snapshot: 's', client: 'c', backend: 'b', profile: null },
      { snapshot: 's', client: 'c', backend: 'b' },
    ],
    [
      { snapshot: 's', client: 'c', backend: 'b', profile: 'ISTIO_1_31' as const },
      { snapshot: 's', client: 'c', backend: 'b', profile: 'ISTIO_1_31' },
    ],
  ])('policy query %j', (args, expected) => {
    expect(toPolicyQuery(args)).toStrictEqual(expected);
  });
});
