/**
 * An upload-parser worker for tests: a body holding STALL_MARKER never finishes parsing (the thread waits
 * until the pool stops it), so a test of the time budget or of an abandoned upload does not depend on how
 * fast this machine parses. Every other body is parsed by the real worker entry.
 */
import runUploadTask, { type UploadTask } from '../../src/ingest/uploadWorker.js';

export const STALL_MARKER = '# spillway-test: stall';
const WAIT_SLICE_MS = 50;

export default function stallingUploadTask(task: UploadTask): ReturnType<typeof runUploadTask> {
  const body = task.input?.body ?? '';
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  if (text.includes(STALL_MARKER)) {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    // Waits in slices, so the pool's terminate() ends the thread between two waits.
    for (;;) Atomics.wait(cell, 0, 0, WAIT_SLICE_MS);
  }
  return runUploadTask(task);
}

export const STALLING_WORKER_ENTRY = new URL('./stallingUploadWorker.ts', import.meta.url);
