/** The query boundary: where errors from below src/ (kernels, worker tasks) become Volley's own. */
import { KernelInvariantError } from '../../kernels/errors.js';
import { InternalError } from '../errors.js';

/**
 * The error a query rejects with for `e`: a kernel's broken invariant (thrown on this thread or
 * rebuilt from a worker) becomes an `InternalError` with the kernel's error as its `cause`, so a
 * caller meets Volley's classes only; anything else (a `VolleyError`, the signal's abort reason)
 * passes unchanged.
 *
 * @example
 * try { return await run(ctx, plan); } catch (e) { throw atQueryBoundary(e); }
 */
export function atQueryBoundary(e: unknown): unknown {
  return e instanceof KernelInvariantError ? new InternalError(e.message, { cause: e }) : e;
}
