/**
 * "Did you mean" suggestions for unknown references, ranked by edit distance.
 */
import { distance } from 'fastest-levenshtein';

/** How many suggestions an error lists. */
export const MAX_SUGGESTIONS = 5;

/**
 * The known names nearest to `wanted`: smallest Levenshtein distance first, ties by name. A name is
 * only suggested when it shares at least a third of its characters with the input, or contains it.
 *
 * @example closestNames('httpbn/in-ambient', ['httpbin/in-ambient', 'bookinfo/productpage']) // → ['httpbin/in-ambient']
 */
export function closestNames(wanted: string, known: readonly string[], limit = MAX_SUGGESTIONS): string[] {
  const scored: { name: string; d: number }[] = [];
  for (const name of known) {
    const d = distance(wanted, name);
    const budget = Math.max(wanted.length, name.length) * (2 / 3);
    if (d <= budget || name.includes(wanted) || wanted.includes(name)) scored.push({ name, d });
  }
  scored.sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.name);
}
