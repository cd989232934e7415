/**
 * Several inputs read as one upload: the command line's files, folders and standard input. Each source is
 * decoded and read on its own (a `.json` file with JSON rules, a YAML stream with YAML rules, exactly as the
 * service reads a body of that content type), then all documents go through the same pipeline as one
 * body, so a bundle must still be alone and a duplicate across two files is still a duplicate. Problems
 * and objects are given back with the source they came from and their document index inside it.
 *
 * @example parseSources([{ name: 'a.yaml', body, contentType: 'application/yaml' }], {})
 * // → { ok: true, snapshot, objects: [{ source: 'a.yaml', documentIndex: 0, pointer: '/items/3', kind: 'Pod', … }] }
 */
import type { AcceptedObject } from './checkReferences.js';
import { decodeBody } from './decodeBody.js';
import { parseDocuments } from './parseUpload.js';
import { readDocuments, type SourceDocument } from './readDocuments.js';
import type {
  ParsedSnapshot,
  UploadContentType,
  UploadLimits,
  UploadParams,
  UploadProblem,
  UploadRefusal,
} from './types.js';
import { DEFAULT_UPLOAD_LIMITS } from './types.js';
import { capProblems } from './uploadProblem.js';

export interface UploadSource {
  /** A file path, or `-` for standard input. */
  readonly name: string;
  readonly body: string | Uint8Array;
  readonly contentType: UploadContentType;
}

/** A problem with the source it is in; `documentIndex` counts documents within that source. */
export type SourcedProblem = UploadProblem & { readonly source?: string };

/** An understood object and where it is: source, document within it, JSON pointer within the document. */
export interface ObjectOrigin {
  readonly source: string;
  readonly documentIndex: number;
  readonly pointer: string;
  readonly cluster: string;
  readonly kind: string;
  /** Absent for cluster-scoped kinds (Node, Namespace). */
  readonly namespace?: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, unknown>>;
}

export type SourcesResult =
  | { readonly ok: true; readonly snapshot: ParsedSnapshot; readonly objects: readonly ObjectOrigin[] }
  | { readonly ok: false; readonly refusal: UploadRefusal; readonly problems: readonly SourcedProblem[] };

interface Place {
  readonly source: string;
  readonly documentIndex: number;
}

function placed(problem: UploadProblem, places: readonly Place[]): SourcedProblem {
  const place = problem.documentIndex === undefined ? undefined : places[problem.documentIndex];
  if (place === undefined) return problem;
  return { ...problem, source: place.source, documentIndex: place.documentIndex };
}

function originOf(object: AcceptedObject, places: readonly Place[]): ObjectOrigin {
  const place = places[object.documentIndex];
  return {
    source: place?.source ?? '',
    documentIndex: place?.documentIndex ?? object.documentIndex,
    pointer: object.pointer,
    cluster: object.cluster,
    kind: object.kind,
    ...(object.namespaced ? { namespace: object.namespace } : {}),
    name: object.name,
    annotations: object.annotations,
  };
}

export function parseSources(
  sources: readonly UploadSource[],
  params: UploadParams,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): SourcesResult {
  const documents: SourceDocument[] = [];
  const places: Place[] = [];
  const readProblems: SourcedProblem[] = [];
  let tooLarge = false;
  for (const source of sources) {
    const decoded = decodeBody(source.body);
    if (!decoded.ok) {
      readProblems.push({ ...decoded.problem, source: source.name });
      continue;
    }
    const read = readDocuments(decoded.text, source.contentType, limits);
    for (const problem of read.problems) {
      readProblems.push({ ...problem, source: source.name });
      if (problem.code === 'TOO_MANY_DOCUMENTS') tooLarge = true;
    }
    for (const document of read.documents) {
      places.push({ source: source.name, documentIndex: document.index });
      documents.push({ index: documents.length, value: document.value });
    }
  }
  if (tooLarge) return { ok: false, refusal: 'TOO_LARGE', problems: capProblems(readProblems) };

  const parsed = parseDocuments({ documents, problems: [] }, params, limits);
  if (!parsed.result.ok || readProblems.length > 0) {
    const problems = parsed.result.ok
      ? readProblems
      : [...readProblems, ...parsed.result.problems.map((problem) => placed(problem, places))];
    const refusal = parsed.result.ok ? 'INVALID' : parsed.result.refusal;
    return { ok: false, refusal, problems: capProblems(problems) };
  }
  return {
    ok: true,
    snapshot: parsed.result.snapshot,
    objects: parsed.objects.map((object) => originOf(object, places)),
  };
}
