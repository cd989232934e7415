/**
 * The upload-ingest contract: what `parseUpload` takes and answers. Problems are fatal (the upload is
 * refused with every problem listed); diagnostics are notes on an accepted snapshot.
 */
import type { Diagnostic, MeshModel, Profile } from '../engine/index.js';

export type UploadContentType = 'application/yaml' | 'application/json';

/** Query parameters of a plain upload (`../shared/design/api.md`, "Snapshot upload"). */
export interface UploadParams {
  readonly name?: string;
  readonly cluster?: string;
  readonly network?: string;
  readonly profile?: string;
}

export interface UploadInput {
  /** The request body; bytes are decoded as strict UTF-8, a string is checked for decoding damage. */
  readonly body: string | Uint8Array;
  readonly contentType: UploadContentType;
  readonly params: UploadParams;
}

/** The body's byte size is enforced by Fastify (`bodyLimit`) before ingest sees it. */
export interface UploadLimits {
  /** Objects in the upload: YAML documents, JSON array elements and List items together. */
  readonly maxDocuments: number;
  /** Nesting of mappings and sequences; Kubernetes objects stay well under 32. */
  readonly maxDepth: number;
  /** `yaml`'s `maxAliasCount` (alias expansions weighed by anchor size); the library default is 100. */
  readonly maxAliasCount: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxDocuments: 250_000,
  maxDepth: 64,
  maxAliasCount: 100,
};

/** Stable problem codes; clients may switch on them. */
export type UploadProblemCode =
  | 'EMPTY_BODY'
  | 'BINARY_INPUT'
  | 'YAML_SYNTAX'
  | 'YAML_WARNING'
  | 'JSON_SYNTAX'
  | 'ALIAS_LIMIT'
  | 'TOO_MANY_DOCUMENTS'
  | 'TOO_DEEP'
  | 'INVALID_NUMBER'
  | 'NOT_AN_OBJECT'
  | 'INVALID_PARAMETER'
  | 'INVALID_BUNDLE'
  | 'BUNDLE_NOT_ALONE'
  | 'MISSING_TYPE_META'
  | 'MISSING_NAME'
  | 'SCHEMA_VIOLATION'
  | 'NON_STRING_LABEL'
  | 'INVALID_DURATION'
  | 'INVALID_VALUE'
  | 'INVALID_MESH_CONFIG'
  | 'MISSING_LABEL'
  | 'MISSING_REFERENCE'
  | 'DUPLICATE_OBJECT'
  | 'TOO_MANY_PROBLEMS';

export interface UploadProblem {
  readonly code: UploadProblemCode;
  readonly message: string;
  /** JSON pointer (RFC 6901) into the document at `documentIndex`; `''` is the whole document. */
  readonly pointer: string;
  /** YAML document index in the stream, or element index of a top-level JSON array. */
  readonly documentIndex?: number;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly cluster?: string;
  /** For INVALID_PARAMETER: the query parameter at fault. */
  readonly parameter?: string;
}

export interface ParsedSnapshot {
  readonly name: string;
  readonly profile: Profile;
  readonly model: MeshModel;
  /** cluster → kind → understood objects. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Kinds present but not used, with how many of each (`Kind`, or `Kind (apiVersion)` for unsupported versions of understood kinds). */
  readonly ignored: Readonly<Record<string, number>>;
  readonly diagnostics: readonly Diagnostic[];
  /** Whether it holds any object Spillway reads; a snapshot of nothing usable is never `latest`. */
  readonly usable: boolean;
}

/**
 * Why an upload is refused, in ingest's own terms: `TOO_LARGE` when it holds more than the limits allow,
 * `INVALID` for anything else. Transports map it (src/errors/uploadRefusal.ts).
 */
export type UploadRefusal = 'TOO_LARGE' | 'INVALID';

export type UploadResult =
  | { readonly ok: true; readonly snapshot: ParsedSnapshot }
  | { readonly ok: false; readonly refusal: UploadRefusal; readonly problems: readonly UploadProblem[] };
