/** Memoized evaluation of the stack graph: every value is computed at most once, cycles are detected. */

/** Marks a memoized value while it is computed: meeting it again means a reference cycle. */
export const PENDING: unique symbol = Symbol('pending');

/**
 * Computes `name` into `memo` (marked PENDING meanwhile), and keeps the result unless the evaluator cut
 * work short while computing it: a later read, from elsewhere, may then get further.
 */
export function computeOnce<T>(memo: Map<string, T | typeof PENDING>, name: string, evaluator: { readonly cuts: number }, compute: () => T): T {
  memo.set(name, PENDING);
  const cuts = evaluator.cuts;
  const value = compute();
  if (cuts === evaluator.cuts) memo.set(name, value);
  else memo.delete(name);
  return value;
}
