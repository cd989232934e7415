import type { UploadRefusal } from '../ingest/types.js';
import type { AppErrorCode } from './errorCodes.js';

/** Ingest's refusal reasons in the shared vocabulary (and so in HTTP statuses and GraphQL codes). */
export const UPLOAD_REFUSAL_CODES: { readonly [R in UploadRefusal]: AppErrorCode } = {
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  INVALID: 'INVALID_UPLOAD',
};
