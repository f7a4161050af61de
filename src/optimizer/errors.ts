/** The error raised when an optimizer rule breaks its contract: a bug in Volley, never in the query. */
import { InternalError, registerErrorClass } from '../errors.js';

/**
 * Thrown when a rule changes a plan's output schema or produces a plan that does not validate.
 * The message names the rule and shows both plans' schemas.
 *
 * @example
 * try { optimize(plan); } catch (e) { if (e instanceof OptimizerError) console.log(e.rule); }
 */
export class OptimizerError extends InternalError {
  constructor(
    readonly rule: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`optimizer rule "${rule}" ${message}`, options);
    this.name = 'OptimizerError';
  }
}
registerErrorClass(OptimizerError);
