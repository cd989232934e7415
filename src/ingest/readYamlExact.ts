/**
 * The exact YAML reader: the `yaml` library's Composer, one document at a time (a multi-document stream
 * never holds more than one document's syntax tree), with every check reported per document and
 * positioned — syntax errors and warnings (`strict`), duplicate keys (`uniqueKeys`), collection keys,
 * nesting past the limit (checked on the tree iteratively before `toJS` recurses), alias bombs
 * (`maxAliasCount` at `toJS`) and non-finite numbers. `readYamlFast` answers ordinary uploads as this
 * reader would and hands everything else here, so this reader defines what a YAML upload means.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import type { ReadDocumentsResult, SourceDocument } from './sourceDocuments.js';
import { tooManyDocuments, valueProblems } from './sourceDocuments.js';
import { StringTable } from './stringTable.js';
import type { UploadLimits, UploadProblem } from './types.js';
import { escapePointerToken, makeProblem } from './uploadProblem.js';

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return (end === -1 ? message : message.slice(0, end)).replace(/:$/u, '');
}

interface TreeFrame {
  readonly items: readonly unknown[];
  readonly isMapping: boolean;
  index: number;
}

function treeFrame(node: unknown): TreeFrame | undefined {
  if (isMap(node)) return { items: node.items, isMapping: true, index: 0 };
  if (isSeq(node)) return { items: node.items, isMapping: false, index: 0 };
  return undefined;
}

function treePointer(stack: readonly TreeFrame[]): string {
  let pointer = '';
  for (const frame of stack) {
    const item = frame.items[frame.index - 1];
    const token =
      frame.isMapping && isPair(item) && isScalar(item.key)
        ? String(item.key.value)
        : String(frame.index - 1);
    pointer += `/${escapePointerToken(token)}`;
  }
  return pointer;
}

interface TreeFinding {
  readonly code: 'TOO_DEEP' | 'YAML_SYNTAX';
  readonly message: string;
  readonly pointer: string;
}

const isCollection = (node: unknown): boolean => isMap(node) || isSeq(node);

/**
 * Iterative walk of the YAML node tree for what `toJS` must not meet: nesting past the limit (aliases count
 * as leaves; their expansion is checked after `toJS`), and collection keys (`? [a, b]`). Kubernetes objects
 * only have string keys, and `toJS` would stringify a collection key with a process-wide warning.
 */
function yamlTreeFinding(document: Document, maxDepth: number): TreeFinding | undefined {
  const root = treeFrame(document.contents);
  if (root === undefined) return undefined;
  const stack: TreeFrame[] = [root];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame === undefined) break;
    if (frame.index >= frame.items.length) {
      stack.pop();
      continue;
    }
    const item = frame.items[frame.index];
    frame.index += 1;
    if (isPair(item)) {
      const key = isAlias(item.key) ? item.key.resolve(document) : item.key;
      if (isCollection(key))
        return {
          code: 'YAML_SYNTAX',
          message: 'A mapping key is a collection; Kubernetes objects only have string keys.',
          pointer: treePointer(stack),
        };
    }
    const child = isPair(item) ? item.value : item;
    if (isAlias(child)) continue;
    const next = treeFrame(child);
    if (next === undefined) continue;
    if (stack.length >= maxDepth)
      return {
        code: 'TOO_DEEP',
        message: `Nesting goes deeper than ${maxDepth} levels, the configured limit.`,
        pointer: treePointer(stack),
      };
    stack.push(next);
  }
  return undefined;
}

/** `message at line L, column C`: yaml's own pretty errors need the whole parse, so positions are added here. */
function positioned(error: YAMLError, lines: LineCounter): string {
  const { line, col } = lines.linePos(error.pos[0]);
  return `${firstLine(error.message)} (line ${line}, column ${col})`;
}

/**
 * Documents are composed and converted one at a time, so a multi-document stream never holds more than one
 * document's syntax tree: the tree is many times the size of its text, the converted objects are not.
 */
export function readYamlExact(text: string, limits: UploadLimits): ReadDocumentsResult {
  const lines = new LineCounter();
  const composer = new Composer({ uniqueKeys: true, strict: true });
  const documents: SourceDocument[] = [];
  const problems: UploadProblem[] = [];
  // As the fast reader does (readYamlFast): kept documents share one copy of each string, none a view
  // of the text.
  const strings = new StringTable();
  let documentIndex = -1;
  for (const document of composer.compose(new Parser(lines.addNewLine).parse(text))) {
    documentIndex += 1;
    if (documentIndex >= limits.maxDocuments)
      return { documents: [], problems: [tooManyDocuments(limits.maxDocuments)] };
    if (document.errors.length > 0 || document.warnings.length > 0) {
      for (const error of document.errors) {
        const code = error.code === 'RESOURCE_EXHAUSTION' ? 'TOO_DEEP' : 'YAML_SYNTAX';
        problems.push(makeProblem(code, positioned(error, lines), '', { documentIndex }));
      }
      for (const warning of document.warnings) {
        problems.push(makeProblem('YAML_WARNING', positioned(warning, lines), '', { documentIndex }));
      }
      continue;
    }
    if (document.contents === null) continue;
    const finding = yamlTreeFinding(document, limits.maxDepth);
    if (finding !== undefined) {
      problems.push(makeProblem(finding.code, finding.message, finding.pointer, { documentIndex }));
      continue;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      if (error instanceof ReferenceError) {
        problems.push(
          makeProblem(
            'ALIAS_LIMIT',
            `YAML aliases expand beyond the limit (maxAliasCount ${limits.maxAliasCount}): ${error.message}`,
            '',
            { documentIndex },
          ),
        );
      } else if (error instanceof RangeError) {
        problems.push(
          makeProblem('TOO_DEEP', 'YAML aliases expand into nesting too deep to read.', '', {
            documentIndex,
          }),
        );
      } else {
        problems.push(
          makeProblem(
            'YAML_SYNTAX',
            error instanceof Error ? error.message : 'Unreadable YAML document.',
            '',
            { documentIndex },
          ),
        );
      }
      continue;
    }
    const found = valueProblems(value, documentIndex, limits.maxDepth);
    if (found.length > 0) {
      problems.push(...found);
      continue;
    }
    if (value !== null && value !== undefined)
      documents.push({ index: documentIndex, value: strings.internAll(value) });
  }
  if (problems.length === 0 && documents.length === 0) {
    problems.push(
      makeProblem('EMPTY_BODY', 'The body holds no documents (only comments or empty documents).', ''),
    );
  }
  return { documents, problems };
}
