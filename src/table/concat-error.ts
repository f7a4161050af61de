/** ConcatError: frames that cannot be combined, with the frame, the column and both types as fields. */
import { type ErrorCode, VolleyError, registerErrorClass } from '../errors.js';
import type { DataType } from '../types/dtype.js';

/**
 * Frames that `concat` cannot combine. `frame` is the index of the offending frame in the list,
 * `column` the column, `expected` its type so far (from the earlier frames) and `found` its type in
 * that frame (null where the frame lacks the column). The code is `TYPE_ERROR` for a type clash,
 * `COLUMN_NOT_FOUND` for a column a frame lacks, `PLAN_ERROR` for an extra column or another order.
 *
 * @example
 * try {
 *   await concat([a, b]);
 * } catch (e) {
 *   if (e instanceof ConcatError) console.log(e.frame, e.column, e.expected, e.found); // 1 'v' 'Int32' 'Utf8'
 * }
 */
export class ConcatError extends VolleyError {
  constructor(
    code: Extract<ErrorCode, 'TYPE_ERROR' | 'COLUMN_NOT_FOUND' | 'PLAN_ERROR'>,
    readonly frame: number,
    readonly column: string,
    readonly expected: DataType | null,
    readonly found: DataType | null,
    message: string,
  ) {
    super(code, message);
    this.name = 'ConcatError';
  }
}
registerErrorClass(ConcatError);
