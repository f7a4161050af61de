/** ParquetError: a Parquet input or output that cannot be used, with the file it concerns. */
import { VolleyError } from '../../errors.js';

/**
 * A Parquet file that cannot be read or written: it is missing, it is not Parquet, it holds a
 * column Volley has no type for (nested, DECIMAL, unsigned 64-bit), or the output failed.
 *
 * @example
 * try { await readParquet('missing.parquet'); } catch (e) { if (e instanceof ParquetError) console.log(e.source); }
 */
export class ParquetError extends VolleyError {
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('IO_ERROR', message, options);
    this.name = 'ParquetError';
  }
}

/** `e` as a ParquetError about `source`: a VolleyError passes as it is, anything else is wrapped with `what` before its message. */
export function parquetFailure(source: string, what: string, e: unknown): VolleyError {
  if (e instanceof VolleyError) return e;
  return new ParquetError(source, `${what}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
}
