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

/**
 * A strict cast met a value it cannot convert (`"x"` to Int32). A data error, not a bug: the
 * query boundary turns it into the public `CastError`. `index` is the value's row in the batch
 * the kernel evaluated; the pipeline task that ran the batch sets `row`, the row of the frame it
 * reads (morsel start plus the row's place before any filter).
 *
 * @example
 * throw new KernelCastError('x', 'Int32', 'col("s")', 4);
 */
export class KernelCastError extends Error {
  row: number | null = null;
  constructor(
    readonly value: string,
    readonly to: string,
    readonly what: string,
    readonly index: number,
  ) {
    super(`cannot cast ${JSON.stringify(value)} to ${to} in ${what}`);
    this.name = 'KernelCastError';
  }
}
