/**
 * One copy of each distinct string an upload's documents hold, none of them a view into the body's text.
 *
 * Two costs dominate a large upload's memory, and this removes both:
 *  - repetition: a mesh of 100,000 pods repeats its namespaces, label keys and values, node names, images
 *    and condition words millions of times (about 3.4 million repeated scalars among 3.8 million in the
 *    100k-endpoint bench mesh); a parser makes a new string for each;
 *  - pinning: V8 makes a substring of 13 characters or more a *sliced string*, a view that keeps its whole
 *    parent alive. js-yaml slices every scalar out of the body's text, so one label value kept in the model
 *    kept the whole body (137 MiB at 100k endpoints) alive until the upload ended.
 * Measured on the 100k-endpoint bench mesh (docs/operations.md): the parsed documents fell from 470 MiB to
 * 260 MiB, and the text can be let go once they are read.
 */

/**
 * V8's shortest sliced string (`SlicedString::kMinLength`, v8/src/objects/string.h): shorter substrings are
 * copied, so only these can pin the text they came from.
 */
const MIN_SLICED_LENGTH = 13;

/** A fresh flat copy: flattening the concatenation copies the characters, and the slice views the copy. */
function detached(value: string): string {
  return value.length < MIN_SLICED_LENGTH ? value : `${value} `.slice(0, -1);
}

export class StringTable {
  readonly #strings = new Map<string, string>();

  /** The table's copy of `value`: equal to it, shared by every equal string interned, never a view of a larger text. */
  intern(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    const copy = detached(value);
    this.#strings.set(copy, copy);
    return copy;
  }

  /**
   * Every string in `root` (values and array elements; keys are V8's own internalized copies already)
   * replaced in place by its interned copy. Iterative, and each container visited once, so shared
   * subtrees (YAML aliases) cost their size once.
   */
  internAll(root: unknown): unknown {
    if (typeof root === 'string') return this.intern(root);
    const pending: object[] = [];
    const seen = new Set<object>();
    const visit = (value: unknown): void => {
      if (typeof value === 'object' && value !== null && !seen.has(value)) {
        seen.add(value);
        pending.push(value);
      }
    };
    visit(root);
    for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
      if (Array.isArray(container)) {
        const items = container as unknown[];
        for (let index = 0; index < items.length; index += 1) {
          const item = items[index];
          if (typeof item === 'string') items[index] = this.intern(item);
          else visit(item);
        }
        continue;
      }
      const record = container as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const member = record[key];
        if (typeof member === 'string') record[key] = this.intern(member);
        else visit(member);
      }
    }
    return root;
  }
}
