/**
 * Envoy's earliest-deadline-first scheduler (`source/common/upstream/edf_scheduler.h`), only as far as
 * needed to replay locality pick sequences: each entry is due `1/weight` after the time it was last
 * picked, the earliest deadline wins, ties go to the entry inserted first. `createWithPicks` emulates a
 * number of initial picks the way Envoy seeds each worker (envoy.md §6.3). A test oracle: the engine's
 * answers need long-run shares only (`localityShares`), not the pick order.
 */
import { invariant } from '../../../../../src/engine/invariant.js';

/** `createWithPicks` caps emulated picks at UINT32_MAX / 10 (edf_scheduler.h). */
const EDF_MAX_EMULATED_PICKS = 429_496_729;
/** `createWithPicks` adds this to every initial weight so multiples of each other stay exact. */
const EDF_INITIAL_WEIGHT_EPSILON = 1e-13;

interface EdfEntry {
  readonly deadline: number;
  readonly order: number;
  readonly index: number;
}

function earlier(a: EdfEntry, b: EdfEntry): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.order < b.order);
}

/** A binary min-heap keyed on (deadline, insertion order); entries are indexes into the weight list. */
export class EdfScheduler {
  private readonly heap: EdfEntry[] = [];
  private currentTime: number;
  private nextOrder: number;

  private constructor(
    private readonly weights: readonly number[],
    entries: readonly EdfEntry[],
    currentTime: number,
    nextOrder: number,
  ) {
    this.currentTime = currentTime;
    this.nextOrder = nextOrder;
    for (const entry of entries) this.push(entry);
  }

  /**
   * `EdfScheduler::createWithPicks`: entries with weight ≤ 0 are left out (Envoy never adds them). Each
   * initial weight gets a 1e-13 nudge, every entry first receives `floor(picks × w / W)` emulated picks
   * (one fewer when floating point overshoots), and the leftover picks run one by one.
   *
   * @example EdfScheduler.createWithPicks([1, 2], 0).picks(6) // → [1, 0, 1, 1, 0, 1]
   */
  static createWithPicks(weights: readonly number[], seed: number): EdfScheduler {
    const picks = seed % EDF_MAX_EMULATED_PICKS;
    const live = weights.map((w, index) => ({ w, index })).filter((e) => e.w > 0);
    const nudged = live.map((e) => e.w + EDF_INITIAL_WEIGHT_EPSILON);
    const sum = nudged.reduce((a, b) => a + b, 0);
    const entries: EdfEntry[] = [];
    let emulated = 0;
    let maxPickTime = 0;
    live.forEach((e, i) => {
      const weight = nudged[i] ?? 0;
      let floorPicks = Math.trunc((weight * picks) / sum);
      if (floorPicks > 0 && floorPicks / weight >= picks / sum) floorPicks -= 1;
      maxPickTime = Math.max(maxPickTime, floorPicks / weight);
      entries.push({ deadline: (floorPicks + 1) / weight, order: i, index: e.index });
      emulated += floorPicks;
    });
    const scheduler = new EdfScheduler(weights, entries, maxPickTime, live.length);
    for (; emulated < picks; emulated += 1) scheduler.pickAndAdd();
    return scheduler;
  }

  get empty(): boolean {
    return this.heap.length === 0;
  }

  /** `pickAndAdd`: the earliest deadline wins and is re-added `1/weight` later. Undefined when empty. */
  pickAndAdd(): number | undefined {
    const top = this.pop();
    if (top === undefined) return undefined;
    this.currentTime = top.deadline;
    const weight = this.weights[top.index] ?? 0;
    invariant(weight > 0, 'EDF entries always have a positive weight');
    this.push({ deadline: this.currentTime + 1 / weight, order: this.nextOrder, index: top.index });
    this.nextOrder += 1;
    return top.index;
  }

  /** The next `count` picks, in order. */
  picks(count: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const pick = this.pickAndAdd();
      if (pick === undefined) break;
      out.push(pick);
    }
    return out;
  }

  private push(entry: EdfEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      const c = heap[i];
      if (p === undefined || c === undefined || !earlier(c, p)) break;
      heap[parent] = c;
      heap[i] = p;
      i = parent;
    }
  }

  private pop(): EdfEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      const lEntry = heap[l];
      const rEntry = heap[r];
      const bestEntry = (): EdfEntry | undefined => heap[best];
      const b0 = bestEntry();
      if (lEntry !== undefined && b0 !== undefined && earlier(lEntry, b0)) best = l;
      const b1 = bestEntry();
      if (rEntry !== undefined && b1 !== undefined && earlier(rEntry, b1)) best = r;
      if (best === i) break;
      const a = heap[i];
      const b = heap[best];
      if (a === undefined || b === undefined) break;
      heap[i] = b;
      heap[best] = a;
      i = best;
    }
    return top;
  }
}
