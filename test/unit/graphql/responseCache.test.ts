/**
 * The response cache on its own: versions, the byte budget and which requests may be keyed.
 */
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  createResponseCache,
  responseCacheKey,
  type CachedResponse,
} from '../../../src/graphql/responseCache.js';

const response = (body: string): CachedResponse => ({
  body,
  contentType: 'application/json; charset=utf-8',
  operation: 'effectivePolicy',
});
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
        return c.get('k', 'v1')?.body;
      },
      expected: 'a',
    },
    {
      name: 'forgets everything when the version moves',
      steps: (c: NonNullable<ReturnType<typeof createResponseCache>>) => {
        c.get('k', 'v1');
        c.set('k', 'v1', response('a'));
        c.get('other', 'v2');
        return c.get('k', 'v1')?.body ?? c.get('k', 'v2')?.body;
      },
      expected: undefined,
    },
    {
      name: 'drops an answer computed under a version that has since moved on',
      steps: (c: NonNullable<ReturnType<typeof createResponseCache>>) => {
        c.get('k', 'v1');
        c.get('k', 'v2');
        c.set('k', 'v1', response('stale'));
        return c.get('k', 'v2')?.body;
      },
      expected: undefined,
    },
    {
      name: 'keeps nothing before it has seen a version',
      steps: (c: NonNullable<ReturnType<typeof createResponseCache>>) => {
        c.set('k', 'v1', response('a'));
        return c.get('k', 'v1')?.body;
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
    expect(cache.get('key-49', 'v')?.body).toBe(body);
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
  const request = (method: string, body: unknown, accept?: string): FastifyRequest =>
    ({ method, body, headers: accept === undefined ? {} : { accept } }) as unknown as FastifyRequest;
  const query = { query: '{ __typename }' };

  it.each([
    { name: 'a GET (CSRF-checked by Apollo on its headers)', req: request('GET', undefined) },
    { name: 'a POST without a JSON object', req: request('POST', 'text') },
    { name: 'a POST with a batch', req: request('POST', [query]) },
    { name: 'a POST with a null body', req: request('POST', null) },
  ])('keys nothing for $name', ({ req }) => {
    expect(responseCacheKey(req)).toBeUndefined();
  });

  it('separates what changes the response: body and Accept', () => {
    const keys = new Set([
      responseCacheKey(request('POST', query)),
      responseCacheKey(request('POST', { ...query, variables: { a: 1 } })),
      responseCacheKey(request('POST', query, 'application/graphql-response+json')),
      responseCacheKey(request('POST', { ...query, operationName: 'A' })),
    ]);
    expect(keys.size).toBe(4);
    expect(responseCacheKey(request('POST', query))).toBe(responseCacheKey(request('POST', { ...query })));
  });
});
