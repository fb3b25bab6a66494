/** Marks a memoized value while it is computed: meeting it again means a reference cycle. */
export const PENDING: unique symbol = Symbol('pending');
