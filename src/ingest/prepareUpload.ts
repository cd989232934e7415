/**
 * What the service stores from an upload: `parseUpload`'s answer reduced to the summary, plus the body and
 * the serialized model already gzip-compressed. Running in a worker thread, this keeps the event loop free
 * and sends back two small buffers instead of a large object graph or a model string the size of the upload,
 * so the main thread never holds the model at all.
 */
import { gzipSync } from 'node:zlib';
import type { Diagnostic, Profile } from '../engine/index.js';
import { parseUpload } from './parseUpload.js';
import type { UploadInput, UploadLimits, UploadProblem, UploadRefusal } from './types.js';

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

export function prepareUpload(input: UploadInput, limits: UploadLimits): PreparedUpload {
  const result = parseUpload(input, limits);
  if (!result.ok) return result;
  const { snapshot } = result;
  const body = typeof input.body === 'string' ? Buffer.from(input.body) : input.body;
  const modelJson = Buffer.from(JSON.stringify(snapshot.model));
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
      documentBytes: body.byteLength,
      bodyGzip: gzipSync(body, { level: STORAGE_GZIP_LEVEL }),
      modelBytes: modelJson.byteLength,
      modelGzip: gzipSync(modelJson, { level: STORAGE_GZIP_LEVEL }),
    },
  };
}
