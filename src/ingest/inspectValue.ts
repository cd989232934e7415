/**
 * An iterative walk over parsed JSON/YAML values: nesting deeper than the limit and numbers JSON cannot
 * hold (`.inf`, `.nan`, `1e400`) are refused here, before any code recurses into the value. The walk keeps
 * one frame per level on its own stack, so hostile depth costs memory bounded by the limit, not the
 * call stack.
 */
import { escapePointerToken } from './uploadProblem.js';

interface Frame {
  readonly container: readonly unknown[] | Readonly<Record<string, unknown>>;
  readonly keys: readonly string[] | undefined;
  index: number;
}

export interface ValueFindings {
  /** Pointer to the first container past the depth limit, if any. */
  readonly tooDeepAt?: string;
  /** Pointers to non-finite numbers (at most `maxFindings`). */
  readonly nonFinite: readonly string[];
}

function frameFor(value: object): Frame {
  return Array.isArray(value)
    ? { container: value as readonly unknown[], keys: undefined, index: 0 }
    : { container: value as Readonly<Record<string, unknown>>, keys: Object.keys(value), index: 0 };
}

function pointerOf(stack: readonly Frame[], lastToken?: string | number): string {
  let pointer = '';
  for (const frame of stack) {
    const position = frame.index - 1;
    const token = frame.keys === undefined ? position : (frame.keys[position] ?? '');
    pointer += `/${escapePointerToken(token)}`;
  }
  return lastToken === undefined ? pointer : `${pointer}/${escapePointerToken(lastToken)}`;
}

/**
 * Depth counts containers: `{}` is 1, `{ a: [] }` is 2.
 *
 * @example inspectValue({ a: { b: 1 } }, 1) // → { tooDeepAt: '/a', nonFinite: [] }
 */
export function inspectValue(root: unknown, maxDepth: number, maxFindings = 20): ValueFindings {
  const nonFinite: string[] = [];
  if (typeof root === 'number') return { nonFinite: Number.isFinite(root) ? [] : [''] };
  if (typeof root !== 'object' || root === null) return { nonFinite };
  if (maxDepth < 1) return { tooDeepAt: '', nonFinite };
  const stack: Frame[] = [frameFor(root)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame === undefined) break;
    const length =
      frame.keys === undefined ? (frame.container as readonly unknown[]).length : frame.keys.length;
    if (frame.index >= length) {
      stack.pop();
      continue;
    }
    const key = frame.keys === undefined ? frame.index : (frame.keys[frame.index] ?? '');
    const child = (frame.container as Readonly<Record<string | number, unknown>>)[key];
    frame.index += 1;
    if (typeof child === 'object' && child !== null) {
      if (stack.length >= maxDepth) return { tooDeepAt: pointerOf(stack), nonFinite };
      stack.push(frameFor(child));
    } else if (typeof child === 'number' && !Number.isFinite(child) && nonFinite.length < maxFindings) {
      nonFinite.push(pointerOf(stack));
    }
  }
  return { nonFinite };
}
