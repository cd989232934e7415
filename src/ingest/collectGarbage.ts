/**
 * A full garbage collection on demand, for the moment after a large upload when a great deal of memory has
 * just become garbage and nothing would collect it soon: V8 collects when a thread allocates, and an idle
 * parser worker allocates nothing, so the garbage of its parse (some five times the body) would stay
 * resident, and count towards the process's peak, while the main thread loads and compiles the new
 * snapshot's model.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Bodies from this size on are worth a collection (tens of milliseconds, against the seconds such an
 * upload takes): below it, the garbage is small beside the process's own memory.
 */
export const COLLECT_AFTER_BYTES = 16 * 1024 * 1024;

let gc: (() => void) | undefined;

/**
 * V8's `gc()`, callable without starting the process with `--expose-gc` (a flag worker threads may not be
 * given): the flag is read when a context is created, so a new context carries the function. Jest
 * collects garbage the same way.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
