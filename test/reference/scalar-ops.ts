/** Row-at-a-time operations on typed JS values: arithmetic, math, casts, string and date functions. */
import type { ArithOp, UnaryOp } from '../../src/expr/ast.js';
import type { DataType } from '../../src/types/dtype.js';
import type { Scalar } from '../../src/table/scalar.js';
import { formatRef, parseRef } from './text-casts.js';
import { MS_PER_DAY, type RefType } from './values.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A non-null value converted to `to` (a numeric type) so both sides of an operation agree. */
export function toNumericType(v: Exclude<Scalar, null>, to: RefType): number | bigint {
  if (to === 'Int64') return typeof v === 'bigint' ? v : BigInt(v as number);
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/** Python-style floored modulo (the divisor's sign), as Polars. */
function floorMod(x: number, y: number): number {
  const r = x % y;
  if (r === 0) return y < 0 ? -0 : 0;
  return r < 0 !== y < 0 ? r + y : r;
}

function floorModBig(x: bigint, y: bigint): bigint {
  const r = x % y;
  return r !== 0n && r < 0n !== y < 0n ? r + y : r;
}

/**
 * `a op b` in type `t` (the operands' numeric supertype, already converted): Int32 wraps to 32
 * bits and Int64 to 64 (Polars' wrapping integers); integer `mod` by 0 is null; Float64 is IEEE
 * (x / 0 is ±Infinity or NaN, x % 0 is NaN); `div` is true division in Float64.
 */
export function arith(op: ArithOp, t: RefType, a: number | bigint, b: number | bigint): Scalar {
  if (op === 'div') return Number(a) / Number(b);
  if (t === 'Int64') {
    const x = a as bigint;
    const y = b as bigint;
    if (op === 'mod') return y === 0n ? null : BigInt.asIntN(64, floorModBig(x, y));
    const r = op === 'add' ? x + y : op === 'sub' ? x - y : x * y;
    return BigInt.asIntN(64, r);
  }
  const x = a as number;
  const y = b as number;
  if (t === 'Int32') {
    if (op === 'mod') return y === 0 ? null : floorMod(x, y) | 0;
    // Exact in BigInt, then wrapped: a float product of two int32s can lose low bits.
    const r = op === 'add' ? BigInt(x) + BigInt(y) : op === 'sub' ? BigInt(x) - BigInt(y) : BigInt(x) * BigInt(y);
    return Number(BigInt.asIntN(32, r));
  }
  switch (op) {
    case 'add':
      return x + y;
    case 'sub':
      return x - y;
    case 'mul':
      return x * y;
    default:
      return floorMod(x, y);
  }
}

/** Round half away from zero (Rust's `f64::round`), keeping the sign of a zero result. */
export function roundHalfAwayFromZero(v: number): number {
  // Math.round breaks ties toward +Infinity, which on a magnitude is away from zero.
  const r = Math.round(Math.abs(v));
  return v < 0 || Object.is(v, -0) ? -r : r;
}

/**
 * Round to `digits` decimals: integers unchanged; floats scaled by 10^digits, rounded half away
 * from zero and scaled back (so 1.005, stored just below, rounds to 1.0 as in Polars). A value so
 * large that scaling overflows has no fraction and is returned as is.
 */
export function round(v: number | bigint, t: RefType, digits: number): number | bigint {
  if (t !== 'Float64') return v;
  const x = v as number;
  if (digits === 0) return roundHalfAwayFromZero(x);
  const m = 10 ** digits;
  const r = roundHalfAwayFromZero(x * m) / m;
  return Number.isFinite(r) || Number.isNaN(x) ? r : x;
}

/** neg/abs/floor/ceil keep the type (integers wrap); sqrt/log/exp give Float64 (log is natural). */
export function unaryMath(op: UnaryOp, t: RefType, v: number | bigint): number | bigint {
  if (t === 'Int64') {
    const x = v as bigint;
    if (op === 'neg') return BigInt.asIntN(64, -x);
    if (op === 'abs') return BigInt.asIntN(64, x < 0n ? -x : x);
    if (op === 'floor' || op === 'ceil') return x;
    return floatMath(op, Number(x));
  }
  const x = v as number;
  if (t === 'Int32') {
    if (op === 'neg') return -x | 0;
    if (op === 'abs') return Math.abs(x) | 0;
    if (op === 'floor' || op === 'ceil') return x;
    return floatMath(op, x);
  }
  if (op === 'neg') return -x;
  if (op === 'abs') return Math.abs(x);
  if (op === 'floor') return Math.floor(x);
  if (op === 'ceil') return Math.ceil(x);
  return floatMath(op, x);
}

function floatMath(op: UnaryOp, x: number): number {
  if (op === 'sqrt') return Math.sqrt(x);
  if (op === 'log') return Math.log(x);
  if (op === 'exp') return Math.exp(x);
  throw new Error(`reference: ${op} is not a math function`);
}

/** Truncate a float toward zero into an integer type; null when NaN or out of range. */
function floatToInt(x: number, to: 'Int32' | 'Int64'): Scalar {
  if (Number.isNaN(x)) return null;
  const t = Math.trunc(x);
  if (to === 'Int32') return t >= INT32_MIN && t <= INT32_MAX ? t : null;
  if (!Number.isFinite(t)) return null;
  const b = BigInt(t);
  return b >= INT64_MIN && b <= INT64_MAX ? b : null;
}

/**
 * A non-null value of type `from` cast to `to`. Floats to integers truncate toward zero and give
 * null when NaN or out of range; Int64 to Int32 gives null out of range; Boolean to numbers is
 * 0/1, numbers to Boolean is `!= 0` (NaN is true); Date→Timestamp is midnight UTC;
 * Timestamp→Date floors to the day (dates before 1970 included); Int32→Date reads days.
 */
export function castValue(v: Exclude<Scalar, null>, from: RefType, to: DataType): Scalar {
  if (from === to) return v;
  if (to === 'Utf8') return formatRef(v, from);
  if (from === 'Utf8') return parseRef(v as string, to);
  if (to === 'Date') {
    if (from === 'Int32' || from === 'Int64') {
      const d = BigInt(v as number | bigint);
      return d >= BigInt(INT32_MIN) && d <= BigInt(INT32_MAX) ? new Date(Number(d) * MS_PER_DAY) : null;
    }
    return new Date(Math.floor((v as Date).getTime() / MS_PER_DAY) * MS_PER_DAY);
  }
  if (to === 'Timestamp') {
    if (from === 'Date') return new Date((v as Date).getTime());
    // ms since the epoch; beyond what a JS Date holds the reference has no value to give
    const ms = Number(v as number | bigint);
    return Math.abs(ms) <= 8.64e15 ? new Date(ms) : null;
  }
  if (from === 'Date') return castValue(Math.round((v as Date).getTime() / MS_PER_DAY), 'Int32', to);
  if (from === 'Timestamp') return castValue(BigInt((v as Date).getTime()), 'Int64', to);
  if (to === 'Boolean') return typeof v === 'bigint' ? v !== 0n : (v as number) !== 0;
  const n: number | bigint = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number | bigint);
  switch (to) {
    case 'Float64':
      return Number(n);
    case 'Int64':
      return typeof n === 'bigint' ? n : from === 'Float64' ? floatToInt(n, 'Int64') : BigInt(n);
    case 'Int32':
      if (typeof n === 'bigint') return n >= BigInt(INT32_MIN) && n <= BigInt(INT32_MAX) ? Number(n) : null;
      return from === 'Float64' ? floatToInt(n, 'Int32') : n;
    default:
      throw new Error(`reference: cast from ${from} to ${to}`);
  }
}

