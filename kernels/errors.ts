/**
 * The errors kernels (and worker tasks) throw: a broken invariant, reported by src/ as an
 * InternalError, and a value a strict function cannot read, reported as a user's error.
 */

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
 * A row holds a value a strict function cannot take (a string `str.strptime` cannot parse). The
 * kernel knows the row within its batch; the pipeline that ran it makes `row` the row of the
 * input (`located`), and the query boundary turns it into a `ParseValueError`.
 *
 * @example
 * throw new KernelValueError('31/02/2024', 'col("day")', 'str.strptime("Date", "%d/%m/%Y")', i);
 */
export class KernelValueError extends Error {
  located = false;

  constructor(
    readonly value: string,
    readonly column: string,
    readonly what: string,
    public row: number,
  ) {
    super(`${what} cannot parse ${JSON.stringify(value)} in ${column}`);
    this.name = 'KernelValueError';
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
