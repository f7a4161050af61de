/**
 * strftime/strptime formats (the chrono subset Polars users write): a format string is compiled
 * once into a list of parts (literal text or a field), never into code; `formatDate` and
 * `formatTimestamp` write a day number or ms timestamp through it, `parseFormatted` reads one back.
 * Everything is UTC: `%z` writes `+0000` and, when parsing, shifts the time by the offset it reads.
 */
import { civilFromDays, daysFromCivil, daysInMonth, isoWeekday, MS_PER_DAY } from './calendar.js';

/** A field of a format: what one `%` specifier writes or reads. */
export type FormatField =
  | 'year'
  | 'year2'
  | 'month'
  | 'monthShort'
  | 'monthLong'
  | 'day'
  | 'daySpace'
  | 'ordinalDay'
  | 'weekdayShort'
  | 'weekdayLong'
  | 'isoWeekday'
  | 'weekday0'
  | 'hour'
  | 'hourSpace'
  | 'hour12'
  | 'hour12Space'
  | 'ampm'
  | 'minute'
  | 'second'
  | 'nanos'
  | 'fraction'
  | 'fraction3'
  | 'fraction6'
  | 'fraction9'
  | 'offset';

/** One part of a compiled format: literal text, a run of whitespace (parsing skips any amount), or a field. */
export type FormatPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'space'; readonly text: string }
  | { readonly kind: 'field'; readonly field: FormatField };

/** A format compiled once: its parts, and which calendar fields it can fill when parsing. */
export interface CompiledFormat {
  readonly source: string;
  readonly parts: readonly FormatPart[];
  /** Parsing can give a date: a year with a month and a day, or with a day of the year. */
  readonly hasDate: boolean;
  /** Parsing reads a time of day (an hour at least). */
  readonly hasTime: boolean;
}

/** A format string that cannot be compiled: the specifier and where it is. */
export class FormatSpecError extends Error {
  constructor(
    message: string,
    readonly format: string,
  ) {
    super(message);
    this.name = 'FormatSpecError';
  }
}

const SIMPLE: Readonly<Record<string, FormatField>> = {
  Y: 'year',
  y: 'year2',
  m: 'month',
  b: 'monthShort',
  h: 'monthShort',
  B: 'monthLong',
  d: 'day',
  e: 'daySpace',
  j: 'ordinalDay',
  a: 'weekdayShort',
  A: 'weekdayLong',
  u: 'isoWeekday',
  w: 'weekday0',
  H: 'hour',
  k: 'hourSpace',
  I: 'hour12',
  l: 'hour12Space',
  p: 'ampm',
  M: 'minute',
  S: 'second',
  f: 'nanos',
  z: 'offset',
};

/** Specifiers that stand for several: `%T` is `%H:%M:%S` and so on. */
const COMPOSITE: Readonly<Record<string, string>> = { T: '%H:%M:%S', D: '%m/%d/%y', F: '%Y-%m-%d', R: '%H:%M' };

/** The specifiers {@link compileFormat} accepts, for documentation and error messages. */
export const FORMAT_SPECIFIERS = '%Y %y %m %b %h %B %d %e %j %a %A %u %w %H %k %I %l %p %M %S %f %.f %.3f %.6f %.9f %z %T %D %F %R %%';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const DATE_FIELDS = new Set<FormatField>(['year', 'year2']);
const TIME_FIELDS = new Set<FormatField>(['hour', 'hourSpace', 'hour12', 'hour12Space']);

/**
 * Compile a strftime/strptime format into parts. Throws {@link FormatSpecError} for an unknown
 * specifier or a `%` at the end.
 *
 * @example
 * compileFormat('%Y-%m-%d').parts.length; // 5
 */
