/** Value helpers for the reference evaluator: one total order, one notion of "same value", literal decoding. */
import type { LitValue } from '../../src/expr/ast.js';
import type { DataType } from '../../src/types/dtype.js';
import type { Scalar } from '../../src/table/scalar.js';

/** A type as the reference tracks it: a column type, or the type of an untyped `lit(null)`. */
export type RefType = DataType | 'Null';

export const MS_PER_DAY = 86_400_000;

/**
 * Compares two non-null values of one type. Polars' total order: NaN equals NaN and is larger
 * than every number (+Infinity included); -0 equals +0. Strings compare by UTF-16 code unit (JS
 * `<`), which is code point order for every string without astral characters; booleans as
 * false < true; dates and timestamps by instant. Int64 values are bigints, compared exactly.
 *
 * @example
 * compareValues(NaN, 1); // 1
 * compareValues('a', 'b'); // -1
 */
export function compareValues(a: Exclude<Scalar, null>, b: Exclude<Scalar, null>): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const an = Number.isNaN(a);
    const bn = Number.isNaN(b);
    if (an || bn) return an && bn ? 0 : an ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    // Mixed bigint/number only happens across a supertype the caller already applied; keep it exact.
    const x = typeof a === 'bigint' ? a : BigInt(a as number);
    const y = typeof b === 'bigint' ? b : BigInt(b as number);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new TypeError(`reference: cannot compare ${describe(a)} with ${describe(b)}`);
}

/**
 * Compares two values that may be null, for sorting: `nullsLast` puts nulls after every value (and
 * before them otherwise), independent of the direction, as Polars' `nulls_last` does.
 */
export function compareForSort(a: Scalar, b: Scalar, descending: boolean, nullsLast: boolean): number {
  if (a === null || b === null) {
    if (a === null && b === null) return 0;
    return (a === null) === nullsLast ? 1 : -1;
  }
  const c = compareValues(a, b);
  return descending ? -c : c;
}

/**
 * A string that is equal for two values exactly when they are "the same" for grouping, distinct
 * and nUnique: null is one value, every NaN is one value, -0 is +0 (Polars' total equality).
 * The type tag keeps 1 (number) apart from 1n (bigint) and "1" (string).
 */
export function valueKey(v: Scalar): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isNaN(v) ? 'n:NaN' : `n:${v === 0 ? 0 : v}`;
  if (typeof v === 'bigint') return `b:${v}`;
  if (typeof v === 'boolean') return `t:${v}`;
  if (typeof v === 'string') return `s:${JSON.stringify(v)}`;
  return `d:${v.getTime()}`;
}

/** The grouping key of a tuple of values. */
export function tupleKey(values: readonly Scalar[]): string {
  return values.map(valueKey).join('|');
}

/** Total equality of two values (null equals null, NaN equals NaN). */
export function sameValue(a: Scalar, b: Scalar): boolean {
  return valueKey(a) === valueKey(b);
}

function describe(v: unknown): string {
  return typeof v === 'bigint' ? `${v}n` : v instanceof Date ? `Date(${v.toISOString()})` : `${typeof v} ${String(v)}`;
}

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** ISO date or date-time (no zone = UTC) to ms since the epoch; undefined when it is not one. */
function isoToMs(text: string): number | undefined {
  if (!/^-?\d{4,6}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|[+-]\d\d:?\d\d)?$/.test(text)) return undefined;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text.length <= 10 ? `${text}T00:00` : text}Z`;
  const ms = new Date(zoned.replace(' ', 'T')).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A literal's JSON-safe value (see `LitValue`) as a JS value of `dtype`: Int64 as bigint, Float64
 * numbers (with 'NaN'/'Infinity' spelled as strings), Date as a `Date` at UTC midnight of its day
 * count, Timestamp as a `Date` of its ms.
 *
 * @example
 * decodeLit('5', 'Int64'); // 5n
 */
export function decodeLit(value: LitValue, dtype: RefType): Scalar {
  if (value === null) return null;
  switch (dtype) {
    case 'Int64':
      return BigInt(value as string | number);
    case 'Float64':
      return typeof value === 'string' ? (NON_FINITE[value] ?? Number(value)) : Number(value);
    case 'Date':
      return new Date((value as number) * MS_PER_DAY);
    case 'Timestamp':
      return new Date(Number(value));
    default:
      return value;
  }
}

/**
 * An `isIn` value (JSON-safe, written before the argument's type was known) as a value of the
 * argument's type, or undefined when no value of that type can equal it (1.5 against Int32).
 * Numbers may arrive as numbers or decimal strings; dates as day counts or ISO text; timestamps
 * as ms or ISO text.
 */
export function decodeIsInValue(value: LitValue, dtype: DataType): Scalar | undefined {
  if (value === null) return undefined;
  const asNumber =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? (NON_FINITE[value] ?? (/^-?\d+$/.test(value) ? Number(value) : undefined))
        : undefined;
  switch (dtype) {
    case 'Int32':
      return asNumber !== undefined && Number.isInteger(asNumber) ? asNumber : undefined;
    case 'Float64':
      return asNumber;
    case 'Int64':
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
      return asNumber !== undefined && Number.isInteger(asNumber) ? BigInt(asNumber) : undefined;
    case 'Boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'Utf8':
      return typeof value === 'string' ? value : undefined;
    case 'Date': {
      if (typeof value === 'number') return Number.isInteger(value) ? new Date(value * MS_PER_DAY) : undefined;
      const ms = typeof value === 'string' ? isoToMs(value) : undefined;
      // an instant, compared as one: past midnight it equals no Date
      return ms === undefined ? undefined : new Date(ms);
    }
    case 'Timestamp': {
      if (typeof value === 'number') return Number.isInteger(value) ? new Date(value) : undefined;
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return new Date(Number(value));
      const ms = typeof value === 'string' ? isoToMs(value) : undefined;
      return ms === undefined ? undefined : new Date(ms);
    }
  }
}
