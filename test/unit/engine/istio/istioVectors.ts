/**
 * Loads `test/vectors/istio.json` (upstream vectors kept in the repository; provenance in its README) and hands
 * each test file the vectors of one kind. Every adapter must handle every vector of its kind: an
 * unrecognised shape throws, so nothing is skipped silently.
 */
import { readFileSync } from 'node:fs';

/**
 * Vector JSON is heterogeneous (each kind, even each upstream test, has its own shape); the adapters
 * read it field by field and the assertions check the values. This is the one untyped spot.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type VectorData = Record<string, any>;

export interface IstioVector {
  readonly id: string;
  readonly source: string;
  readonly kind: string;
  readonly input: VectorData;
  readonly expected: VectorData;
  readonly note: string;
  readonly derived?: boolean;
}

const VECTORS_URL = new URL('../../../vectors/istio.json', import.meta.url);

export const ALL_VECTORS: readonly IstioVector[] = JSON.parse(
  readFileSync(VECTORS_URL, 'utf8'),
) as IstioVector[];

export function vectorsOfKind(kind: string): IstioVector[] {
  return ALL_VECTORS.filter((v) => v.kind === kind);
}

/** Rows for `it.each`: `[id, vector]`. */
export function rows(kind: string): [string, IstioVector][] {
  return vectorsOfKind(kind).map((v) => [v.id, v]);
}

export function unhandled(v: IstioVector): never {
  throw new Error(`vector ${v.id} (${v.kind}) has a shape this adapter does not replay`);
}
