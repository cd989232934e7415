/**
 * The response cache on its own: versions, the byte budget and what its key tells apart.
 */
import { describe, expect, it } from 'vitest';
import {
  createResponseCache,
  responseCacheKey,
  type CachedResult,
} from '../../../src/graphql/responseCache.js';

const response = (body: string): CachedResult => ({ result: { data: { body } }, size: body.length + 20 });
const bodyOf = (entry: CachedResult | undefined): unknown => entry?.result.data?.['body'];
const KIB = 1024;

describe('createResponseCache', () => {
  it('is off with a budget of 0', () => {
    expect(createResponseCache(0)).toBeUndefined();
  });

  it.each([
    {
      name: 'serves what was stored under the same version',
      steps: (c: NonNullable<ReturnType<typeof createResponseCache>>) => {
        c.get('k', 'v1');
        c.set('k', 'v1', response('a'));
        return bodyOf(c.get('k', 'v1'));
      },
      expected: 'a',
    },
    {
      name: 'forgets everything when the version moves',
      steps: (c: NonNullable<ReturnType<typeof createResponseCache>>) => {
        c.get('k', 'v1');
        c.set('k', 'v1', response('a'));
        c.get('other', 'v2');
        return bodyOf(c.get('k', 'v1') ?? c.get('k', 'v2'));
      },
      expected: undefined,
    },
    {
      name: 'drops an answer computed under a version that has since moved on',
      steps: (c: NonNullable<ReturnType<typeof createResponseCache>>) => {
        c.get('k', 'v1');
        c.get('k', 'v2');
        c.set('k', 'v1', response('stale'));
        return bodyOf(c.get('k', 'v2'));
      },
      expected: undefined,
    },
    {
      name: 'keeps nothing before it has seen a version',
      steps: (c: NonNullable<ReturnType<typeof createResponseCache>>) => {
        c.set('k', 'v1', response('a'));
        return bodyOf(c.get('k', 'v1'));
      },
      expected: undefined,
    },
  ])('$name', ({ steps, expected }) => {
    const cache = createResponseCache(64 * KIB);
    if (!cache) throw new Error('cache expected');
    expect(steps(cache)).toBe(expected);
  });

  it('stays within its byte budget, evicting the least recently used', () => {
    const budget = 16 * KIB;
    const cache = createResponseCache(budget);
    if (!cache) throw new Error('cache expected');
    cache.get('first', 'v');
    const body = 'x'.repeat(KIB);
    for (let i = 0; i < 50; i++) {
      cache.set(`key-${i}`, 'v', response(body));
      expect(cache.bytes).toBeLessThanOrEqual(budget);
    }
    expect(cache.get('key-0', 'v')).toBeUndefined();
    expect(bodyOf(cache.get('key-49', 'v'))).toBe(body);
  });

  it('does not keep a response larger than the whole budget', () => {
    const cache = createResponseCache(KIB);
    if (!cache) throw new Error('cache expected');
    cache.get('k', 'v');
    cache.set('k', 'v', response('x'.repeat(KIB)));
    expect(cache.get('k', 'v')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});

describe('responseCacheKey', () => {
  const query = { query: '{ __typename }' };

  it('separates what changes the result: query, operation name and variables', () => {
    const keys = new Set([
      responseCacheKey(query),
      responseCacheKey({ ...query, variables: { a: 1 } }),
      responseCacheKey({ ...query, variables: { a: 2 } }),
      responseCacheKey({ ...query, operationName: 'A' }),
      responseCacheKey({ query: '{ snapshots { totalCount } }' }),
    ]);
    expect(keys.size).toBe(5);
    expect(responseCacheKey(query)).toBe(responseCacheKey({ ...query }));
  });
});
