/**
 * Long mesh-wide computations as steps: a generator that yields between units of work (one backend × client
 * class evaluation) and returns the answer. The engine stays pure and synchronous — `runSteps` runs them to
 * the end — while a server can run the same steps a slice at a time and let other requests through between
 * slices (`src/services/runSliced.ts`).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the answer. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}
