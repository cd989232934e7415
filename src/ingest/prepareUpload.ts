/**
 * What the service stores from an upload: `parseUpload`'s answer reduced to the summary, plus the body and
 * the serialized model already gzip-compressed. Running in a worker thread, this keeps the event loop free
 * and sends back two small buffers instead of a large object graph or a model string the size of the upload,
 * so the main thread never holds the model at all.
 *
 * Peak memory is what limits the largest upload, so nothing large outlives its use: the body's bytes are
 * compressed and let go once decoded (a caller that hands them over with `takeBody` keeps no reference),
 * and the model is serialized and compressed in pieces (`gzipJson`) once the parsed documents are garbage.
 */
import { gzipSync } from 'node:zlib';
import type { Diagnostic, Profile } from '../engine/index.js';
import { decodeBody } from './decodeBody.js';
import { gzipJson } from './gzipJson.js';
import { parseDocuments, refuse } from './parseUpload.js';
import { readDocuments } from './readDocuments.js';
import type {
  UploadContentType,
  UploadInput,
  UploadLimits,
  UploadParams,
  UploadProblem,
  UploadRefusal,
  UploadResult,
} from './types.js';

export interface PreparedSnapshot {
  readonly name: string;
  readonly profile: Profile;
  readonly clusters: readonly { readonly name: string; readonly network: string }[];
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly ignored: Readonly<Record<string, number>>;
  readonly diagnostics: readonly Diagnostic[];
  /** Whether it holds any object Spillway reads. */
  readonly usable: boolean;
  /** Size of the upload as sent, in bytes. */
  readonly documentBytes: number;
  /** The upload as sent, gzip-compressed. */
  readonly bodyGzip: Uint8Array;
  /** Size of the normalized MeshModel as JSON (UTF-8), in bytes. */
  readonly modelBytes: number;
  /** The normalized MeshModel as JSON, gzip-compressed. */
  readonly modelGzip: Uint8Array;
}

/** Fast compression: uploads are large and stored once; level 1 keeps ingest close to parse time. */
const STORAGE_GZIP_LEVEL = 1;

export type PreparedUpload =
  | { readonly ok: true; readonly snapshot: PreparedSnapshot }
  | { readonly ok: false; readonly refusal: UploadRefusal; readonly problems: readonly UploadProblem[] };

/** An upload whose body is taken once: after `takeBody`, the holder keeps no reference to the bytes. */
export interface HandedOverUpload {
  readonly contentType: UploadContentType;
  readonly params: UploadParams;
  takeBody(): string | Uint8Array;
  /**
   * Called where most of the upload's memory has just become garbage: once the documents are read (the
   * text, the parser's own garbage) and once the model is built (the documents). A worker collects there
   * (`collectGarbage`), so garbage is not resident beside the next stage's allocations.
   */
  readonly collect?: () => void;
}

export function prepareUpload(input: UploadInput, limits: UploadLimits): PreparedUpload {
  const { body, contentType, params } = input;
  return prepareHandedOverUpload({ contentType, params, takeBody: () => body }, limits);
}

interface ReadBody {
  /** The decoded text, handed over once: after this, the body refers to it no more. */
  takeText(): string;
  readonly documentBytes: number;
  readonly bodyGzip: Uint8Array;
}

/**
 * The body decoded and compressed, its bytes referenced from nowhere else once this returns. Compressed
 * before it is parsed, so the bytes are not alive beside the parsed documents; a refused upload pays the
 * compression (level 1, a small part of the parse).
 */
function readBody(upload: HandedOverUpload): ReadBody | UploadProblem {
  const taken = upload.takeBody();
  const bytes = typeof taken === 'string' ? Buffer.from(taken) : taken;
  const decoded = decodeBody(taken);
  if (!decoded.ok) return decoded.problem;
  let text: string | undefined = decoded.text;
  return {
    takeText: () => {
      const handed = text ?? '';
      text = undefined;
      return handed;
    },
    documentBytes: bytes.byteLength,
    bodyGzip: gzipSync(bytes, { level: STORAGE_GZIP_LEVEL }),
  };
}

interface ParsedBody {
  readonly result: UploadResult;
  readonly documentBytes: number;
  readonly bodyGzip: Uint8Array;
}

/**
 * The text is handed to the reader and referred to by nothing once the documents are read: the readers
 * keep no view of it (`StringTable`; `JSON.parse` copies), so it is garbage before validation and
 * normalization build the model beside the documents.
 */
function readAndParse(upload: HandedOverUpload, limits: UploadLimits): ParsedBody {
  const body = readBody(upload);
  if (!('takeText' in body)) return { result: refuse([body]), documentBytes: 0, bodyGzip: new Uint8Array(0) };
  const read = readDocuments(body.takeText(), upload.contentType, limits);
  upload.collect?.();
  return {
    result: parseDocuments(read, upload.params, limits).result,
    documentBytes: body.documentBytes,
    bodyGzip: body.bodyGzip,
  };
}

export function prepareHandedOverUpload(upload: HandedOverUpload, limits: UploadLimits): PreparedUpload {
  const { result, documentBytes, bodyGzip } = readAndParse(upload, limits);
  if (!result.ok) return result;
  const { snapshot } = result;
  upload.collect?.();
  const model = gzipJson(snapshot.model, STORAGE_GZIP_LEVEL);
  return {
    ok: true,
    snapshot: {
      name: snapshot.name,
      profile: snapshot.profile,
      clusters: snapshot.model.clusters.map((c) => ({ name: c.name, network: c.network })),
      counts: snapshot.counts,
      ignored: snapshot.ignored,
      diagnostics: snapshot.diagnostics,
      usable: snapshot.usable,
      documentBytes,
      bodyGzip,
      modelBytes: model.bytes,
      modelGzip: model.gzip,
    },
  };
}