export function compileFormat(format: string): CompiledFormat {
  const parts: FormatPart[] = [];
  const push = (p: FormatPart): void => {
    const last = parts[parts.length - 1];
    if (p.kind !== 'field' && last !== undefined && last.kind === p.kind)
      parts[parts.length - 1] = { kind: p.kind, text: last.text + p.text };
    else parts.push(p);
  };
  const walk = (f: string): void => {
    for (let i = 0; i < f.length; i++) {
      const c = f[i]!;
      if (c !== '%') {
        push(/\s/.test(c) ? { kind: 'space', text: c } : { kind: 'text', text: c });
        continue;
      }
      const s = f[i + 1];
      if (s === undefined) throw new FormatSpecError(`format ${JSON.stringify(format)} ends with a lone %`, format);
      i++;
      if (s === '%') push({ kind: 'text', text: '%' });
      else if (s === '.') {
        const digits = f[i + 1];
        const field: FormatField | undefined =
          digits === 'f'
            ? 'fraction'
            : f[i + 2] === 'f'
              ? ({ '3': 'fraction3', '6': 'fraction6', '9': 'fraction9' } as const)[digits as '3']
              : undefined;
        if (field === undefined) throw new FormatSpecError(unknown(format, f.slice(i - 1, i + 3)), format);
        i += field === 'fraction' ? 1 : 2;
        push({ kind: 'field', field });
      } else if (COMPOSITE[s] !== undefined) walk(COMPOSITE[s]);
      else if (SIMPLE[s] !== undefined) push({ kind: 'field', field: SIMPLE[s] });
      else throw new FormatSpecError(unknown(format, `%${s}`), format);
    }
  };
  walk(format);
  const fields = new Set(parts.flatMap((p) => (p.kind === 'field' ? [p.field] : [])));
  const hasYear = [...DATE_FIELDS].some((x) => fields.has(x));
  const hasMonthDay =
    (fields.has('month') || fields.has('monthShort') || fields.has('monthLong')) && (fields.has('day') || fields.has('daySpace'));
  return {
    source: format,
    parts,
    hasDate: hasYear && (hasMonthDay || fields.has('ordinalDay')),
    hasTime: [...TIME_FIELDS].some((x) => fields.has(x)),
  };
}

function unknown(format: string, spec: string): string {
  return `format ${JSON.stringify(format)} has an unknown specifier ${spec}; known: ${FORMAT_SPECIFIERS}`;
}

const pad = (n: number, width: number, fill = '0'): string => {
  const s = String(Math.abs(n)).padStart(width, fill);
  return n < 0 ? `-${s}` : s;
};

/**
 * A day number written through a compiled format (its time of day is midnight).
 *
 * @example
 * formatDate(19_753, compileFormat('%d %B %Y')); // '31 January 2024'
 */
export function formatDate(days: number, format: CompiledFormat): string {
  return formatParts(days, 0, format);
}

/**
 * A timestamp (ms since the epoch, UTC) written through a compiled format; before 1970 the time
 * of day counts from the day's midnight (1 ms before 1970 is 1969-12-31 23:59:59.999).
 *
 * @example
 * formatTimestamp(1_706_708_712_345, compileFormat('%Y-%m-%dT%H:%M:%S%.3f')); // '2024-01-31T13:45:12.345'
 */
export function formatTimestamp(ms: number, format: CompiledFormat): string {
  const days = Math.floor(ms / MS_PER_DAY);
  return formatParts(days, ms - days * MS_PER_DAY, format);
}

function formatParts(days: number, msOfDay: number, format: CompiledFormat): string {
  const c = civilFromDays(days);
  const hour = Math.floor(msOfDay / 3_600_000);
  const ms = msOfDay % 1000;
  let out = '';
  for (const p of format.parts) {
    if (p.kind !== 'field') {
      out += p.text;
      continue;
    }
    switch (p.field) {
      case 'year':
        out += pad(c.year, 4);
        break;
      case 'year2':
        out += pad(((c.year % 100) + 100) % 100, 2);
        break;
      case 'month':
        out += pad(c.month, 2);
        break;
      case 'monthShort':
        out += MONTHS[c.month - 1]!.slice(0, 3);
        break;
      case 'monthLong':
        out += MONTHS[c.month - 1]!;
        break;
      case 'day':
        out += pad(c.day, 2);
        break;
      case 'daySpace':
        out += pad(c.day, 2, ' ');
        break;
      case 'ordinalDay':
        out += pad(days - daysFromCivil(c.year, 1, 1) + 1, 3);
        break;
      case 'weekdayShort':
        out += WEEKDAYS[isoWeekday(days) - 1]!.slice(0, 3);
        break;
      case 'weekdayLong':
        out += WEEKDAYS[isoWeekday(days) - 1]!;
        break;
      case 'isoWeekday':
        out += String(isoWeekday(days));
        break;
      case 'weekday0':
        out += String(isoWeekday(days) % 7);
        break;
      case 'hour':
        out += pad(hour, 2);
        break;
      case 'hourSpace':
        out += pad(hour, 2, ' ');
        break;
      case 'hour12':
        out += pad(((hour + 11) % 12) + 1, 2);
        break;
      case 'hour12Space':
        out += pad(((hour + 11) % 12) + 1, 2, ' ');
        break;
      case 'ampm':
        out += hour < 12 ? 'AM' : 'PM';
        break;
      case 'minute':
        out += pad(Math.floor(msOfDay / 60_000) % 60, 2);
        break;
      case 'second':
        out += pad(Math.floor(msOfDay / 1000) % 60, 2);
        break;
      case 'nanos':
        out += `${pad(ms, 3)}000000`;
        break;
      case 'fraction':
        // chrono's %.f: nothing for a whole second, else the fewest of 3, 6 or 9 digits
        out += ms === 0 ? '' : `.${pad(ms, 3)}`;
        break;
      case 'fraction3':
        out += `.${pad(ms, 3)}`;
        break;
      case 'fraction6':
        out += `.${pad(ms, 3)}000`;
        break;
      case 'fraction9':
        out += `.${pad(ms, 3)}000000`;
        break;
      case 'offset':
        out += '+0000';
        break;
    }
  }
  return out;
}

