/**
 * A bug in us, not bad input: throws when a condition the code relies on does not hold. Input problems
 * are `EngineError`s or diagnostics, never invariants.
 */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violation: ${message}`);
}
