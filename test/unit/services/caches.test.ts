import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createAnswerCache } from '../../../src/services/answerCache.js';
import { createCompiledSnapshots } from '../../../src/services/compiledSnapshots.js';

function compiledCache(maxBytes: number, sizes: Record<string, number> = {}) {
  const loads: string[] = [];
  const events: string[] = [];
  const cache = createCompiledSnapshots<string>({
    maxBytes,
    load: async (id) => {
      loads.push(id);
      await sleep(5);
      if (id.startsWith('fail')) throw new Error('boom');
      return { value: id.toUpperCase(), bytes: sizes[id] ?? 10 };
    },
    onEvent: (event) => events.push(event),
  });
  return { cache, loads, events };
}

describe('compiled snapshots (lru-cache with fetchMethod)', () => {
  it('concurrent first requests of one snapshot share a single load', async () => {
    const { cache, loads, events } = compiledCache(1_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.get('a')));
    expect(loads).toEqual(['a']);
    expect(new Set(results)).toEqual(new Set(['A']));
    expect(events.filter((e) => e === 'miss')).toHaveLength(1);
    expect(cache.bytes).toBe(10);
  });

  it.each([
    // budget, sizes loaded in order (a, b, c), snapshots still cached afterwards
    [100, [40, 40, 40], ['b', 'c']],
    [100, [30, 30, 30], ['a', 'b', 'c']],
    [50, [60, 10, 10], ['b', 'c']],
  ])(
    'with a %i-byte budget and sizes %j keeps %j, least recently used out first',
    async (budget, sizes, kept) => {
      const ids = ['a', 'b', 'c'];
      const { cache, loads } = compiledCache(budget, { a: sizes[0]!, b: sizes[1]!, c: sizes[2]! });
      for (const id of ids) await cache.get(id);
      // Exactly `kept` stays, with its bytes; what stays answers without a load, what left loads again.
      expect(cache.ids().sort()).toEqual(kept);
      expect(cache.bytes).toBe(kept.reduce((sum, id) => sum + sizes[ids.indexOf(id)]!, 0));
      const before = loads.length;
      for (const id of kept) await cache.get(id);
      expect(loads).toHaveLength(before);
      const evicted = ids.filter((id) => !kept.includes(id));
      for (const id of evicted) await cache.get(id);
      expect(loads.slice(before)).toEqual(evicted);
    },
  );

  it('a read refreshes recency, so the untouched entry is evicted', async () => {
    const { cache, loads } = compiledCache(100, { a: 40, b: 40, c: 40 });
    await cache.get('a');
    await cache.get('b');
    await cache.get('a');
    await cache.get('c');
    expect(cache.ids().sort()).toEqual(['a', 'c']);
    await cache.get('b');
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });

  it('forget evicts, and a failed load is not kept', async () => {
    const { cache, loads } = compiledCache(1_000);
    await cache.get('a');
    cache.forget('a');
    expect(cache.ids()).toEqual([]);
    expect(cache.bytes).toBe(0);
    await expect(cache.get('fail-1')).rejects.toThrow('boom');
    await expect(cache.get('fail-1')).rejects.toThrow('boom');
    expect(loads.filter((id) => id === 'fail-1')).toHaveLength(2);
  });
});

describe('answer cache (by snapshot id and question)', () => {
  it('answers a repeated question from memory, shares a computation in flight, and bounds its count', async () => {
    const events: string[] = [];
    const answers = createAnswerCache(2, (event) => events.push(event));
    let computed = 0;
    const ask = (id: string, question: string) =>
      answers.get(id, question, async () => {
        computed += 1;
        await sleep(1);
        return { computed };
      });
    const [x, y] = await Promise.all([ask('s1', 'q1'), ask('s1', 'q1')]);
    expect(x).toBe(y);
    expect(computed).toBe(1);
    // The same question about another snapshot is another answer.
    expect(await ask('s2', 'q1')).toEqual({ computed: 2 });
    await ask('s1', 'q2');
    expect(answers.size).toBe(2);
    expect(await ask('s1', 'q1')).toEqual({ computed: 4 }); // evicted: least recently used
    expect(events).toEqual(['miss', 'hit', 'miss', 'miss', 'miss']);
  });

  it('forgets every answer about a deleted snapshot and no other', async () => {
    const answers = createAnswerCache(10);
    let computed = 0;
    const ask = (id: string, question: string) => answers.get(id, question, () => ({ n: ++computed }));
    await ask('s1', 'q1');
    await ask('s1', 'q2');
    await ask('s10', 'q1');
    answers.forget('s1');
    expect(answers.size).toBe(1);
    expect(await ask('s10', 'q1')).toEqual({ n: 3 });
    expect(await ask('s1', 'q1')).toEqual({ n: 4 });
  });

  it('does not remember failures', async () => {
    const answers = createAnswerCache(10);
    let calls = 0;
    const failing = () =>
      answers.get('s', 'q', async () => {
        calls += 1;
        throw new Error('nope');
      });
    await expect(failing()).rejects.toThrow('nope');
    await expect(failing()).rejects.toThrow('nope');
    expect(calls).toBe(2);
  });

  it('with 0 entries computes every time', async () => {
    const answers = createAnswerCache(0);
    let calls = 0;
    await answers.get('s', 'q', () => ({ n: ++calls }));
    await answers.get('s', 'q', () => ({ n: ++calls }));
    expect(calls).toBe(2);
  });
});
