/**
 * Compiled snapshots kept in memory (cache 1 of 3, see docs/operations.md#caches): each model loaded from
 * the store, decompressed and compiled once, least recently used out first, bounded by an estimate of their
 * size. lru-cache's `fetch` shares a first load between concurrent queries of one snapshot and forgets a
 * failed load. A snapshot never changes once stored, so an entry is right until the snapshot is deleted.
 */
import { LRUCache } from 'lru-cache';

export interface CompiledSnapshots<T> {
  get(id: string): Promise<T>;
  forget(id: string): void;
  ids(): string[];
  /** Estimated bytes held. */
  readonly bytes: number;
}

interface Entry<T> {
  readonly value: T;
  readonly bytes: number;
}

export function createCompiledSnapshots<T>(options: {
  readonly maxBytes: number;
  /** Loads and compiles a snapshot, with an estimate of what it holds in memory. */
  readonly load: (id: string) => Promise<Entry<T>>;
  readonly onEvent?: (event: 'hit' | 'miss') => void;
}): CompiledSnapshots<T> {
  const cache = new LRUCache<string, Entry<T>>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry) => Math.max(1, entry.bytes),
    fetchMethod: (id) => options.load(id),
    // A snapshot deleted while it compiles: its queries still get their answer, the cache keeps nothing.
    ignoreFetchAbort: true,
  });
  return {
    async get(id) {
      const status: LRUCache.Status<string, Entry<T>> = {};
      const entry = cache.fetch(id, { status });
      options.onEvent?.(status.fetch === 'miss' ? 'miss' : 'hit');
      const loaded = await entry;
      if (loaded === undefined) throw new Error(`compiled snapshot ${id} could not be loaded`);
      return loaded.value;
    },
    forget: (id) => void cache.delete(id),
    ids: () => [...cache.keys()],
    get bytes() {
      return cache.calculatedSize;
    },
  };
}
