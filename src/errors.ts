/** The error base every error a user can meet derives from: a stable `code`, details in fields. */

/**
 * The stable codes of Volley's errors. Match on `code` (or `instanceof`), never on message text:
 * messages are for people and may be reworded.
 *
 * There is no code for cancellation: an aborted query rejects with the signal's `reason`, as
 * `fetch` and streams do (a `DOMException` named `AbortError` after `controller.abort()`, a
 * `TimeoutError` from `AbortSignal.timeout()`, or the very Error you passed to `abort(err)`); a
 * reason that is not an Error comes as an `AbortError` whose message is the reason. Match on
 * `e.name === 'AbortError'`, or check `signal.aborted`.
 *
 * - `COLUMN_NOT_FOUND`: a name no schema has (`ColumnNotFoundError`, with the known names)
 * - `DUPLICATE_COLUMN`: two columns of one frame, or two outputs of one verb, share a name
 *   (`DuplicateColumnError`, with the name)
 * - `LENGTH_MISMATCH`: columns of one frame with different lengths
 * - `TYPE_ERROR`: a value or an expression whose type does not fit where it is used (`ExprTypeError`
 *   for expressions; a literal that cannot hold its value; a column mixing kinds of values)
 * - `PLAN_ERROR`: a verb used in a way no plan can express (`PlanError`)
 * - `JOIN_VALIDATION`: a join's `validate` ('1:1', '1:m', 'm:1') found a key twice on a side that
 *   must be unique (`JoinValidationError`, with the side and the key); found when the join runs
 * - `NOT_SORTED`: an as-of join's key is not sorted (`AsofSortError`, with the side, column and
 *   row); found when the join runs
 * - `CAST_ERROR`: a strict `cast` met a value it cannot convert (`CastError`, with the value, its
 *   row, the target type and the expression); found when the query runs
 * - `INVALID_ARGUMENT`: an option or argument value out of its domain (`InvalidArgumentError`, with
 *   the argument's name and value)
 * - `CSV_PARSE`: malformed CSV (`CsvError`, with file, line and column)
 * - `PARSE_ERROR`: a value a strict parse cannot read, e.g. `str.toDate()` (`ParseValueError`, with
 *   the value, its row and its column); found when the query runs
 * - `IO_ERROR`: a file that cannot be read or written (Node's system error, with its `code` and
 *   `path`, is the `cause`)
 * - `WORKER_DIED`: a worker thread exited while running a task (`WorkerDiedError`)
 * - `INTERNAL`: a broken invariant inside Volley, never the query's fault (`InternalError`)
 */
export type ErrorCode =
  | 'COLUMN_NOT_FOUND'
  | 'DUPLICATE_COLUMN'
  | 'LENGTH_MISMATCH'
  | 'TYPE_ERROR'
  | 'PLAN_ERROR'
  | 'JOIN_VALIDATION'
  | 'NOT_SORTED'
  | 'CAST_ERROR'
  | 'INVALID_ARGUMENT'
  | 'CSV_PARSE'
  | 'PARSE_ERROR'
  | 'IO_ERROR'
  | 'WORKER_DIED'
  | 'MEMORY_LIMIT'
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

/**
 * An option or argument value outside its domain; `argument` names it as the user wrote it
 * (`threads`, `round() digits`), `value` is what was given.
 *
 * @example
 * try {
 *   await lf.collect({ threads: 0 });
 * } catch (e) {
 *   if (e instanceof InvalidArgumentError) console.log(e.argument, e.value); // 'threads' 0
 * }
 */
export class InvalidArgumentError extends VolleyError {
  constructor(
    readonly argument: string,
    readonly value: unknown,
    message: string,
  ) {
    super('INVALID_ARGUMENT', message);
    this.name = 'InvalidArgumentError';
  }
}

/**
 * Two columns of one frame, or two outputs of one verb, would share a name; `column` is that name.
 *
 * @example
 * try {
 *   lf.withColumns(col('a').add(1), col('a').add(2));
 * } catch (e) {
 *   if (e instanceof DuplicateColumnError) console.log(e.column); // 'a'
 * }
 */
export class DuplicateColumnError extends VolleyError {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super('DUPLICATE_COLUMN', message);
    this.name = 'DuplicateColumnError';
  }
}

/** Any error class: what {@link registerErrorClass} keeps so an error from a worker comes back as its class. */
export type ErrorClass = abstract new (...args: never[]) => Error;

const classes = new Map<string, ErrorClass>();

/**
 * Make an error class known by its name, so that an instance thrown in a worker thread is rebuilt
 * on the main thread as the same class (with its `code` and fields). Each error class registers
 * itself where it is defined: a class whose module is loaded is one the caller can test against.
 *
 * @example
 * registerErrorClass(PlanError);
 * errorClassNamed('PlanError') === PlanError; // true
 */
export function registerErrorClass(cls: ErrorClass): void {
  classes.set(cls.name, cls);
}

/**
 * The registered error class called `name`, if any.
 *
 * @example
 * errorClassNamed('VolleyError'); // VolleyError
 */
export function errorClassNamed(name: string): ErrorClass | undefined {
  return classes.get(name);
}

registerErrorClass(VolleyError);
registerErrorClass(InternalError);
registerErrorClass(InvalidArgumentError);
registerErrorClass(DuplicateColumnError);

/**
 * A value a strict parse cannot read (`str.strptime`, `str.toDate`, `str.toDatetime` with
 * `strict`, the default): `value` is the first such value, `row` its row in the input the query
 * read (null when it is not known: a literal, or after an aggregation), `column` the expression it
 * came from.
 *
 * @example
 * try { await df.lazy().select(col('d').str.toDate()).collect(); }
 * catch (e) { if (e instanceof ParseValueError) console.log(e.value, e.row, e.column); }
 */
export class ParseValueError extends VolleyError {
  constructor(
    readonly value: string,
    readonly row: number | null,
    readonly column: string,
    what: string,
  ) {
    super(
      'PARSE_ERROR',
      `${what} cannot parse ${JSON.stringify(value)}${row === null ? '' : ` at row ${row}`} of ${column}; pass { strict: false } to get null instead`,
    );
    this.name = 'ParseValueError';
  }
}
registerErrorClass(ParseValueError);
