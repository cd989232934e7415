/**
 * Worker-thread entry for the upload pool (`src/services/uploadParser.ts`): one task is one upload.
 */
import { prepareUpload, type PreparedUpload } from './prepareUpload.js';
import type { UploadInput, UploadLimits } from './types.js';

export interface UploadTask {
  readonly input: UploadInput;
  readonly limits: UploadLimits;
}

export default function runUploadTask(task: UploadTask): PreparedUpload {
  return prepareUpload(task.input, task.limits);
}
