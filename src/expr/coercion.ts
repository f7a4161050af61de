/** Type compatibility rules shared by the type checker and the planner's lowering (supertypes, casts). */
import { isNumeric, numericSupertype, type DataType } from '../types/dtype.js';

/**
 * A type as inference sees it: `null` is the type of an untyped `lit(null)`, which adopts the
 * type of whatever it is combined with.
 */
export type MaybeType = DataType | null;

/**
 * The common type two values are converted to when they meet (when/then branches, fillNull, a
 * comparison's operands): equal types stay, numerics widen (Int32 < Int64 < Float64), a Date
 * meeting a Timestamp becomes the Timestamp of its midnight (as in Polars and DuckDB), an untyped
 * null adopts the other type. `undefined` when the two cannot meet.
 *
 * @example
 * supertype('Int32', 'Float64');    // 'Float64'
 * supertype('Date', 'Timestamp');   // 'Timestamp'
 * supertype(null, 'Utf8');          // 'Utf8'
 * supertype('Utf8', 'Int32');       // undefined
 */
export function supertype(a: MaybeType, b: MaybeType): MaybeType | undefined {
  if (a === null) return b;
  if (b === null || a === b) return a;
  if ((a === 'Date' && b === 'Timestamp') || (a === 'Timestamp' && b === 'Date')) return 'Timestamp';
  return numericSupertype(a, b) ?? undefined;
}

/** Whether a type is a Date or a Timestamp. */
export function isTemporal(t: MaybeType): t is 'Date' | 'Timestamp' {
  return t === 'Date' || t === 'Timestamp';
}

/**
 * The result type of `left - right` when a side is a Date or Timestamp: Date - Date is Int32 days,
 * and a Timestamp on either side (a Date becomes its midnight) gives Int64 ms; `undefined` when the
 * pair cannot be subtracted (a date minus a number: use `dt.offsetBy`). An untyped null takes the
 * other side's type.
 *
 * @example
 * temporalDifference('Date', 'Date');      // 'Int32'
 * temporalDifference('Date', 'Timestamp'); // 'Int64'
 */
export function temporalDifference(left: MaybeType, right: MaybeType): 'Int32' | 'Int64' | undefined {
  const t = supertype(left, right);
  if (t === 'Date') return 'Int32';
  if (t === 'Timestamp') return 'Int64';
  return undefined;
}

/**
 * Whether values of the two types can be compared: numeric with numeric, Date with Timestamp (as
 * instants: a Date is its midnight), otherwise only the same type (Utf8, Boolean). An untyped null
 * compares with anything.
 *
 * @example
 * comparable('Int32', 'Float64'); // true
 * comparable('Date', 'Timestamp'); // true
 */
export function comparable(a: MaybeType, b: MaybeType): boolean {
  return supertype(a, b) !== undefined;
}

/**
 * Whether `cast(to)` is supported from `from`: the identity, numeric to numeric, numeric to and
 * from Boolean, Date to and from Timestamp, Date (days) and Timestamp (ms) to and from Int32 and
 * Int64, text (Utf8) to every type, and every type to text.
 *
 * @example
 * canCast('Float64', 'Int32'); // true (truncates; out of range fails, or null when not strict)
 * canCast('Utf8', 'Date');     // true (parses YYYY-MM-DD)
 * canCast('Float64', 'Utf8');  // true ("1.0", as Polars prints it)
 * canCast('Float64', 'Date');  // false
 */
export function canCast(from: DataType, to: DataType): boolean {
  if (from === to || from === 'Utf8' || to === 'Utf8') return true;
  const numLike = (t: DataType) => isNumeric(t) || t === 'Boolean';
  if (numLike(from) && numLike(to)) return true;
  const temporal = (t: DataType) => t === 'Date' || t === 'Timestamp';
  const integer = (t: DataType) => t === 'Int32' || t === 'Int64';
  if (temporal(from) && temporal(to)) return true;
  return (temporal(from) && integer(to)) || (integer(from) && temporal(to));
}
