/** Errors across threads, the main thread's half: a worker's error description rebuilt as the class it was thrown as. */
import { errorClassNamed, registerErrorClass, type ErrorClass } from '../errors.js';
import { KernelCastError, KernelInvariantError, KernelValueError } from '../../kernels/errors.js';
import type { ErrorDesc } from './protocol.js';

registerErrorClass(KernelInvariantError);
registerErrorClass(KernelValueError);
registerErrorClass(KernelCastError);

const BUILTIN: Record<string, ErrorClass> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/**
 * Rebuild an error thrown in a worker: a registered class (every `VolleyError` subclass, the
 * kernels' invariant error) or a built-in one comes back as that class, with the same message,
 * fields (`code` and details) and cause; anything else is a plain `Error` with the worker's name.
 * The stack names the worker's frames. No constructor runs: the fields are the thrower's, as
 * they were, whatever the class's constructor would compute from its arguments.
 *
 * @example
 * const err = rebuildError(desc); // err instanceof CsvError, err.code === 'CSV_PARSE', err.line === 3
 */
export function rebuildError(d: ErrorDesc): Error {
  const cause = d.cause === undefined ? undefined : 'value' in d.cause ? d.cause.value : rebuildError(d.cause as ErrorDesc);
  const cls = errorClassNamed(d.name) ?? BUILTIN[d.name] ?? Error;
  const args = cause === undefined ? [d.message] : [d.message, { cause }];
  const err = Reflect.construct(Error, args, cls) as Error;
  if (err.name !== d.name)
    Object.defineProperty(err, 'name', { value: d.name, configurable: true, writable: true, enumerable: cls !== Error });
  for (const [key, value] of Object.entries(d.fields ?? {})) {
    Object.defineProperty(err, key, { value, configurable: true, writable: true, enumerable: true });
  }
  if (d.stack !== undefined) err.stack = d.stack;
  return err;
}
