/** Literal values: JS values to the AST's JSON-safe form (`LitValue`) and back. */
import { InvalidArgumentError, VolleyError } from '../errors.js';
import { isDataType, type DataType } from '../types/dtype.js';
import type { ExprNode, LitValue } from './ast.js';

/** The JS values a literal can be built from. */
export type LiteralInput = number | bigint | boolean | string | Date | null;

/** The `lit` variant of {@link ExprNode}. */
export type LitNode = Extract<ExprNode, { kind: 'lit' }>;

const MS_PER_DAY = 86_400_000;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** The widest range a JS Date can hold, in ms. */
const MAX_DATE_MS = 8.64e15;
const DECIMAL_INT = /^-?\d+$/;
/** Non-finite floats have no JSON number form, so Float64 literals spell them as these strings. */
const NON_FINITE = new Map<string, number>([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
]);

export function isInt32Value(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;
}

function isInt64Text(s: string): boolean {
  if (!DECIMAL_INT.test(s)) return false;
  const b = BigInt(s);
  return b >= INT64_MIN && b <= INT64_MAX;
}

function encodeFloat(n: number): number | string {
  if (Number.isFinite(n)) return n;
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}

function reject(value: unknown, dtype: DataType, why = ''): never {
  throw new VolleyError('TYPE_ERROR', `cannot make a ${dtype} literal from ${describe(value)}${why ? `: ${why}` : ''}`);
}

/**
 * Milliseconds since the epoch for an ISO 8601 date or date-time. A date-time without a zone is
 * read as UTC, so the result never depends on the machine's time zone.
 *
 * @example
 * parseIsoMs('2020-01-02'); // 1577923200000
 * parseIsoMs('2020-01-02T03:04:05.678+01:00');
 */
