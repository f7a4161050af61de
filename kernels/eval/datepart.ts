/** Date parts of Date (i32 days) and Timestamp (i64 ms) values, in UTC, by `civil_from_days`. */
// Howard Hinnant's algorithm: exact integer steps over the proleptic Gregorian calendar, no Date
// objects, any year.
import { KernelInvariantError } from '../errors.js';
import type { DatePart } from '../ir.js';
import type { Vec } from '../vec.js';
import { daysFromCivil } from '../csv/temporal.js';

const MS_PER_DAY = 86_400_000;

/**
 * `year`, `month` (1-12), `day` (1-31), ISO `weekday` (Monday 1 ... Sunday 7), `hour`, `minute`,
 * `second`, `millisecond`, `ordinalDay` (1-366), `quarter` (1-4) or ISO `week` (1-53) of every
 * row, as i32 (UTC).
 *
 * @example
 * datePart(dates, 'year', 'days', dates.length); // day 0 → 1970
 */
export function datePart(a: Vec, part: DatePart, unit: 'days' | 'ms', n: number): Vec {
  const out = new Int32Array(n);
  if (part === 'hour' || part === 'minute' || part === 'second' || part === 'millisecond') {
    // a Date has no time of day: every part of it is 0
    if (unit === 'ms') timePart(a, part, n, out);
    return { kind: 'i32', length: n, values: out, valid: a.valid };
  }
  const days = unit === 'days' ? daysOf(a) : daysFromMs(a, n);
  switch (part) {
    case 'ordinalDay':
      for (let i = 0; i < n; i++) out[i] = ordinalDayOf(days[i]!);
      break;
    case 'quarter':
      for (let i = 0; i < n; i++) out[i] = Math.floor((monthOf(days[i]!) - 1) / 3) + 1;
      break;
    case 'week':
      for (let i = 0; i < n; i++) out[i] = isoWeekOf(days[i]!);
      break;
    case 'year':
      for (let i = 0; i < n; i++) out[i] = yearOf(days[i]!);
      break;
    case 'month':
      for (let i = 0; i < n; i++) out[i] = monthOf(days[i]!);
      break;
    case 'day':
      for (let i = 0; i < n; i++) out[i] = dayOf(days[i]!);
      break;
    case 'weekday':
      for (let i = 0; i < n; i++) {
        // 1970-01-01 was a Thursday (ISO 4).
        const w = (days[i]! + 3) % 7;
        out[i] = (w < 0 ? w + 7 : w) + 1;
      }
      break;
  }
  return { kind: 'i32', length: n, values: out, valid: a.valid };
}

/** Hour, minute, second or millisecond of ms timestamps (floored, so 1 ms before 1970 is 23:59:59.999). */
function timePart(a: Vec, part: 'hour' | 'minute' | 'second' | 'millisecond', n: number, out: Int32Array): void {
  if (a.kind !== 'i64') throw new KernelInvariantError(`datePart: a Timestamp is i64 ms, got ${a.kind}`);
  const ms = a.values as BigInt64Array;
  const [unit, modulo] = part === 'hour' ? [3_600_000, 24] : part === 'minute' ? [60_000, 60] : part === 'second' ? [1000, 60] : [1, 1000];
  for (let i = 0; i < n; i++) {
    const t = Number(ms[i]!);
    const ofDay = t - Math.floor(t / MS_PER_DAY) * MS_PER_DAY;
    out[i] = Math.floor(ofDay / unit) % modulo;
  }
}

/** Day of the year (1-366) of a day number. */
function ordinalDayOf(days: number): number {
  return days - daysFromCivil(yearOf(days), 1, 1) + 1;
}

/** ISO weekday (Monday 1 ... Sunday 7) of a day number: 1970-01-01 was a Thursday. */
function isoWeekdayOf(days: number): number {
  const w = (days + 3) % 7;
  return (w < 0 ? w + 7 : w) + 1;
}

/** ISO 8601 week (1-53): the week of the Thursday of the day's week, counted in that Thursday's year. */
function isoWeekOf(days: number): number {
  const thursday = days + 4 - isoWeekdayOf(days);
  return Math.floor((thursday - daysFromCivil(yearOf(thursday), 1, 1)) / 7) + 1;
}

function daysOf(a: Vec): Int32Array {
  if (a.kind !== 'i32') throw new KernelInvariantError(`datePart: a Date is i32 days, got ${a.kind}`);
  return a.values as Int32Array;
}

/** Whole days, floored so that times before 1970 fall on the earlier day. */
function daysFromMs(a: Vec, n: number): Float64Array {
  if (a.kind !== 'i64') throw new KernelInvariantError(`datePart: a Timestamp is i64 ms, got ${a.kind}`);
  const ms = a.values as BigInt64Array;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(Number(ms[i]!) / MS_PER_DAY);
  return out;
}

/** Day of the 400-year era (0 = March 1 of the era's first year), from days since 1970. */
function doeOf(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  return z - era * 146_097;
}

/** Year of the era (0-399), counted in March-based years so that leap days fall at the end. */
function yoeOf(doe: number): number {
  return Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
}

/** Month counted from March (0 = March ... 11 = February). */
function mpOf(doe: number): number {
  const yoe = yoeOf(doe);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  return Math.floor((5 * doy + 2) / 153);
}

/** The calendar year of a day number. */
function yearOf(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const mp = mpOf(doe);
  return yoeOf(doe) + era * 400 + (mp >= 10 ? 1 : 0);
}

/** The month (1-12) of a day number. */
function monthOf(days: number): number {
  const mp = mpOf(doeOf(days));
  return mp < 10 ? mp + 3 : mp - 9;
}

/** The day of the month (1-31) of a day number. */
function dayOf(days: number): number {
  const doe = doeOf(days);
  const yoe = yoeOf(doe);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return doy - Math.floor((153 * mp + 2) / 5) + 1;
}
