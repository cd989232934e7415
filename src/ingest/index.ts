export { locateInSource } from './locateInSource.js';
export type { SourceLocation } from './locateInSource.js';
export { parseSources } from './parseSources.js';
export type { ObjectOrigin, SourcedProblem, SourcesResult, UploadSource } from './parseSources.js';
export { parseUpload } from './parseUpload.js';
export { DEFAULT_UPLOAD_LIMITS } from './types.js';
export type {
  ParsedSnapshot,
  UploadContentType,
  UploadInput,
  UploadLimits,
  UploadParams,
  UploadProblem,
  UploadProblemCode,
  UploadResult,
} from './types.js';
export { DEFAULT_CLUSTER_NAME, DEFAULT_NETWORK, DEFAULT_SNAPSHOT_NAME } from './uploadParams.js';
export { MAX_PROBLEMS } from './uploadProblem.js';
