/** Errors across threads: flattened to plain data in the worker and rebuilt, cause chain included, on the main thread. */
import type { ErrorDesc } from '../protocol.js';

/**
 * A structured-clone-safe description of a thrown value, keeping name, message, stack and `cause`.
 *
 * @example
 * describeError(new Error('bad', { cause: new RangeError('deep') })).cause?.message; // 'deep'
 */
export function describeError(e: unknown, depth = 0): ErrorDesc {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const desc: ErrorDesc = { name: e.name, message: e.message, stack: e.stack };
    if (cause !== undefined && depth < 8) return { ...desc, cause: cause instanceof Error ? describeError(cause, depth + 1) : { value: plain(cause) } };
    return desc;
  }
  return { name: 'Error', message: String(e) };
}

/**
 * Rebuild an error thrown in a worker: same name, message and cause; the stack names the worker's frames.
 *
 * @example
 * const err = rebuildError(desc); // err.cause is the rebuilt inner error
 */
export function rebuildError(d: ErrorDesc): Error {
  const cause = d.cause === undefined ? undefined : 'value' in d.cause ? d.cause.value : rebuildError(d.cause as ErrorDesc);
  const Ctor = BUILTIN[d.name] ?? Error;
  const err = cause === undefined ? new Ctor(d.message) : new Ctor(d.message, { cause });
  if (err.name !== d.name) Object.defineProperty(err, 'name', { value: d.name, configurable: true, writable: true });
  if (d.stack !== undefined) err.stack = d.stack;
  return err;
}

const BUILTIN: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

function plain(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch {
    return String(v);
  }
}
