/** Polars' duration strings (`'1d'`, `'-2h'`, `'1y3mo'`), read into calendar months and fixed milliseconds. */
import { InvalidArgumentError } from '../errors.js';

const MS_PER_DAY = 86_400_000;

/**
 * A duration as its parts, all of one sign: calendar `months` (a `q` is 3, a `y` 12), `weeks`,
 * `days`, and `ms` for the sub-daily units (ns and us must add up to whole ms: values are ms).
 */
export interface Duration {
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly ms: number;
}

/** Units in the order a longer name must be tried first (`mo` before `m`, `ms` before `m`, `ns` before `s`). */
const UNITS: readonly (readonly [string, (n: number, d: Mutable) => void])[] = [
  ['mo', (n, d) => (d.months += n)],
  ['ms', (n, d) => (d.ns += n * 1_000_000)],
  ['ns', (n, d) => (d.ns += n)],
  ['us', (n, d) => (d.ns += n * 1000)],
  ['y', (n, d) => (d.months += 12 * n)],
  ['q', (n, d) => (d.months += 3 * n)],
  ['w', (n, d) => (d.weeks += n)],
  ['d', (n, d) => (d.days += n)],
  ['h', (n, d) => (d.ns += n * 3_600_000_000_000)],
  ['m', (n, d) => (d.ns += n * 60_000_000_000)],
  ['s', (n, d) => (d.ns += n * 1_000_000_000)],
];

interface Mutable {
  months: number;
  weeks: number;
  days: number;
  ns: number;
}

/** The duration units, as error messages list them. */
export const DURATION_UNITS = 'ns us ms s m h d w mo q y';

/**
 * Reads a duration string: an optional `-`, then one or more whole numbers each followed by a
 * unit (ns, us, ms, s, m, h, d, w, mo, q, y), as Polars writes them: `'1d'`, `'15m'`, `'1y3mo'`,
 * `'-2h30m'`. `what` names the argument in the InvalidArgumentError a malformed one gets.
 *
 * @example
 * parseDuration('1y3mo', 'dt.offsetBy()'); // { months: 15, weeks: 0, days: 0, ms: 0 }
 * parseDuration('-90m', 'dt.offsetBy()');  // { months: 0, weeks: 0, days: 0, ms: -5400000 }
 */
export function parseDuration(text: unknown, what: string): Duration {
  const bad = (why: string): never => {
    throw new InvalidArgumentError(what, text, `${what} takes a duration such as "1d", "15m" or "1y3mo" (units ${DURATION_UNITS}); ${why}`);
  };
  if (typeof text !== 'string') return bad(`got ${typeof text}`);
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  if (body === '') return bad(`got ${JSON.stringify(text)}`);
  const d: Mutable = { months: 0, weeks: 0, days: 0, ns: 0 };
  let i = 0;
  while (i < body.length) {
    const start = i;
    while (i < body.length && body.charCodeAt(i) >= 48 && body.charCodeAt(i) <= 57) i++;
    if (i === start) return bad(`${JSON.stringify(text)} has no number at ${JSON.stringify(body.slice(start))}`);
    const n = Number(body.slice(start, i));
    const unit = UNITS.find(([u]) => body.startsWith(u, i));
    if (unit === undefined) return bad(`${JSON.stringify(text)} has no known unit after ${body.slice(start, i)}`);
    unit[1](n, d);
    i += unit[0].length;
  }
  if (d.ns % 1_000_000 !== 0) return bad(`${JSON.stringify(text)} is not a whole number of milliseconds, and values are stored in ms`);
  const sign = negative ? -1 : 1;
  const parts = [d.months, d.weeks, d.days, d.ns / 1_000_000];
  if (parts.some((p) => !Number.isSafeInteger(p))) return bad(`${JSON.stringify(text)} is too long`);
  const [months, weeks, days, ms] = parts.map((p) => (p === 0 ? 0 : sign * p)) as [number, number, number, number];
  return { months, weeks, days, ms };
}

/** Whether a duration is zero. */
export function isZeroDuration(d: Duration): boolean {
  return d.months === 0 && d.weeks === 0 && d.days === 0 && d.ms === 0;
}

/** The fixed part of a duration (weeks, days and sub-daily units) in ms. */
export function fixedMs(d: Duration): number {
  return (d.weeks * 7 + d.days) * MS_PER_DAY + d.ms;
}

/**
 * The window a truncation floors to, checked as Polars checks it: one kind of unit (months, weeks,
 * days or sub-daily) and not negative. `months` windows count from year 0, `ms` windows from the
 * epoch, weeks from a Monday (1970-01-05), so weeks start on Monday. A zero duration leaves values
 * as they are.
 *
 * @example
 * truncationOf('1w', 'dt.truncate()'); // { months: 0, ms: 604800000, originMs: 345600000 }
 */
export function truncationOf(every: unknown, what: string): { months: number; ms: number; originMs: number } {
  const d = parseDuration(every, what);
  const kinds = [d.months, d.weeks, d.days, d.ms].filter((x) => x !== 0).length;
  if (kinds > 1)
    throw new InvalidArgumentError(what, every, `${what} cannot mix months, weeks, days and sub-daily units, got ${JSON.stringify(every)}`);
  if (d.months < 0 || fixedMs(d) < 0)
    throw new InvalidArgumentError(what, every, `${what} needs a duration that is not negative, got ${JSON.stringify(every)}`);
  return { months: d.months, ms: fixedMs(d), originMs: d.weeks !== 0 ? 4 * MS_PER_DAY : 0 };
}
