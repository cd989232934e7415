import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors/appError.js';
import { toPolicyQuery, toScenario } from '../../../src/graphql/resolvers/policyQuery.js';
import { decodeSnapshotCursor, encodeSnapshotCursor } from '../../../src/graphql/resolvers/snapshotCursor.js';

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

describe('snapshot cursors', () => {
  it.each([{ skip: 0 }, { skip: 3 }, { after: 'c2VxOjQ', skip: 0 }, { after: 'x', skip: 100 }])(
    'round-trips %j',
    (cursor) => {
      expect(decodeSnapshotCursor(encodeSnapshotCursor(cursor))).toStrictEqual(cursor);
    },
  );

  it.each([
    'not-base64-json',
    Buffer.from('{"skip":-1}').toString('base64url'),
    Buffer.from('{"skip":101}').toString('base64url'),
    Buffer.from('{"skip":1.5}').toString('base64url'),
    Buffer.from('{"after":5,"skip":1}').toString('base64url'),
    Buffer.from('{"after":"","skip":1}').toString('base64url'),
    Buffer.from('[1]').toString('base64url'),
    '',
  ])('rejects %s', (text) => {
    expect(() => decodeSnapshotCursor(text)).toThrow(AppError);
  });
});
