/** The error base every error a user can meet derives from: a stable `code`, details in fields. */

/**
 * The stable codes of Volley's errors. Match on `code` (or `instanceof`), never on message text:
 * messages are for people and may be reworded.
 *
 * - `COLUMN_NOT_FOUND`: a name no schema has (`ColumnNotFoundError`, with the known names)
 * - `DUPLICATE_COLUMN`: two columns of one frame, or two outputs of one verb, share a name
 * - `LENGTH_MISMATCH`: columns of one frame with different lengths
 * - `TYPE_ERROR`: an expression that does not fit its input's types (`ExprTypeError`)
 * - `PLAN_ERROR`: a verb used in a way no plan can express (`PlanError`)
 * - `INVALID_ARGUMENT`: an option or argument value out of its domain
 * - `CSV_PARSE`: malformed CSV (`CsvError`, with file, line and column)
 * - `IO_ERROR`: a file that cannot be read or written
 * - `WORKER_DIED`: a worker thread exited while running a task (`WorkerDiedError`)
 * - `CANCELLED`: the query's `AbortSignal` fired
 * - `INTERNAL`: a broken invariant inside Volley, never the query's fault (`InternalError`)
 */
export type ErrorCode =
  | 'COLUMN_NOT_FOUND'
  | 'DUPLICATE_COLUMN'
  | 'LENGTH_MISMATCH'
  | 'TYPE_ERROR'
  | 'PLAN_ERROR'
  | 'INVALID_ARGUMENT'
  | 'CSV_PARSE'
  | 'IO_ERROR'
  | 'WORKER_DIED'
  | 'CANCELLED'
  | 'INTERNAL';

/**
 * The base class of every error Volley raises for a condition a user can cause or meet.
 *
 * @example
 * try {
 *   await df.lazy().select(col('nope')).collect();
 * } catch (e) {
 *   if (e instanceof VolleyError && e.code === 'COLUMN_NOT_FOUND') console.log(e.message);
 * }
 */
export class VolleyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VolleyError';
  }
}

/**
 * A broken invariant inside Volley: a bug to report, never the query's or the data's fault.
 *
 * @example
 * if (slot < 0) throw new InternalError(`group slot ${slot} out of range`);
 */
export class InternalError extends VolleyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', `${message} (internal error: please report it with the query)`, options);
    this.name = 'InternalError';
  }
}
