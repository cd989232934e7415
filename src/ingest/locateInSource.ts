/**
 * Where an object sits in the text it was read from, as a line and column, so a finding can point at
 * `file.yaml:42` as `istioctl analyze` does. The upload pipeline keeps only document indexes and JSON
 * pointers (holding every syntax tree would cost many times the text); this reads the text again, one
 * document at a time, only when asked, and resolves all the requested places in that one pass.
 * Documents are counted exactly as `readDocuments` counts them; a JSON text is read with the YAML parser
 * (JSON is YAML 1.2), where a top-level array's elements play the role of documents.
 */
import { Composer, isMap, isPair, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import type { UploadContentType } from './types.js';

export interface SourceLocation {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface SourcePlace {
  readonly documentIndex: number;
  /** RFC 6901 JSON pointer inside the document. */
  readonly pointer: string;
}

function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The node at `pointer` under `root`, or undefined when the path leaves the tree. */
function nodeAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = unescapeToken(raw);
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === token,
      );
      node = pair?.value;
    } else if (isSeq(node)) {
      node = /^\d+$/u.test(token) ? node.items[Number(token)] : undefined;
    } else {
      return undefined;
    }
  }
  return node;
}

function startOf(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  return range?.[0];
}

/**
 * @example locateInSource('a: 1\n---\nkind: List\nitems:\n- kind: Pod\n', 'application/yaml', [{ documentIndex: 1, pointer: '/items/0' }])
 * // → [{ line: 5, column: 3 }]
 */
export function locateInSource(
  text: string,
  contentType: UploadContentType,
  places: readonly SourcePlace[],
): (SourceLocation | undefined)[] {
  const found: (SourceLocation | undefined)[] = places.map(() => undefined);
  const lines = new LineCounter();
  const composer = new Composer({ uniqueKeys: true, strict: true });
  // A loop, not `Math.max(...indexes)`: one argument per place overflows V8's stack at ~10⁵.
  const last = places.reduce((max, place) => Math.max(max, place.documentIndex), -1);
  let documentIndex = -1;
  for (const document of composer.compose(new Parser(lines.addNewLine).parse(text))) {
    documentIndex += 1;
    const lookups =
      contentType === 'application/json'
        ? places.map((place) => ({
            place,
            root: isSeq(document.contents) ? document.contents.items[place.documentIndex] : document.contents,
          }))
        : places.map((place) => ({
            place,
            root: place.documentIndex === documentIndex ? document.contents : undefined,
          }));
    lookups.forEach(({ place, root }, index) => {
      if (root === undefined || found[index] !== undefined) return;
      const start = startOf(nodeAt(root, place.pointer));
      if (start === undefined) return;
      const { line, col } = lines.linePos(start);
      found[index] = { line, column: col };
    });
    if (contentType === 'application/json' || documentIndex >= last) break;
  }
  return found;
}
