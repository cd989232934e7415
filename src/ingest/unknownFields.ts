/**
 * Fields an Istio object has that its CRD does not define (`istioSpecFields.gen.ts`). The API server prunes
 * them when the object is applied, so Istio never sees them: a misspelt `outlierDetections:` silently leaves
 * a rule without outlier detection. `kubectl apply --validate=warn` warns `unknown field "spec…"`; ingest
 * says the same, with the closest field the CRD does define.
 */
import { closest, distance } from 'fastest-levenshtein';
import { ISTIO_SPEC_FIELDS, type FieldTree } from './istioSpecFields.gen.js';

export interface UnknownField {
  /** As kubectl prints it: `spec.trafficPolicy.outlierDetections`, `spec.subsets[0].lables`. */
  readonly path: string;
  /** The closest field defined at that place, when one is close enough to be the one meant. */
  readonly suggestion?: string;
}

const ITEMS = '[]';
const VALUES = '{}';
const ANY = '*';
/** A suggestion further than this many edits (or a third of the name) from the written field is no hint. */
const MAX_SUGGESTION_EDITS = 3;

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function suggestionFor(field: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const candidate = closest(field, [...known]);
  const edits = distance(field.toLowerCase(), candidate.toLowerCase());
  return edits <= Math.max(1, Math.min(MAX_SUGGESTION_EDITS, Math.ceil(field.length / 3)))
    ? candidate
    : undefined;
}

function collect(value: unknown, tree: FieldTree, path: string, out: UnknownField[]): void {
  if (tree[ANY] !== undefined) return;
  const items = tree[ITEMS];
  if (Array.isArray(value)) {
    if (items !== undefined)
      value.forEach((item: unknown, index) => collect(item, items, `${path}[${index}]`, out));
    return;
  }
  if (!isRecord(value)) return;
  const values = tree[VALUES];
  if (values !== undefined) {
    for (const [key, inner] of Object.entries(value)) collect(inner, values, `${path}.${key}`, out);
    return;
  }
  const known = Object.keys(tree).filter((field) => field !== ITEMS && field !== VALUES && field !== ANY);
  for (const [key, inner] of Object.entries(value)) {
    const sub = tree[key];
    if (sub === undefined) {
      const suggestion = suggestionFor(key, known);
      out.push({ path: `${path}.${key}`, ...(suggestion === undefined ? {} : { suggestion }) });
    } else collect(inner, sub, `${path}.${key}`, out);
  }
}

/**
 * @example unknownSpecFields('DestinationRule', { host: 'a', trafficPolicy: { outlierDetections: {} } })
 * // → [{ path: 'spec.trafficPolicy.outlierDetections', suggestion: 'outlierDetection' }]
 */
export function unknownSpecFields(kind: string, spec: unknown): UnknownField[] {
  const tree = ISTIO_SPEC_FIELDS[kind];
  if (tree === undefined) return [];
  const out: UnknownField[] = [];
  collect(spec, tree, 'spec', out);
  return out;
}
