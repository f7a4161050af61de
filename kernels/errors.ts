/** The one error kernels (and worker tasks) throw: a broken invariant, reported by src/ as an InternalError. */

/**
 * A kernel met input its caller promised never to pass (a key outside its planned range, vectors
 * of mixed kinds): a bug in the planner or the kernel, never the query's fault. Kernels cannot
 * import `src/` (they stay pure and load in workers), so they throw this class and the query
 * boundary (`execute`) turns it into an `InternalError` with this one as its `cause`.
 *
 * @example
 * if (left < 0) throw new KernelInvariantError(`a group key is outside its planned range (${size} slots)`);
 */
export class KernelInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelInvariantError';
  }
}
