/**
 * The fast YAML reader: js-yaml's loader (about eight times faster than composing `yaml` Documents, see
 * docs/operations.md) for the YAML that kubectl and people write, with the exact reader
 * (`readYamlExact.ts`) deciding everything else. It answers only when its answer is the exact reader's:
 *  - the text has no directive (`%YAML 1.1` switches `yaml` to another schema), no byte-order mark or
 *    Unicode line separator past its start, and, by the pre-scan, no
 *    explicit (`?`) or collection key (`yaml` refuses those, js-yaml would stringify them) and no tab in
 *    indentation (`yaml` refuses it);
 *  - js-yaml reads the whole stream without an error or a warning (a duplicate key, a bad indent, an
 *    unknown or explicit tag: the exact reader words and positions every problem);
 *  - no node carries an anchor (so no alias can expand: the alias limit is the exact reader's), no
 *    collection nests past the depth limit, no number is infinite, no key is null (js-yaml names it
 *    "null", `yaml` "").
 * Otherwise it returns undefined and the caller runs the exact reader on the same text. Plain scalars
 * resolve with `YAML_CORE_SCHEMA`, which mirrors the exact reader's core schema.
 */
import { loadAll, type State } from 'js-yaml';
import type { ReadDocumentsResult, SourceDocument } from './sourceDocuments.js';
import { tooManyDocuments } from './sourceDocuments.js';
import type { UploadLimits } from './types.js';
import { makeProblem } from './uploadProblem.js';
import { StringTable } from './stringTable.js';
import { CORE_TAG_PREFIX, resetNonFinite, sawNonFinite, YAML_CORE_SCHEMA } from './yamlCoreSchema.js';

/** js-yaml's parser state as its listener sees it; @types/js-yaml leaves out these members. */
interface NodeState extends State {
  readonly anchor: string | null | undefined;
  readonly tag: string | null | undefined;
  readonly depth: number;
}

const DIRECTIVE = /^%/mu;
/**
 * A byte-order mark after the start of the text, and characters only some YAML versions read as line breaks
 * (NEL in YAML 1.1, the Unicode line and paragraph separators): the two libraries place them differently.
 */
const AMBIGUOUS_CHARACTER = /[\u0085\u2028\u2029\uFEFF]/u;
const SPACE = 32;
const TAB = 9;
const COLON = 58;
/** The implicit-resolution marker js-yaml leaves on a plain scalar no type claimed. */
const UNRESOLVED_TAG = '?';

class Handover extends Error {}

/**
 * A line that starts a document: `---` followed by a space, a tab, a line break or the end (YAML 1.2
 * [203] c-directives-end). At the start of a line it cannot be content (the spec forbids it inside
 * scalars, [206] c-forbidden), so documents can be read one at a time.
 */
const DOCUMENT_START = /^---(?=[\t\n\r ]|$)/gmu;
/** Blank lines and comments only. */
const NOTHING = /^(?:[\t ]*(?:#[^\n\r]*)?(?:\r\n|\r|\n))*[\t ]*(?:#[^\n\r]*)?$/u;

interface DocumentPiece {
  readonly text: string;
  /** Blank lines and comments before the first `---`: a stream holds no document there. */
  readonly isPrologue: boolean;
}

/**
 * The text cut before each document start. js-yaml copies the text it is given (it appends a terminator
 * and reads the flattened result), so reading the stream whole held a second copy of the body until the
 * last document was read — 137 MiB at 100k endpoints; a piece's copy is garbage as soon as it is read.
 */
function* documentPieces(text: string): Generator<DocumentPiece, void, undefined> {
  DOCUMENT_START.lastIndex = 0;
  let start = 0;
  for (let match = DOCUMENT_START.exec(text); match !== null; match = DOCUMENT_START.exec(text)) {
    if (match.index > start) {
      const piece = text.slice(start, match.index);
      yield { text: piece, isPrologue: start === 0 && NOTHING.test(piece) };
    }
    start = match.index;
  }
  yield { text: text.slice(start), isPrologue: false };
}

/** The first character after `position` that is not a space or tab. */
function nextOnLine(input: string, position: number): number {
  let at = position;
  let code = input.charCodeAt(at);
  while (code === SPACE || code === TAB) code = input.charCodeAt(++at);
  return code;
}

/**
 * @param exactSyntax the pre-scan's verdict (`scanNesting`): syntax only the exact reader handles may occur.
 * @example readYamlFast('a: 1\n---\nb: 2', DEFAULT_UPLOAD_LIMITS, false)?.documents // → [{ index: 0, value: { a: 1 } }, { index: 1, value: { b: 2 } }]
 */
export function readYamlFast(
  text: string,
  limits: UploadLimits,
  exactSyntax: boolean,
): ReadDocumentsResult | undefined {
  if (exactSyntax || DIRECTIVE.test(text) || AMBIGUOUS_CHARACTER.test(text)) return undefined;
  const { maxDepth } = limits;
  // Each string scalar is interned as it closes, before its parent keeps it (js-yaml reads the node's
  // result after the listener): the documents never hold a repeated string or a view of the text.
  const strings = new StringTable();
  // Runs as each node opens and closes. Properties (an anchor, a tag) show at the node's close or, when
  // js-yaml re-reads them for a nested node, at that node's open: either way the stream has one.
  const listener = (event: string, state: State): void => {
    const node = state as NodeState;
    // Before the first node js-yaml has not set these at all.
    if (typeof node.anchor === 'string') throw new Handover();
    const { tag } = node;
    if (typeof tag === 'string' && tag !== UNRESOLVED_TAG && !tag.startsWith(CORE_TAG_PREFIX))
      throw new Handover();
    if (event !== 'close') return;
    const kind = node.kind;
    if (typeof node.result === 'string') {
      node.result = strings.intern(node.result);
    } else if (kind === 'mapping' || kind === 'sequence') {
      // Every node open below this one is a collection, so depth counts containers as the limit does.
      if (node.depth > maxDepth) throw new Handover();
    } else if (node.result === null && nextOnLine(node.input, node.position) === COLON) {
      throw new Handover();
    }
  };
  const options = {
    schema: YAML_CORE_SCHEMA,
    listener,
    onWarning: () => {
      throw new Handover();
    },
    // js-yaml recurses per level; one level past the limit is enough to see a container beyond it.
    maxDepth: maxDepth + 1,
  } as Parameters<typeof loadAll>[2];
  resetNonFinite();
  const values: unknown[] = [];
  try {
    for (const piece of documentPieces(text)) {
      for (const value of loadAll(piece.text, null, options)) {
        if (piece.isPrologue && value === null) continue;
        values.push(value);
      }
      if (values.length > limits.maxDocuments) break;
    }
  } catch {
    return undefined;
  }
  if (sawNonFinite()) return undefined;
  if (values.length > limits.maxDocuments)
    return { documents: [], problems: [tooManyDocuments(limits.maxDocuments)] };
  const documents: SourceDocument[] = [];
  values.forEach((value, index) => {
    if (value !== null && value !== undefined) documents.push({ index, value });
  });
  if (documents.length === 0) {
    return {
      documents,
      problems: [
        makeProblem('EMPTY_BODY', 'The body holds no documents (only comments or empty documents).', ''),
      ],
    };
  }
  return { documents, problems: [] };
}
