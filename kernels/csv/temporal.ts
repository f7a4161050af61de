/** Date (days since the epoch) and timestamp (ms since the epoch, UTC) parsing straight from bytes. */

const ZERO = 48;
const DASH = 45;
const PLUS = 43;
const COLON = 58;
const DOT = 46;
const COMMA = 44;
const SPACE = 32;
const UPPER_T = 84;
const UPPER_Z = 90;
const MS_PER_DAY = 86_400_000;

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
 * Month and day must already be valid.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Value of `count` ASCII digits at bytes[i], or -1 when any is not a digit. */
function digitsAt(bytes: Uint8Array, i: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const d = bytes[i + k]! - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Days since the epoch of `YYYY-MM-DD` at bytes[i..i+10), or NaN. */
function dateAt(bytes: Uint8Array, i: number): number {
  if (bytes[i + 4] !== DASH || bytes[i + 7] !== DASH) return NaN;
  const y = digitsAt(bytes, i, 4);
  const m = digitsAt(bytes, i + 5, 2);
  const d = digitsAt(bytes, i + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, d);
}

/** Parses exactly `YYYY-MM-DD` in bytes [start, end) to days since 1970-01-01; NaN when invalid. */
export function parseDateBytes(bytes: Uint8Array, start: number, end: number): number {
  return end - start === 10 ? dateAt(bytes, start) : NaN;
}

/**
 * Parses an ISO 8601 timestamp in bytes [start, end) to ms since the epoch; NaN when invalid.
 * Accepted: `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM`, optionally `:SS` and a
 * fraction of 1-9 digits after `.` or `,` (truncated to ms, as Date.parse does), then optionally
 * `Z` or an offset `±HH:MM`, `±HHMM`, `±HH`, letter case included. The reader's one timestamp
 * parser: schema inference asks it too. Without a zone the time is read as
 * UTC, never local time, so results do not depend on the machine.
 */
export function parseTimestampBytes(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 10) return NaN;
  const days = dateAt(bytes, start);
  if (days !== days) return NaN;
  let i = start + 10;
  if (i === end) return days * MS_PER_DAY;
  const sep = bytes[i];
  if (sep !== UPPER_T && sep !== SPACE) return NaN;
  if (end - i < 6 || bytes[i + 3] !== COLON) return NaN;
  const hh = digitsAt(bytes, i + 1, 2);
  const mm = digitsAt(bytes, i + 4, 2);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return NaN;
  i += 6;
  let ss = 0;
  let ms = 0;
  if (i < end && bytes[i] === COLON) {
    if (end - i < 3) return NaN;
    ss = digitsAt(bytes, i + 1, 2);
    if (ss < 0 || ss > 59) return NaN;
    i += 3;
    if (i < end && (bytes[i] === DOT || bytes[i] === COMMA)) {
      i++;
      const first = i;
      for (; i < end; i++) {
        const d = bytes[i]! - ZERO;
        if (d < 0 || d > 9) break;
        if (i - first < 3) ms = ms * 10 + d;
      }
      const n = i - first;
      if (n === 0 || n > 9) return NaN;
      if (n === 1) ms *= 100;
      else if (n === 2) ms *= 10;
    }
  }
  let offsetMin = 0;
  if (i < end) {
    const z = bytes[i];
    if (z === UPPER_Z) i++;
    else if (z === PLUS || z === DASH) {
      const rest = end - i - 1;
      const oh = digitsAt(bytes, i + 1, 2);
      let om = 0;
      if (rest === 5 && bytes[i + 3] === COLON) om = digitsAt(bytes, i + 4, 2);
      else if (rest === 4) om = digitsAt(bytes, i + 3, 2);
      else if (rest !== 2) return NaN;
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
      offsetMin = (z === DASH ? -1 : 1) * (oh * 60 + om);
      i = end;
    } else return NaN;
  }
  if (i !== end) return NaN;
  return days * MS_PER_DAY + ((hh * 60 + mm - offsetMin) * 60 + ss) * 1000 + ms;
}
