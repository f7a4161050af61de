/** The query boundary: where errors from below src/ (kernels, worker tasks, the file system) become Volley's own. */
import { KernelCastError, KernelInvariantError, KernelValueError } from '../../kernels/errors.js';
import { CastError } from '../expr/errors.js';
import { InternalError, ParseValueError, VolleyError } from '../errors.js';

/**
 * The error a query rejects with for `e`: a kernel's broken invariant (thrown on this thread or
 * rebuilt from a worker) becomes an `InternalError`, and a file system error (a file deleted or
 * made unreadable while the query reads it) an `IO_ERROR`, a value a strict parse cannot read a
 * `ParseValueError`, each with the original as its `cause`
 * (where a system error keeps its `code`, `syscall` and `path`), so a caller meets Volley's
 * classes only; a strict cast's failure becomes a `CastError`; anything else (a `VolleyError`, the signal's abort reason) passes unchanged.
 *
 * @example
 * try { return await run(ctx, plan); } catch (e) { throw atQueryBoundary(e); }
 */
export function atQueryBoundary(e: unknown): unknown {
  if (e instanceof KernelInvariantError) return new InternalError(e.message, { cause: e });
  if (e instanceof KernelValueError) return new ParseValueError(e.value, e.located ? e.row : null, e.column, e.what);
  if (e instanceof KernelCastError) return new CastError(e.value, e.row, e.to, e.what);
  if (isSystemError(e)) return new VolleyError('IO_ERROR', e.message, { cause: e });
  return e;
}

/** Node's errors from a system call carry a string `code` (`ENOENT`) and the `syscall` that failed. */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return (
    e instanceof Error &&
    !(e instanceof VolleyError) &&
    typeof (e as NodeJS.ErrnoException).code === 'string' &&
    typeof (e as NodeJS.ErrnoException).syscall === 'string'
  );
}
