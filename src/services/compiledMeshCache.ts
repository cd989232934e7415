/**
 * Compiled snapshots kept in memory, least-recently-used first out, bounded by an estimate of their size.
 * Concurrent first queries of one snapshot share one load: the entry holds the promise, not the value.
 */
export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
}

interface Entry<T> {
  readonly value: Promise<T>;
  bytes: number;
}

export class CompiledMeshCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private totalBytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly onEvent: (event: 'hit' | 'miss') => void = () => undefined,
  ) {}

  /** Returns the cached value or loads it once; `load` reports the entry's estimated size. */
  get(key: string, load: () => Promise<{ value: T; bytes: number }>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, cached);
      this.hits += 1;
      this.onEvent('hit');
      return cached.value;
    }
    this.misses += 1;
    this.onEvent('miss');
    const entry: Entry<T> = {
      bytes: 0,
      value: load().then(
        ({ value, bytes }) => {
          if (this.entries.get(key) === entry) {
            entry.bytes = bytes;
            this.totalBytes += bytes;
            this.evict(key);
          }
          return value;
        },
        (error: unknown) => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          throw error;
        },
      ),
    };
    this.entries.set(key, entry);
    return entry.value;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.totalBytes -= entry.bytes;
    this.entries.delete(key);
  }

  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.totalBytes };
  }

  /** Drops least-recently-used entries until the budget holds, never the one just loaded. */
  private evict(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.totalBytes <= this.maxBytes) return;
      if (key === keep) continue;
      this.totalBytes -= entry.bytes;
      this.entries.delete(key);
    }
  }
}