export function parseIsoMs(text: string): number | undefined {
  const m = /^(-?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Rejects days past the month's end (Feb 30), which Date would silently roll over.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  let ms = date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + Number(frac.padEnd(3, '0').slice(0, 3));
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}

/** `YYYY-MM-DD` for a Date literal's days, or undefined outside the range JS dates print in that form. */
export function daysToIso(days: number): string | undefined {
  const ms = days * MS_PER_DAY;
  if (Math.abs(ms) > MAX_DATE_MS) return undefined;
  const iso = new Date(ms).toISOString();
  return /^\d{4}-/.test(iso) ? iso.slice(0, 10) : undefined;
}

/** Full ISO text for a Timestamp literal's ms, or undefined outside the range JS dates print. */
export function msToIso(ms: number): string | undefined {
  if (Math.abs(ms) > MAX_DATE_MS) return undefined;
  const iso = new Date(ms).toISOString();
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

function dateMs(d: Date): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new InvalidArgumentError('literal', d, 'cannot make a literal from an invalid Date');
  return ms;
}

function defaultLit(value: LiteralInput): LitNode {
  if (value === null) return { kind: 'lit', value: null, dtype: null };
  switch (typeof value) {
    case 'number':
      // -0 is not an integer value anyone means to keep apart from 0 in Int32 arithmetic.
      if (isInt32Value(value)) return { kind: 'lit', value: value === 0 ? 0 : value, dtype: 'Int32' };
      return { kind: 'lit', value: encodeFloat(value), dtype: 'Float64' };
    case 'bigint':
      return typedLit(value, 'Int64');
    case 'boolean':
      return { kind: 'lit', value, dtype: 'Boolean' };
    case 'string':
      return { kind: 'lit', value, dtype: 'Utf8' };
    default:
      if (value instanceof Date) return { kind: 'lit', value: dateMs(value), dtype: 'Timestamp' };
      throw new InvalidArgumentError(
        'literal',
        value,
        `expected an Expr or a literal (number, bigint, boolean, string, Date or null), got ${value === undefined ? 'undefined' : describe(value)}`,
      );
  }
}

function typedValue(value: Exclude<LiteralInput, null>, dtype: DataType): LitValue {
  switch (dtype) {
    case 'Int32':
      if (typeof value === 'number' && isInt32Value(value)) return value === 0 ? 0 : value;
      if (typeof value === 'bigint' && value >= INT32_MIN && value <= INT32_MAX) return Number(value);
      return reject(value, dtype, 'needs an integer between -2147483648 and 2147483647');
    case 'Int64':
      if (typeof value === 'number' && Number.isInteger(value)) return typedValue(BigInt(value), dtype);
      if (typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX) return value.toString();
      if (typeof value === 'string' && isInt64Text(value)) return BigInt(value).toString();
      return reject(value, dtype, 'needs an integer in the 64-bit range');
    case 'Float64':
      if (typeof value === 'number') return encodeFloat(value);
      if (typeof value === 'bigint') return Number(value);
      return reject(value, dtype);
    case 'Boolean':
      return typeof value === 'boolean' ? value : reject(value, dtype);
    case 'Utf8':
      return typeof value === 'string' ? value : reject(value, dtype, 'cast to Utf8 is not supported yet');
    case 'Date': {
      if (typeof value === 'number' && isInt32Value(value)) return value === 0 ? 0 : value;
      let ms: number | undefined;
      if (value instanceof Date) ms = dateMs(value);
      else if (typeof value === 'string') ms = parseIsoMs(value);
      if (ms === undefined) return reject(value, dtype, 'needs whole days since 1970-01-01, a Date or an ISO date string');
      return Math.floor(ms / MS_PER_DAY) || 0;
    }
    case 'Timestamp': {
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value === 0 ? 0 : value;
      if (typeof value === 'bigint' && value >= -MAX_DATE_MS && value <= MAX_DATE_MS) return Number(value);
      if (value instanceof Date) return dateMs(value);
      const ms = typeof value === 'string' ? parseIsoMs(value) : undefined;
      return ms ?? reject(value, dtype, 'needs whole ms since the epoch, a Date or an ISO date-time string');
    }
  }
}

function typedLit(value: LiteralInput, dtype: DataType): LitNode {
  if (!isDataType(dtype)) throw new InvalidArgumentError('dtype', dtype, `unknown data type ${describe(dtype)}`);
  return { kind: 'lit', value: value === null ? null : typedValue(value, dtype), dtype };
}

/**
 * The literal node for a JS value. Without `dtype`: numbers are Int32 when they are int32-range
 * integers and Float64 otherwise, bigint is Int64, Date is Timestamp, and null stays untyped (it
 * takes the type of whatever it meets). With `dtype`, the value is converted to that type's
 * JSON-safe form or rejected with a TypeError.
 *
 * @example
 * litNode(2);                     // { kind: 'lit', value: 2, dtype: 'Int32' }
 * litNode(5n);                    // { kind: 'lit', value: '5', dtype: 'Int64' }
 * litNode('2020-01-02', 'Date');  // { kind: 'lit', value: 18263, dtype: 'Date' }
 */
export function litNode(value: LiteralInput, dtype?: DataType | null): LitNode {
  if (value === undefined) throw new InvalidArgumentError('literal', value, 'expected an Expr or a literal value, got undefined');
  return dtype === undefined || dtype === null ? defaultLit(value) : typedLit(value, dtype);
}

/** Whether `value` is the JSON-safe form of a `dtype` literal (untyped literals must be null). */
export function isValidLitValue(value: unknown, dtype: DataType | null): value is LitValue {
  if (value === null) return true;
  switch (dtype) {
    case null:
      return false;
    case 'Int32':
    case 'Date':
      return typeof value === 'number' && isInt32Value(value);
    case 'Int64':
      return typeof value === 'string' && isInt64Text(value);
    case 'Float64':
      return typeof value === 'number' || (typeof value === 'string' && NON_FINITE.has(value));
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Utf8':
      return typeof value === 'string';
    case 'Timestamp':
      return typeof value === 'number' && Number.isSafeInteger(value);
  }
}

/**
 * A literal's value as users see it: numbers, bigint for Int64, booleans, strings, `Date` for Date
 * and Timestamp, null.
 *
 * @example
 * litToScalar('5', 'Int64');   // 5n
 * litToScalar(0, 'Date');      // new Date(0)
 */
export function litToScalar(value: LitValue, dtype: DataType | null): number | bigint | boolean | string | Date | null {
  if (value === null) return null;
  switch (dtype) {
    case 'Int64':
      return BigInt(value as string);
    case 'Float64':
      return Number(value);
    case 'Date':
      return new Date((value as number) * MS_PER_DAY);
    case 'Timestamp':
      return new Date(value as number);
    default:
      return value;
  }
}

/**
 * A literal's value in the form kernels' `const` takes: i32/f64 as numbers (Date as days), i64
 * (Int64, Timestamp ms) as decimal strings, booleans, and Utf8 as the string itself (the planner
 * maps it to a dictionary code or rank).
 *
 * @example
 * litToConst(1577923200000, 'Timestamp'); // '1577923200000'
 * litToConst('NaN', 'Float64');           // NaN
 */
export function litToConst(value: LitValue, dtype: DataType | null): number | string | boolean | null {
  if (value === null) return null;
  switch (dtype) {
    case 'Float64':
      return Number(value);
    case 'Timestamp':
      return String(value);
    default:
      return value;
  }
}

/**
 * The Date or Timestamp literal a Utf8 literal stands for where it meets a Date or Timestamp in a
 * comparison (`col('d').eq('2024-01-01')`, `between`): an ISO 8601 date is a Date literal next to
 * a Date and a Timestamp at midnight next to a Timestamp; a date-time is a Timestamp (a Date
 * compared with it is its midnight). `undefined` when `node` is not a Utf8 literal or `other` is
 * not a date type; `null` when the text is not ISO 8601.
 *
 * @example
 * temporalLiteral(lit('2024-01-01').node, 'Date');              // { kind: 'lit', value: 19723, dtype: 'Date' }
 * temporalLiteral(lit('2024-01-01T12:00:00Z').node, 'Date');    // a Timestamp literal
 */
export function temporalLiteral(node: ExprNode, other: DataType | null): LitNode | null | undefined {
  if (node.kind !== 'lit' || node.dtype !== 'Utf8' || typeof node.value !== 'string') return undefined;
  if (other !== 'Date' && other !== 'Timestamp') return undefined;
  const ms = parseIsoMs(node.value);
  if (ms === undefined) return null;
  if (other === 'Date' && ISO_DATE_ONLY.test(node.value)) return { kind: 'lit', value: Math.floor(ms / MS_PER_DAY) || 0, dtype: 'Date' };
  return { kind: 'lit', value: ms, dtype: 'Timestamp' };
}

const ISO_DATE_ONLY = /^-?\d{4,6}-\d{2}-\d{2}$/;

/**
 * The JSON-safe form `isIn` stores a JS value in, before the argument's type is known: numbers as
 * is (non-finite as 'NaN'/'Infinity'/'-Infinity'), bigint as a number when safe and as a decimal
 * string otherwise, and a Date as ISO text (`YYYY-MM-DD` at midnight UTC) so that a Date column
 * reads it as a date and a Timestamp column as an instant.
 */
export function isInValue(value: LiteralInput): LitValue {
  if (value === null || value === undefined)
    throw new InvalidArgumentError('isIn() values', value, 'isIn values must not be null; combine with isNull() to match nulls');
  switch (typeof value) {
    case 'number':
      return encodeFloat(value);
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
    case 'boolean':
    case 'string':
      return value;
    default: {
      if (!(value instanceof Date))
        throw new InvalidArgumentError('isIn() values', value, `isIn takes literal values, got ${describe(value)}`);
      const ms = dateMs(value);
      return ms % MS_PER_DAY === 0 ? daysToIso(ms / MS_PER_DAY)! : new Date(ms).toISOString();
    }
  }
}

/**
 * One `isIn` value in the argument type's kernel form. `undefined`: the value cannot be compared
 * with that type (a plan-time error); `null`: it can, but no value of that type equals it (1.5 in
 * an Int64 column), so it is dropped.
 */
export function isInValueFor(value: LitValue, dtype: DataType): number | string | boolean | null | undefined {
  if (value === null) return undefined;
  const num =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? DECIMAL_INT.test(value)
          ? Number(value)
          : NON_FINITE.get(value)
        : undefined;
  switch (dtype) {
    case 'Int32':
    case 'Float64':
      return num;
    case 'Int64':
      if (typeof value === 'string' && DECIMAL_INT.test(value)) return isInt64Text(value) ? BigInt(value).toString() : null;
      if (num === undefined) return undefined;
      return Number.isInteger(num) ? BigInt(num).toString() : null;
    case 'Boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'Utf8':
      return typeof value === 'string' ? value : undefined;
    case 'Date': {
      if (typeof value === 'number') return Number.isInteger(value) ? value : null;
      const ms = typeof value === 'string' ? parseIsoMs(value) : undefined;
      if (ms === undefined) return undefined;
      // an instant past midnight equals no Date, as in a comparison
      return ms % MS_PER_DAY === 0 ? ms / MS_PER_DAY || 0 : null;
    }
    case 'Timestamp': {
      if (typeof value === 'number') return Number.isInteger(value) ? String(value) : null;
      if (typeof value === 'string' && DECIMAL_INT.test(value)) return isInt64Text(value) ? BigInt(value).toString() : null;
      const ms = typeof value === 'string' ? parseIsoMs(value) : undefined;
      return ms === undefined ? undefined : String(ms);
    }
  }
}

/**
 * The values of an `isIn` node in the kernel form for an argument of type `dtype` (see
 * {@link isInValueFor}); values no row can equal are dropped. Call after type checking, which
 * rejects values of the wrong type.
 *
 * @example
 * isInValuesFor([1, 2.5, '7'], 'Int64'); // ['1', '7']
 */
export function isInValuesFor(values: readonly LitValue[], dtype: DataType): (number | string | boolean)[] {
  const out: (number | string | boolean)[] = [];
  for (const v of values) {
    const k = isInValueFor(v, dtype);
    if (k === undefined) throw new VolleyError('TYPE_ERROR', `isIn value ${describe(v)} does not match type ${dtype}`);
    if (k !== null) out.push(k);
  }
  return out;
}

/**
 * A type every one of `values` matches, for an `isIn` whose argument is an untyped null (so the
 * values alone decide): Float64, else Utf8, else Boolean; undefined when they mix types.
 */
export function impliedIsInType(values: readonly LitValue[]): DataType | undefined {
  const candidates: DataType[] = ['Float64', 'Utf8', 'Boolean'];
  return candidates.find((t) => values.every((v) => isInValueFor(v, t) !== undefined));
}