/** The fields one parse collected. */
interface Fields {
  year: number | null;
  year2: number | null;
  month: number | null;
  day: number | null;
  ordinal: number | null;
  hour: number;
  hour12: number | null;
  pm: boolean | null;
  minute: number;
  second: number;
  ms: number;
  offsetMin: number;
}

/**
 * A string read through a compiled format: ms since the epoch (UTC), or NaN when the string does
 * not match the format or names no real date (2023-02-29). Numbers take 1 up to their field's
 * width of digits (`%m` reads "1" and "01"), names of months and weekdays ignore letter case, a
 * run of whitespace in the format matches any run of whitespace (or none), `%.f` reads an optional
 * fraction, `%y` reads 69-99 as 1969-1999 and 00-68 as 2000-2068, `%z` reads `Z`, `±HH`, `±HHMM`
 * or `±HH:MM` and shifts the time to UTC. A weekday is read and not checked against the date.
 * Fractions past the millisecond are cut off.
 *
 * @example
 * parseFormatted('31/01/2024', compileFormat('%d/%m/%Y')); // 1706659200000
 */
export function parseFormatted(text: string, format: CompiledFormat): number {
  const f: Fields = {
    year: null,
    year2: null,
    month: null,
    day: null,
    ordinal: null,
    hour: 0,
    hour12: null,
    pm: null,
    minute: 0,
    second: 0,
    ms: 0,
    offsetMin: 0,
  };
  let i = 0;
  const n = text.length;
  /** Reads min..max ASCII digits at i; -1 when fewer than min. */
  const digits = (min: number, max: number): number => {
    let v = 0;
    let k = 0;
    while (k < max && i < n) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      i++;
      k++;
    }
    return k < min ? -1 : v;
  };
  /** Reads one of `names` (full, or its first three letters when `short`), letter case ignored; its index or -1. */
  const name = (names: readonly string[], short: boolean): number => {
    const rest = text.slice(i).toLowerCase();
    for (let k = 0; k < names.length; k++) {
      const full = names[k]!.toLowerCase();
      const candidates = short ? [full.slice(0, 3)] : [full];
      for (const c of candidates) {
        if (rest.startsWith(c)) {
          i += c.length;
          return k;
        }
      }
    }
    return -1;
  };
  for (const p of format.parts) {
    if (p.kind === 'space') {
      while (i < n && /\s/.test(text[i]!)) i++;
      continue;
    }
    if (p.kind === 'text') {
      if (!text.startsWith(p.text, i)) return NaN;
      i += p.text.length;
      continue;
    }
    if (i < n && text[i] === ' ' && (p.field === 'daySpace' || p.field === 'hourSpace' || p.field === 'hour12Space')) i++;
    switch (p.field) {
      case 'year': {
        const sign = text[i] === '-' ? -1 : 1;
        if (text[i] === '-' || text[i] === '+') i++;
        const y = digits(4, 4);
        if (y < 0) return NaN;
        f.year = sign * y;
        break;
      }
      case 'year2': {
        const y = digits(2, 2);
        if (y < 0) return NaN;
        f.year2 = y;
        break;
      }
      case 'month':
        f.month = digits(1, 2);
        break;
      case 'monthShort':
      case 'monthLong': {
        const k = name(MONTHS, p.field === 'monthShort');
        if (k < 0) return NaN;
        f.month = k + 1;
        break;
      }
      case 'day':
      case 'daySpace':
        f.day = digits(1, 2);
        break;
      case 'ordinalDay':
        f.ordinal = digits(1, 3);
        break;
      case 'weekdayShort':
      case 'weekdayLong':
        if (name(WEEKDAYS, p.field === 'weekdayShort') < 0) return NaN;
        break;
      case 'isoWeekday':
      case 'weekday0': {
        const w = digits(1, 1);
        if (w < 0 || w > (p.field === 'isoWeekday' ? 7 : 6) || (p.field === 'isoWeekday' && w === 0)) return NaN;
        break;
      }
      case 'hour':
      case 'hourSpace':
        f.hour = digits(1, 2);
        if (f.hour < 0 || f.hour > 23) return NaN;
        break;
      case 'hour12':
      case 'hour12Space':
        f.hour12 = digits(1, 2);
        if (f.hour12 < 1 || f.hour12 > 12) return NaN;
        break;
      case 'ampm': {
        const k = name(['AM', 'PM'], false);
        if (k < 0) return NaN;
        f.pm = k === 1;
        break;
      }
      case 'minute':
        f.minute = digits(1, 2);
        if (f.minute < 0 || f.minute > 59) return NaN;
        break;
      case 'second':
        f.second = digits(1, 2);
        if (f.second < 0 || f.second > 59) return NaN;
        break;
      case 'nanos': {
        const start = i;
        const v = digits(1, 9);
        if (v < 0) return NaN;
        // a number of nanoseconds, as chrono reads %f
        f.ms = Math.floor(v / 1_000_000);
        if (i - start === 0) return NaN;
        break;
      }
      case 'fraction':
      case 'fraction3':
      case 'fraction6':
      case 'fraction9': {
        const exact = p.field === 'fraction' ? 0 : Number(p.field.slice(8));
        if (text[i] !== '.') {
          if (exact === 0) break;
          return NaN;
        }
        i++;
        const start = i;
        const v = digits(exact === 0 ? 1 : exact, exact === 0 ? 9 : exact);
        if (v < 0) return NaN;
        const count = i - start;
        f.ms = Math.floor(v / 10 ** Math.max(0, count - 3)) * 10 ** Math.max(0, 3 - count);
        break;
      }
      case 'offset': {
        if (text[i] === 'Z' || text[i] === 'z') {
          i++;
          break;
        }
        const sign = text[i] === '-' ? -1 : text[i] === '+' ? 1 : 0;
        if (sign === 0) return NaN;
        i++;
        const hh = digits(2, 2);
        if (hh < 0 || hh > 23) return NaN;
        if (text[i] === ':') i++;
        const mm = text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57 ? digits(2, 2) : 0;
        if (mm < 0 || mm > 59) return NaN;
        f.offsetMin = sign * (hh * 60 + mm);
        break;
      }
    }
    if (f.month === -1 || f.day === -1 || f.ordinal === -1) return NaN;
  }
  if (i !== n) return NaN;
  return assemble(f);
}

function assemble(f: Fields): number {
  const year = f.year ?? (f.year2 === null ? null : f.year2 >= 69 ? 1900 + f.year2 : 2000 + f.year2);
  if (year === null) return NaN;
  let days: number;
  if (f.month !== null && f.day !== null) {
    if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > daysInMonth(year, f.month)) return NaN;
    days = daysFromCivil(year, f.month, f.day);
  } else if (f.ordinal !== null) {
    const first = daysFromCivil(year, 1, 1);
    if (f.ordinal < 1 || f.ordinal > daysFromCivil(year + 1, 1, 1) - first) return NaN;
    days = first + f.ordinal - 1;
  } else return NaN;
  let hour = f.hour;
  if (f.hour12 !== null) hour = (f.hour12 % 12) + (f.pm === true ? 12 : 0);
  else if (f.pm !== null && hour > 12) return NaN;
  return days * MS_PER_DAY + ((hour * 60 + f.minute - f.offsetMin) * 60 + f.second) * 1000 + f.ms;
}
