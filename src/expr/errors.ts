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
