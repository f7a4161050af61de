/** Parsing of ISO 8601 dates (days since 1970-01-01) and timestamps (ms since the epoch, UTC). */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a valid `YYYY-MM-DD`, or undefined.
 *
 * @example
 * parseDate('1970-01-02'); // 1
 * parseDate('2023-02-29'); // undefined
 */
export function parseDate(s: string): number | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 0 || d < 0 || !validDay(y, m, d)) return undefined;
  return daysFromCivil(y, m, d);
}

/**
 * Milliseconds since the epoch of an ISO 8601 timestamp: date, `T` or space, `HH:MM[:SS[.fff]]`,
 * then an optional `Z` or `±HH[:MM]` offset. Without an offset the time is read as UTC. A bare
 * date is midnight, so a column mixing dates and timestamps reads as Timestamp. Digits past
 * milliseconds are dropped.
 *
 * @example
 * parseTimestamp('1970-01-01T00:00:01.5Z'); // 1500n
 * parseTimestamp('2024-01-02 03:04:05+01:00'); // 1704161045000n
 */
export function parseTimestamp(s: string): bigint | undefined {
  const m = TIMESTAMP.exec(s);
  if (m === null) return undefined;
  const [, ys, mos, ds, hs, mis, ss, frac, , sign, ohs, oms] = m;
  const y = +ys!;
  const mo = +mos!;
  const d = +ds!;
  const h = hs === undefined ? 0 : +hs;
  const mi = mis === undefined ? 0 : +mis;
  const sec = ss === undefined ? 0 : +ss;
  const oh = ohs === undefined ? 0 : +ohs;
  const om = oms === undefined ? 0 : +oms;
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || sec > 59 || oh > 23 || om > 59) return undefined;
  // a date without a time must not carry an offset
  if (hs === undefined && (sign !== undefined || m[8] !== undefined)) return undefined;
  const ms = frac === undefined ? 0 : +frac.slice(0, 3).padEnd(3, '0');
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  return BigInt(daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000 + ms - offset);
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** The decimal number in s[from, to), or -1 when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
