/** Date and timestamp arithmetic kernels: epoch numbers, truncation to windows, calendar offsets. */
import { KernelInvariantError, KernelValueError } from '../errors.js';
import type { Vec } from '../vec.js';
import { addMonths, civilFromDays, daysFromCivil, MS_PER_DAY } from './calendar.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Day numbers (i32 Date) or ms (i64 Timestamp) of a vector, as numbers, checked against the planned unit. */
function values(a: Vec, unit: 'days' | 'ms', fn: string): Int32Array | BigInt64Array {
  const want = unit === 'days' ? 'i32' : 'i64';
  if (a.kind !== want)
    throw new KernelInvariantError(`${fn}: a ${unit === 'days' ? 'Date is i32 days' : 'Timestamp is i64 ms'}, got ${a.kind}`);
  return a.values as Int32Array | BigInt64Array;
}

/** A result vector of `unit`'s kind from numbers; a Date outside the i32 range is null. */
function result(out: Float64Array, unit: 'days' | 'ms', valid: Uint8Array | null, n: number): Vec {
  if (unit === 'ms') {
    const ms = new BigInt64Array(n);
    for (let i = 0; i < n; i++) ms[i] = BigInt(out[i]!);
    return { kind: 'i64', length: n, values: ms, valid };
  }
  const days = new Int32Array(n);
  let v = valid;
  for (let i = 0; i < n; i++) {
    const d = out[i]!;
    if (d < INT32_MIN || d > INT32_MAX) {
      v ??= new Uint8Array(n).fill(1);
      if (v === valid) v = valid.slice();
      v[i] = 0;
    } else days[i] = d;
  }
  return { kind: 'i32', length: n, values: days, valid: v };
}

/**
 * Seconds (`s`) or ms (`ms`) since the epoch as i64, or days (`d`) as i32, of a Date (days) or
 * Timestamp (ms); seconds and days are floored, so 1 ms before 1970 is second -1 and day -1.
 *
 * @example
 * epoch(timestamps, 'ms', 's', n);
 */
export function epoch(a: Vec, unit: 'days' | 'ms', to: 's' | 'ms' | 'd', n: number): Vec {
  const v = values(a, unit, 'epoch');
  if (to === 'd') {
    if (unit === 'days') return a;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(Number(v[i]!) / MS_PER_DAY);
    return { kind: 'i32', length: n, values: out, valid: a.valid };
  }
  if (unit === 'ms' && to === 'ms') return a;
  const out = new BigInt64Array(n);
  if (unit === 'days') {
    const per = to === 's' ? 86_400 : MS_PER_DAY;
    for (let i = 0; i < n; i++) out[i] = BigInt((v[i] as number) * per);
  } else for (let i = 0; i < n; i++) out[i] = BigInt(Math.floor(Number(v[i]!) / 1000));
  return { kind: 'i64', length: n, values: out, valid: a.valid };
}

/**
 * Each value floored to the start of its window: `months` calendar months counted from year 0
 * (`1mo`, `1q` = 3, `1y` = 12), or `ms` fixed milliseconds counted from `originMs` (the epoch; a
 * Monday for weeks). A Date is floored as the timestamp of its midnight. Zero leaves values as they are.
 *
 * @example
 * dateTruncate(dates, 'days', 1, 0, 0, n); // first of each month
 */
export function dateTruncate(a: Vec, unit: 'days' | 'ms', months: number, ms: number, originMs: number, n: number): Vec {
  const v = values(a, unit, 'dateTruncate');
  if (months === 0 && ms === 0) return a;
  const out = new Float64Array(n);
  // the last window's days [lo, hi] and its first day: neighbouring rows mostly share a window
  let lo = 1;
  let hi = 0;
  let first = 0;
  for (let i = 0; i < n; i++) {
    const t = unit === 'days' ? (v[i] as number) * MS_PER_DAY : Number(v[i]!);
    let r: number;
    if (months > 0) {
      const day = Math.floor(t / MS_PER_DAY);
      if (day < lo || day > hi) {
        const c = civilFromDays(day);
        const total = Math.floor((c.year * 12 + c.month - 1) / months) * months;
        first = monthStart(total);
        lo = first;
        hi = monthStart(total + months) - 1;
      }
      r = first * MS_PER_DAY;
    } else r = Math.floor((t - originMs) / ms) * ms + originMs;
    out[i] = unit === 'days' ? Math.floor(r / MS_PER_DAY) : r;
  }
  return result(out, unit, a.valid, n);
}

/** The day number of the first day of a month counted from year 0 (`year * 12 + month - 1`). */
function monthStart(total: number): number {
  const year = Math.floor(total / 12);
  return daysFromCivil(year, total - year * 12 + 1, 1);
}

/**
 * Each value moved by `months` calendar months (the day clamped to the month's last day, so
 * 2024-01-31 + 1 month is 2024-02-29), then by `ms` fixed milliseconds (whole days for a Date: the
 * planner checks). A Date moved outside the i32 range is null.
 *
 * @example
 * dateOffset(dates, 'days', 1, 0, n); // one month later
 */
export function dateOffset(a: Vec, unit: 'days' | 'ms', months: number, ms: number, n: number): Vec {
  const v = values(a, unit, 'dateOffset');
  if (unit === 'days' && ms % MS_PER_DAY !== 0) throw new KernelInvariantError(`dateOffset: a Date moves by whole days, got ${ms} ms`);
  const out = new Float64Array(n);
  if (unit === 'days') {
    const days = ms / MS_PER_DAY;
    for (let i = 0; i < n; i++) out[i] = addMonths(v[i] as number, months) + days;
  } else {
    // the last day moved: timestamps of one day share it
    let lastDay = Number.NaN;
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const t = Number(v[i]!);
      if (months === 0) out[i] = t + ms;
      else {
        const day = Math.floor(t / MS_PER_DAY);
        if (day !== lastDay) {
          lastDay = day;
          moved = addMonths(day, months);
        }
        out[i] = moved * MS_PER_DAY + (t - day * MS_PER_DAY) + ms;
      }
    }
  }
  return result(out, unit, a.valid, n);
}

/**
 * The codes `a` as they are, after checking that no valid row holds a code whose string a strict
 * parse failed on; the first that does is a KernelValueError with its text and row in the batch.
 *
 * @example
 * strictParse(codes, Int32Array.of(-1, 0), ['not a date'], 'col("d")', 'str.toDate()', n);
 */
export function strictParse(a: Vec, failures: Int32Array, texts: readonly string[], column: string, what: string, n: number): Vec {
  if (a.kind !== 'i32') throw new KernelInvariantError(`strictParse: codes are ${a.kind}, expected i32`);
  const codes = a.values as Int32Array;
  const valid = a.valid;
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const f = failures[codes[i]!];
    if (f !== undefined && f >= 0) throw new KernelValueError(texts[f]!, column, what, i);
  }
  return a;
}
