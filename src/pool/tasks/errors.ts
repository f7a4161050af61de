/** Errors across threads, the worker's half: a thrown value flattened to plain data, fields and cause chain included. */
import type { ErrorDesc } from '../protocol.js';

/** Properties every Error has or that the description carries apart. */
const OWN = new Set(['name', 'message', 'stack', 'cause']);

/**
 * A structured-clone-safe description of a thrown value, keeping name, message, stack, `cause` and
 * the error's own data fields (`code`, a `CsvError`'s `line` ...), so the main thread can rebuild it
 * as the same class (see `rebuildError` in `src/pool/rebuild.ts`).
 *
 * @example
 * describeError(new Error('bad', { cause: new RangeError('deep') })).cause?.message; // 'deep'
 */
export function describeError(e: unknown, depth = 0): ErrorDesc {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const fields = ownFields(e);
    const desc: ErrorDesc = { name: e.name, message: e.message, stack: e.stack, ...(fields === undefined ? {} : { fields }) };
    if (cause !== undefined && depth < 8)
      return { ...desc, cause: cause instanceof Error ? describeError(cause, depth + 1) : { value: plain(cause) } };
    return desc;
  }
  return { name: 'Error', message: String(e) };
}

function ownFields(e: Error): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(e)) {
    if (OWN.has(key)) continue;
    (out ??= {})[key] = plain((e as unknown as Record<string, unknown>)[key]);
  }
  return out;
}

function plain(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch {
    return String(v);
  }
}
