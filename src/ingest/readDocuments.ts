/**
 * Body text → parsed documents, refusing hostile input before it can cost more than linear time:
 * too many documents (counted before parsing), YAML syntax errors and warnings per document
 * (`parseAllDocuments` never throws, ecosystem.md §3.5), duplicate keys (`uniqueKeys`), nesting past the
 * limit (checked on the YAML tree iteratively before `toJS` recurses), alias bombs (`maxAliasCount` at
 * `toJS`) and non-finite numbers. YAML is read with the 1.2 core schema: `yes`/`on` stay strings,
 * `true`/`123` do not — unquoted label values are caught later as NON_STRING_LABEL.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import type { YAMLError } from 'yaml';
import type { Document } from 'yaml';
import { inspectValue } from './inspectValue.js';
import { scanNesting } from './scanNesting.js';
import type { UploadContentType, UploadLimits, UploadProblem } from './types.js';
import { escapePointerToken, makeProblem } from './uploadProblem.js';

export interface SourceDocument {
  /** YAML document index, or element index of a top-level JSON array. */
  readonly index: number;
  readonly value: unknown;
}

export interface ReadDocumentsResult {
  readonly documents: readonly SourceDocument[];
  readonly problems: readonly UploadProblem[];
}

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

function tooManyDocuments(limit: number): UploadProblem {
  return makeProblem(
    'TOO_MANY_DOCUMENTS',
    `The upload holds more than ${limit} objects, the configured limit.`,
    '',
  );
}

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

function valueProblems(value: unknown, documentIndex: number, maxDepth: number): UploadProblem[] {
  const findings = inspectValue(value, maxDepth);
  const problems: UploadProblem[] = [];
  if (findings.tooDeepAt !== undefined) {
    problems.push(
      makeProblem(
        'TOO_DEEP',
        `Nesting goes deeper than ${maxDepth} levels, the configured limit.`,
        findings.tooDeepAt,
        { documentIndex },
      ),
    );
  }
  for (const pointer of findings.nonFinite) {
    problems.push(
      makeProblem('INVALID_NUMBER', 'The number is not finite (infinite, NaN or out of range).', pointer, {
        documentIndex,
      }),
    );
  }
  return problems;
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
function readYaml(text: string, limits: UploadLimits): ReadDocumentsResult {
  if (countDocumentMarkers(text, limits.maxDocuments) > limits.maxDocuments) {
    return { documents: [], problems: [tooManyDocuments(limits.maxDocuments)] };
  }
  const lines = new LineCounter();
  const composer = new Composer({ uniqueKeys: true, strict: true });
  const documents: SourceDocument[] = [];
  const problems: UploadProblem[] = [];
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
    if (value !== null && value !== undefined) documents.push({ index: documentIndex, value });
  }
  if (problems.length === 0 && documents.length === 0) {
    problems.push(
      makeProblem('EMPTY_BODY', 'The body holds no documents (only comments or empty documents).', ''),
    );
  }
  return { documents, problems };
}

function readJson(text: string, limits: UploadLimits): ReadDocumentsResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      documents: [],
      problems: [makeProblem('JSON_SYNTAX', error instanceof Error ? error.message : 'Invalid JSON.', '')],
    };
  }
  const elements = Array.isArray(value) ? value : [value];
  if (elements.length > limits.maxDocuments)
    return { documents: [], problems: [tooManyDocuments(limits.maxDocuments)] };
  const documents: SourceDocument[] = [];
  const problems: UploadProblem[] = [];
  elements.forEach((element: unknown, index) => {
    const found = valueProblems(element, index, limits.maxDepth);
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
  const scan = scanNesting(text, limits.maxDepth);
  if (scan.tooDeepAtLine !== undefined) {
    const message = `Nesting goes deeper than ${limits.maxDepth} levels, the configured limit (line ${scan.tooDeepAtLine}).`;
    return { documents: [], problems: [makeProblem('TOO_DEEP', message, '')] };
  }
  switch (contentType) {
    case 'application/yaml':
      return readYaml(text, limits);
    case 'application/json':
      return readJson(text, limits);
  }
}
