/** The error raised when an expression does not fit its schema or the verb it is used in. */
import { VolleyError, registerErrorClass } from '../errors.js';

/**
 * Raised at plan time, before anything runs: a type mismatch, a nested aggregation, a column used
 * outside an aggregation in `agg(...)`, or an aggregation where none is allowed. The message names
 * the offending expression in display form; `expr` holds that display string on its own.
 *
 * @example
 * try { typeOf(col('id1').sum().node, schema); } catch (e) { if (e instanceof ExprTypeError) console.log(e.expr); }
 */
export class ExprTypeError extends VolleyError {
  constructor(
    message: string,
    readonly expr: string,
  ) {
    super('TYPE_ERROR', message);
    this.name = 'ExprTypeError';
  }
}
registerErrorClass(ExprTypeError);

/**
 * A strict cast (`cast(dtype)`, or `cast(dtype, { strict: true })`) met a value it cannot
 * convert: text that is not a number, date or Boolean of the target's grammar, or a number
 * outside the target's range. Raised when the query runs, for the first such value in row order
 * (the same whatever the thread count); `row` is its 0-based row in the frame the expression
 * reads, `value` the value as text, `to` the target type and `expr` the cast in display form.
 * `cast(dtype, { strict: false })` gives null instead.
 *
 * @example
 * try { await df.select(col('s').cast('Int32')); } catch (e) { if (e instanceof CastError) console.log(e.value, e.row); }
 */
export class CastError extends VolleyError {
  constructor(
    readonly value: string,
    readonly row: number | null,
    readonly to: string,
    readonly expr: string,
  ) {
    super(
      'CAST_ERROR',
      `cannot cast ${JSON.stringify(value)}${row === null ? '' : ` (row ${row})`} to ${to} in ${expr}; use cast("${to}", { strict: false }) for null instead`,
    );
    this.name = 'CastError';
  }
}
registerErrorClass(CastError);
