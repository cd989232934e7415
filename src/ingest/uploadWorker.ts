/**
 * Worker-thread entry for the upload pool (`src/services/uploadParser.ts`): one task is one upload.
 */
import { collectGarbage, COLLECT_AFTER_BYTES } from './collectGarbage.js';
import { prepareHandedOverUpload, type HandedOverUpload, type PreparedUpload } from './prepareUpload.js';
import type { UploadInput, UploadLimits } from './types.js';

export interface UploadTask {
  /** Taken by the task (set to `undefined`), so the body's bytes can be collected once decoded. */
  input: UploadInput | undefined;
  readonly limits: UploadLimits;
}

/**
 * The task's upload, handed over: the task no longer refers to it, and its body can be taken once, so
 * after that nothing in this thread refers to the bytes.
 */
function handOver(task: UploadTask): HandedOverUpload {
  const input = task.input;
  if (input === undefined) throw new Error('the upload task was already run');
  task.input = undefined;
  let body: UploadInput['body'] | undefined = input.body;
  const bodyBytes = typeof body === 'string' ? body.length : body.byteLength;
  return {
    contentType: input.contentType,
    params: input.params,
    // See collectGarbage: an upload's stages each leave garbage of the order of the body.
    ...(bodyBytes >= COLLECT_AFTER_BYTES ? { collect: collectGarbage } : {}),
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
  // Once more at the end: the worker then idles, and its garbage would stay resident beside the main
  // thread's compilation of the new snapshot.
  upload.collect?.();
  return prepared;
}
