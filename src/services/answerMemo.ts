/**
 * Answers of one compiled snapshot, remembered by their question. The engine is pure and a stored snapshot
 * never changes, so an answer stays right for as long as its snapshot exists; the memo lives and dies with
 * the compiled snapshot in `CompiledMeshCache`. Bounded by count, least recently used out first.
 */
export class AnswerMemo {
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries: number) {}

  /** Returns the remembered answer or computes it; failures are not remembered. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.answers.get(key);
    if (hit) {
      this.answers.delete(key);
      this.answers.set(key, hit);
      return hit as Promise<T>;
    }
    const value = compute();
    this.answers.set(key, value);
    value.catch(() => this.answers.delete(key));
    if (this.answers.size > this.maxEntries) {
      const oldest = this.answers.keys().next();
      if (oldest.done !== true) this.answers.delete(oldest.value);
    }
    return value;
  }

  get size(): number {
    return this.answers.size;
  }
}
