/** The error raised when a verb is used in a way no plan can express (bad arguments, clashing names). */
import { VolleyError, registerErrorClass } from '../errors.js';

/**
 * Raised while a plan is built, before anything runs: a duplicate output name, a negative limit, a
 * string where an expression is needed, a sort with mismatched option lengths. Expression-level
 * problems are `ExprTypeError` and unknown names `ColumnNotFoundError` instead.
 *
 * @example
 * try { lf.filter('v1' as never); } catch (e) { if (e instanceof PlanError) console.log(e.message); }
 */
export class PlanError extends VolleyError {
  constructor(message: string) {
    super('PLAN_ERROR', message);
    this.name = 'PlanError';
  }
}
registerErrorClass(PlanError);

/**
 * A join's `validate` found a duplicate key on a side it requires to be unique. Raised when the
 * join runs (the keys are data); `side` and `key` (the key's values, as shown) carry the details.
 *
 * @example
 * try { await lf.join(other, { on: 'id', validate: '1:1' }).collect(); } catch (e) { if (e instanceof JoinValidationError) console.log(e.key); }
 */
export class JoinValidationError extends VolleyError {
  constructor(
    readonly side: 'left' | 'right',
    readonly key: string,
    message: string,
  ) {
    super('JOIN_VALIDATION', message);
    this.name = 'JoinValidationError';
  }
}
registerErrorClass(JoinValidationError);
