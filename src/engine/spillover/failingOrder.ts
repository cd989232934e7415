/**
 * Which endpoints of a hop a scenario makes fail, and in which order they start failing: the order the
 * ejection replay judges them in.
 */
import type { ResolvedEndpoint } from '../model/resolved.js';
import type { HopScenario } from './types.js';

/** The given endpoint indexes in their order, out-of-range ones and repeats dropped. */
function validIndexes(endpoints: readonly ResolvedEndpoint[], indexes: readonly number[]): number[] {
  const seen = new Set<number>();
  for (const i of indexes) if (Number.isInteger(i) && i >= 0 && i < endpoints.length) seen.add(i);
  return [...seen];
}

/** Endpoint indexes for the given ids, in the ids' order, unknown ids and repeats dropped. */
function indexesInOrder(endpoints: readonly ResolvedEndpoint[], ids: readonly string[]): number[] {
  if (ids.length === 0) return [];
  const wanted = new Map<string, number>();
  for (const id of ids) wanted.set(id, -1);
  endpoints.forEach((e, i) => {
    if (wanted.get(e.id) === -1) wanted.set(e.id, i);
  });
  const out: number[] = [];
  for (const index of wanted.values()) if (index >= 0) out.push(index);
  return out;
}

/**
 * Indexes into `endpoints` of the failing endpoints, in the order they start failing:
 * `failingEndpointIndexes` when given, else `failingEndpointIds`.
 *
 * @example failingOrder(endpoints, { failingEndpointIds: ['c1/ns/b', 'c1/ns/a', 'c1/ns/b'] }) // → [1, 0]
 */
export function failingOrder(endpoints: readonly ResolvedEndpoint[], scenario: HopScenario): number[] {
  return scenario.failingEndpointIndexes === undefined
    ? indexesInOrder(endpoints, scenario.failingEndpointIds ?? [])
    : validIndexes(endpoints, scenario.failingEndpointIndexes);
}