/**
 * `str.slice(offset, length)` in UTF-16 code units, as Polars: a negative offset counts from the
 * end; the slice is the window [start, start + length) clamped to the string, so a start before
 * the beginning shortens the result (slice("abc", -5, 3) is "a") and one past the end is "".
 */
export function strSlice(s: string, offset: number, length: number | null): string {
  const points = [...s];
  const start = offset >= 0 ? offset : points.length + offset;
  const end = length === null ? points.length : start + length;
  const lo = Math.max(0, Math.min(start, points.length));
  const hi = Math.max(0, Math.min(end, points.length));
  return hi > lo ? points.slice(lo, hi).join('') : '';
}

/** The date part ops, as the reference names them. */
export type DatePartOp =
  | 'dt.year'
  | 'dt.month'
  | 'dt.day'
  | 'dt.weekday'
  | 'dt.hour'
  | 'dt.minute'
  | 'dt.second'
  | 'dt.millisecond'
  | 'dt.ordinalDay'
  | 'dt.quarter'
  | 'dt.week';

const DAY_MS = 86_400_000;

/** A date part of a Date, in UTC (ISO weekday: Monday = 1 ... Sunday = 7; ISO week). */
export function datePart(op: DatePartOp, d: Date): number {
  switch (op) {
    case 'dt.year':
      return d.getUTCFullYear();
    case 'dt.month':
      return d.getUTCMonth() + 1;
    case 'dt.day':
      return d.getUTCDate();
    case 'dt.weekday':
      return ((d.getUTCDay() + 6) % 7) + 1;
    case 'dt.hour':
      return d.getUTCHours();
    case 'dt.minute':
      return d.getUTCMinutes();
    case 'dt.second':
      return d.getUTCSeconds();
    case 'dt.millisecond':
      return d.getUTCMilliseconds();
    case 'dt.ordinalDay':
      return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
    case 'dt.quarter':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'dt.week': {
      // ISO 8601: the week holding the year's first Thursday is week 1
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      const weekday = ((d.getUTCDay() + 6) % 7) + 1;
      const thursday = new Date(day + (4 - weekday) * DAY_MS);
      const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      return Math.floor((thursday.getTime() - jan1) / DAY_MS / 7) + 1;
    }
  }
}
