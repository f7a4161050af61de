/** Values as text, as Polars' cast to Utf8 prints them: the one formatter behind cast("Utf8") and concatStr. */
import { civilFromDays } from './calendar.js';

const MS_PER_DAY = 86_400_000;

/**
 * A Float64 as Polars prints it: the shortest digits that read back to the same double, ".0" on
 * a whole number, exponent form below 1e-5 and from 1e16 on (`1e-6`, `1.5e+16`), `NaN`, `inf`,
 * `-inf`, and `-0.0` for negative zero.
 *
 * @example
 * formatFloat(1); // '1.0'
 * formatFloat(1e20); // '1e+20'
 */
export function formatFloat(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const a = Math.abs(x);
  if (a < 1e-5 || a >= 1e16) return x.toExponential();
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** Zero-padded to `width` digits. */
function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/**
 * A Date (days since 1970-01-01) as ISO `YYYY-MM-DD`; a year before 0 or after 9999 gets a sign
 * (`-0001-01-02`, `+10000-01-01`), as Polars prints it.
 *
 * @example
 * formatDate(18263); // '2020-01-02'
 */
export function formatDate(days: number): string {
  const { year: y, month: m, day: d } = civilFromDays(days);
  const year = y < 0 ? `-${pad(-y, 4)}` : y > 9999 ? `+${y}` : pad(y, 4);
  return `${year}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * A Timestamp (ms since the epoch, UTC) as `YYYY-MM-DD HH:MM:SS.mmm`, as Polars prints a
 * millisecond datetime.
 *
 * @example
 * formatTimestamp(-1); // '1969-12-31 23:59:59.999'
 */
export function formatTimestamp(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const s = rest % 60;
  rest = (rest - s) / 60;
  const min = rest % 60;
  const h = (rest - min) / 60;
  return `${formatDate(days)} ${pad(h, 2)}:${pad(min, 2)}:${pad(s, 2)}.${pad(milli, 3)}`;
}
