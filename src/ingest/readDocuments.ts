/**
 * Body text → parsed documents, refusing hostile input before it can cost more than linear time: nesting
 * no parser should be asked to build (a linear pre-scan), too many documents (counted before parsing),
 * then the readers of each format:
 *  - YAML: the fast reader (js-yaml) answers ordinary uploads, the exact reader (`yaml`) everything it
 *    hands over; both read the YAML 1.2 core schema (`yes`/`on` stay strings, `true`/`123` do not —
 *    unquoted label values are caught later as NON_STRING_LABEL), refuse duplicate keys, collection keys,
 *    alias bombs and nesting past the limit, and agree on every answer (test/unit/ingest);
 *  - JSON: `parseStrictJson`, which bounds nesting first and refuses repeated keys as YAML does.
 * Non-finite numbers (`.inf`, `1e999`) are refused in both, with their pointers.
 */
import { forgetLastMatch } from './forgetLastMatch.js';
import { readYamlExact } from './readYamlExact.js';
import { readYamlFast } from './readYamlFast.js';
import { scanNesting } from './scanNesting.js';
import type { ReadDocumentsResult, SourceDocument } from './sourceDocuments.js';
import { tooDeep, tooManyDocuments, valueProblems } from './sourceDocuments.js';
import { parseStrictJson } from './strictJson.js';
import type { UploadContentType, UploadLimits, UploadProblem } from './types.js';
import { joinPointer, makeProblem } from './uploadProblem.js';

export type { ReadDocumentsResult, SourceDocument } from './sourceDocuments.js';

const DOCUMENT_MARKER = /^---/gmu;

function countDocumentMarkers(text: string, stopAfter: number): number {
  DOCUMENT_MARKER.lastIndex = 0;
  let count = 0;
  while (DOCUMENT_MARKER.exec(text) !== null) {
    count += 1;
    if (count > stopAfter) break;
  }
  return count;
}

function readYaml(text: string, limits: UploadLimits): ReadDocumentsResult {
  const scan = scanNesting(text, limits.maxDepth);
  if (scan.tooDeepAtLine !== undefined) {
    return { documents: [], problems: [tooDeep(limits.maxDepth, '', ` (line ${scan.tooDeepAtLine})`)] };
  }
  if (countDocumentMarkers(text, limits.maxDocuments) > limits.maxDocuments) {
    return { documents: [], problems: [tooManyDocuments(limits.maxDocuments)] };
  }
  return readYamlFast(text, limits, scan.exactSyntax) ?? readYamlExact(text, limits);
}

/** A repeated key's place: in a top-level array, its element is the document. */
function duplicateProblem(message: string, path: readonly string[], isArray: boolean): UploadProblem {
  const [first, ...rest] = path;
  if (isArray && first !== undefined)
    return makeProblem('JSON_SYNTAX', message, joinPointer('', ...rest), { documentIndex: Number(first) });
  return makeProblem('JSON_SYNTAX', message, joinPointer('', ...path));
}

function readJson(text: string, limits: UploadLimits): ReadDocumentsResult {
  const parsed = parseStrictJson(text, limits.maxDepth);
  if (!parsed.ok) {
    const problem =
      parsed.reason === 'TOO_DEEP'
        ? makeProblem('TOO_DEEP', parsed.message, '')
        : parsed.reason === 'DUPLICATE_KEY'
          ? duplicateProblem(parsed.message, parsed.path ?? [], text.trimStart().startsWith('['))
          : makeProblem('JSON_SYNTAX', parsed.message, '');
    return { documents: [], problems: [problem] };
  }
  const elements: readonly unknown[] = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (elements.length > limits.maxDocuments)
    return { documents: [], problems: [tooManyDocuments(limits.maxDocuments)] };
  const documents: SourceDocument[] = [];
  const problems: UploadProblem[] = [];
  elements.forEach((element: unknown, index) => {
    // Depth is bounded by the pre-scan; only a non-finite number needs the walk that places it.
    const found = parsed.hasNonFinite ? valueProblems(element, index, limits.maxDepth) : [];
    if (found.length > 0) problems.push(...found);
    else documents.push({ index, value: element });
  });
  if (problems.length === 0 && documents.length === 0) {
    problems.push(makeProblem('EMPTY_BODY', 'The JSON array is empty.', ''));
  }
  return { documents, problems };
}

/**
 * @example readDocuments('a: 1\n---\nb: 2', 'application/yaml', DEFAULT_UPLOAD_LIMITS).documents // → [{ index: 0, value: { a: 1 } }, { index: 1, value: { b: 2 } }]
 */
export function readDocuments(
  text: string,
  contentType: UploadContentType,
  limits: UploadLimits,
): ReadDocumentsResult {
  const read = contentType === 'application/yaml' ? readYaml(text, limits) : readJson(text, limits);
  // The documents keep no view of the text (StringTable); nor, from here, does the RegExp machinery.
  forgetLastMatch();
  return read;
}
