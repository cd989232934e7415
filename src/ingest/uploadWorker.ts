/**
 * Worker-thread entry for the upload pool (`src/services/uploadParser.ts`): one task is one upload.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { prepareHandedOverUpload, type HandedOverUpload, type PreparedUpload } from './prepareUpload.js';
import type { UploadInput, UploadLimits } from './types.js';

export interface UploadTask {
  /** Taken by the task (set to `undefined`), so the body's bytes can be collected once decoded. */
  input: UploadInput | undefined;
  readonly limits: UploadLimits;
}

/**
 * Bodies from this size on are followed by a full garbage collection of the worker's heap once the answer
 * is built. An idle worker allocates nothing, so V8 would otherwise keep the garbage of a large parse (some
 * five times the body) resident while the main thread loads and compiles the new snapshot's model.
 */
const COLLECT_AFTER_BYTES = 16 * 1024 * 1024;

/**
 * V8's `gc()`, made callable in this thread without starting the process with `--expose-gc` (the flag is
 * read when a context is created; jest collects garbage the same way).
 */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

let collectGarbage: (() => void) | undefined;

/**
 * The task's upload, handed over: the task no longer refers to it, and its body can be taken once, so
 * after that nothing in this thread refers to the bytes.
 */
function handOver(task: UploadTask): HandedOverUpload & { readonly bodyBytes: number } {
  const input = task.input;
  if (input === undefined) throw new Error('the upload task was already run');
  task.input = undefined;
  let body: UploadInput['body'] | undefined = input.body;
  return {
    contentType: input.contentType,
    params: input.params,
    bodyBytes: typeof body === 'string' ? body.length : body.byteLength,
    takeBody: () => {
      const taken = body ?? '';
      body = undefined;
      return taken;
    },
  };
}

export default function runUploadTask(task: UploadTask): PreparedUpload {
  const upload = handOver(task);
  const prepared = prepareHandedOverUpload(upload, task.limits);
  if (upload.bodyBytes >= COLLECT_AFTER_BYTES) {
    collectGarbage ??= exposeGc();
    collectGarbage();
  }
  return prepared;
}
