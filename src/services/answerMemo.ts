/**
 * Answers of one compiled snapshot, remembered by their question. The engine is pure and a stored snapshot
 * never changes, so an answer stays right for as long as its snapshot exists; the memo lives and dies with
 * the compiled snapshot in `CompiledMeshCache`. Bounded by count, least recently used out first.
 */
import { LRUCache } from 'lru-cache';

export class AnswerMemo {
  private readonly answers: LRUCache<string, Promise<unknown>>;

  constructor(maxEntries: number) {
    this.answers = new LRUCache({ max: maxEntries });
  }

  /** Returns the remembered answer or computes it; failures are not remembered. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.answers.get(key);
    if (hit) return hit as Promise<T>;
    const value = compute();
    this.answers.set(key, value);
    // Only this attempt is forgotten: a later one for the same question may already have taken its place.
    value.catch(() => {
      if (this.answers.peek(key) === value) this.answers.delete(key);
    });
    return value;
  }

  get size(): number {
    return this.answers.size;
  }
}
