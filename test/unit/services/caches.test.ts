import { describe, expect, it } from 'vitest';
import { AnswerMemo } from '../../../src/services/answerMemo.js';
import { CompiledMeshCache } from '../../../src/services/compiledMeshCache.js';

const loader = (value: string, bytes: number, counter: { loads: number }) => async () => {
  counter.loads += 1;
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { value, bytes };
};

describe('CompiledMeshCache', () => {
  it('concurrent first requests of one key share a single load', async () => {
    const cache = new CompiledMeshCache<string>(1_000);
    const counter = { loads: 0 };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => cache.get('a', loader('A', 10, counter))),
    );
    expect(counter.loads).toBe(1);
    expect(new Set(results)).toEqual(new Set(['A']));
    expect(cache.stats()).toMatchObject({ misses: 1, hits: 19, entries: 1, bytes: 10 });
  });

  it.each([
    // budget, sizes loaded in order (a, b, c), keys left afterwards
    [100, [40, 40, 40], ['b', 'c']],
    [100, [30, 30, 30], ['a', 'b', 'c']],
    [50, [60, 10, 10], ['b', 'c']],
    [10, [60, 70, 80], ['c']],
  ])(
    'with a %i-byte budget and sizes %j keeps %j, least recently used out first',
    async (budget, sizes, kept) => {
      const cache = new CompiledMeshCache<string>(budget);
      const counter = { loads: 0 };
      const keys = ['a', 'b', 'c'];
      for (const [i, key] of keys.entries()) await cache.get(key, loader(key, sizes[i] ?? 0, counter));
      // What is kept answers without a load; what was evicted is gone (its entry count and bytes too).
      expect(cache.stats()).toMatchObject({
        entries: kept.length,
        bytes: kept.reduce((sum, key) => sum + (sizes[keys.indexOf(key)] ?? 0), 0),
      });
      const before = counter.loads;
      for (const key of kept) await cache.get(key, loader(key, 1, counter));
      expect(counter.loads).toBe(before);
      const evicted = keys.filter((key) => !kept.includes(key));
      for (const key of evicted) await cache.get(key, loader(key, 1, counter));
      expect(counter.loads).toBe(before + evicted.length);
    },
  );

  it('a read refreshes recency, so the untouched entry is evicted', async () => {
    const cache = new CompiledMeshCache<string>(100);
    const counter = { loads: 0 };
    await cache.get('a', loader('a', 40, counter));
    await cache.get('b', loader('b', 40, counter));
    await cache.get('a', loader('a', 40, counter));
    await cache.get('c', loader('c', 40, counter));
    const loads = counter.loads;
    await cache.get('a', loader('a', 40, counter));
    expect(counter.loads).toBe(loads);
    await cache.get('b', loader('b', 40, counter));
    expect(counter.loads).toBe(loads + 1);
  });

  it('delete evicts, and a failed load is not kept', async () => {
    const cache = new CompiledMeshCache<string>(1_000);
    const counter = { loads: 0 };
    await cache.get('a', loader('a', 10, counter));
    cache.delete('a');
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('x', loader('x', 1, counter))).toBe('x');
  });
});

describe('AnswerMemo', () => {
  it('answers a repeated question from memory and bounds its size', async () => {
    const memo = new AnswerMemo(2);
    let computed = 0;
    const ask = (key: string) => memo.get(key, async () => ++computed);
    expect(await ask('q1')).toBe(1);
    expect(await ask('q1')).toBe(1);
    await ask('q2');
    await ask('q3');
    expect(memo.size).toBe(2);
    expect(await ask('q1')).toBe(4);
  });

  it('does not remember failures', async () => {
    const memo = new AnswerMemo(10);
    await expect(memo.get('q', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await memo.get('q', async () => 'yes')).toBe('yes');
  });
});
