export { locateInSource } from './locateInSource.js';
export { parseSources } from './parseSources.js';
export type { ObjectOrigin, SourcedProblem, UploadSource } from './parseSources.js';
export { parseUpload } from './parseUpload.js';
export type { UploadContentType, UploadParams, UploadRefusal } from './types.js';
export { parseStrictJson } from './strictJson.js';
