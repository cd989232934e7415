/**
 * Answers already given (cache 2 of 3, see docs/operations.md#caches), keyed by snapshot id and question.
 * The engine is pure and a stored snapshot never changes, so an answer stays right for as long as its
 * snapshot exists. lru-cache's `fetch` makes concurrent askers of one question share one computation and
 * forgets a failed one. Bounded by count (an answer is a few kilobytes), least recently used out first.
 */
import { LRUCache } from 'lru-cache';

export interface AnswerCache {
  /** The remembered answer to `question` about snapshot `id`, or `compute`'s, remembered. */
  get<T extends object>(id: string, question: string, compute: () => T | Promise<T>): Promise<T>;
  /** Drops every answer about snapshot `id` (it was deleted). */
  forget(id: string): void;
  readonly size: number;
}

const SEPARATOR = '\u0000';

export function createAnswerCache(
  maxEntries: number,
  onEvent: (event: 'hit' | 'miss') => void = () => undefined,
): AnswerCache {
  if (maxEntries === 0) {
    return { get: async (_id, _question, compute) => compute(), forget: () => undefined, size: 0 };
  }
  const cache = new LRUCache<string, object, () => object | Promise<object>>({
    max: maxEntries,
    fetchMethod: async (_key, _stale, { context }) => context(),
    ignoreFetchAbort: true,
  });
  return {
    async get<T extends object>(id: string, question: string, compute: () => T | Promise<T>): Promise<T> {
      const status: LRUCache.Status<string, object, () => object | Promise<object>> = {};
      const answer = cache.fetch(`${id}${SEPARATOR}${question}`, { context: compute, status });
      onEvent(status.fetch === 'miss' ? 'miss' : 'hit');
      return (await answer) as T;
    },
    forget(id) {
      const prefix = `${id}${SEPARATOR}`;
      for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
    },
    get size() {
      return cache.size;
    },
  };
}
