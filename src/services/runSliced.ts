/**
 * Runs an engine computation given as steps (`Steps`, the mesh-wide questions) a time slice at a time, so
 * that a blast radius or diff that takes seconds does not hold the event loop for seconds: between slices
 * other requests, health checks and timers run. The answer is the one `runSteps` gives at once.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Steps } from '../engine/index.js';

/**
 * Longest run of steps between two turns of the event loop: well under what a health check or another
 * request should wait, long enough that the turns cost nothing measurable (one step is ~0.1–1 ms).
 */
export const SLICE_MS = 20;

export async function runSliced<T>(steps: Steps<T>, sliceMs: number = SLICE_MS): Promise<T> {
  let sliceEnds = performance.now() + sliceMs;
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    if (performance.now() >= sliceEnds) {
      await nextTurn();
      sliceEnds = performance.now() + sliceMs;
    }
  }
}
