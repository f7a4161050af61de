/** Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), without JS Date. */
import { daysFromCivil } from '../csv/temporal.js';

export { daysFromCivil };

export const MS_PER_DAY = 86_400_000;

/** A calendar date: full year (may be 0 or negative), month 1-12, day 1-31. */
export interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The calendar date of a day number (Howard Hinnant's civil_from_days).
 *
 * @example
 * civilFromDays(0); // { year: 1970, month: 1, day: 1 }
 */
export function civilFromDays(days: number): Civil {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whether a year is a leap year in the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ISO weekday (Monday 1 ... Sunday 7) of a day number: 1970-01-01 was a Thursday. */
export function isoWeekday(days: number): number {
  const w = (days + 3) % 7;
  return (w < 0 ? w + 7 : w) + 1;
}

/**
 * The day `months` calendar months after `days` (negative: before), its day of the month clamped
 * to the target month's last day, as Polars offsets (2024-01-31 + 1 month is 2024-02-29).
 *
 * @example
 * addMonths(daysFromCivil(2024, 1, 31), 1) === daysFromCivil(2024, 2, 29); // true
 */
export function addMonths(days: number, months: number): number {
  if (months === 0) return days;
  const c = civilFromDays(days);
  const total = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return daysFromCivil(year, month, Math.min(c.day, daysInMonth(year, month)));
}

/** Floor division on numbers (toward negative infinity). */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}
