/** How Int64 values come out of a frame: as `bigint` (exact, the default), as `number` when exact, or as decimal text. */
import { InvalidArgumentError } from '../errors.js';
import type { Scalar } from './scalar.js';

/**
 * The JS type Int64 values come out as: `'bigint'` (the default: exact, but `JSON.stringify`
 * refuses it), `'number'` (for values within ±(2^53 - 1), where a number is exact; a value
 * beyond is an error, never a rounded number) or `'string'` (decimal text, exact).
 */
export type Int64As = 'bigint' | 'number' | 'string';

/**
 * Options for reading values out of a frame.
 *
 * @example
 * JSON.stringify(df.toRecords({ int64: 'number' }));
 */
export interface ValueOptions {
  /** How Int64 values come out (default `'bigint'`). */
  readonly int64?: Int64As;
}

const AS: ReadonlySet<string> = new Set(['bigint', 'number', 'string']);

/**
 * The `int64` option, checked.
 *
 * @example
 * int64As({ int64: 'number' }); // 'number'
 */
export function int64As(options: ValueOptions | undefined): Int64As {
  const as = options?.int64 ?? 'bigint';
  if (!AS.has(as)) throw new InvalidArgumentError('int64', as, `int64 must be 'bigint', 'number' or 'string', got ${JSON.stringify(as)}`);
  return as;
}

/**
 * An Int64 value (or null) as `as` asks; `where` names it (column and row) for the error a value
 * beyond ±(2^53 - 1) gives as a number.
 *
 * @example
 * int64Value(42n, 'number', () => 'column "v", row 0'); // 42
 */
export function int64Value(v: Scalar, as: Int64As, where: () => string): Scalar {
  if (typeof v !== 'bigint' || as === 'bigint') return v;
  if (as === 'string') return v.toString();
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER))
    throw new InvalidArgumentError(
      'int64',
      'number',
      `${where()} holds ${v}, beyond ±(2^53 - 1) where a number is exact: read it with int64: 'string' or 'bigint'`,
    );
  return Number(v);
}
