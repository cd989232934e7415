export { locateInSource } from './locateInSource.js';
export type { SourceLocation } from './locateInSource.js';
export { parseSources } from './parseSources.js';
export type { ObjectOrigin, SourcedProblem, SourcesResult, UploadSource } from './parseSources.js';
export { parseUpload } from './parseUpload.js';
