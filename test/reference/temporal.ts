/**
 * Reference date arithmetic for the tests, written apart from the kernels with JS Date's UTC
 * methods: epoch numbers, truncation to windows, calendar offsets, parsing and formatting.
 */

const DAY = 86_400_000;
/** The Gregorian calendar repeats every 400 years (146,097 days), which brings any day into JS Date's range. */
const ERA_DAYS = 146_097;

/** Split ms into a shift by whole 400-year eras and a remainder JS Date can hold. */
function eraSplit(ms: number): { era: number; rest: number } {
  const era = Math.floor(Math.floor(ms / DAY) / ERA_DAYS);
  return { era, rest: ms - era * ERA_DAYS * DAY };
}

/** Epoch seconds, ms or days of a timestamp in ms, floored. */
export function refEpoch(ms: number, unit: 's' | 'ms' | 'd'): number {
  if (unit === 'ms') return ms;
  return Math.floor(ms / (unit === 's' ? 1000 : DAY));
}

/** A duration string read by a regular expression of its own. */
export interface RefDuration {
  months: number;
  weeks: number;
  days: number;
  ms: number;
}

export function refDuration(text: string): RefDuration {
  const sign = text.startsWith('-') ? -1 : 1;
  const d: RefDuration = { months: 0, weeks: 0, days: 0, ms: 0 };
  for (const [, n, u] of text.matchAll(/(\d+)(mo|ms|ns|us|y|q|w|d|h|m|s)/g)) {
    const k = Number(n) * sign;
    if (u === 'y') d.months += 12 * k;
    else if (u === 'q') d.months += 3 * k;
    else if (u === 'mo') d.months += k;
    else if (u === 'w') d.weeks += k;
    else if (u === 'd') d.days += k;
    else d.ms += k * { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, ns: 0.000001 }[u as 'h']!;
  }
  return d;
}

/** `ms` floored to its window of `every` (see dt.truncate), with JS Date for the calendar. */
export function refTruncate(ms: number, every: string): number {
  const d = refDuration(every);
  if (d.months > 0) {
    const { era, rest } = eraSplit(ms);
    const date = new Date(rest);
    const total = (date.getUTCFullYear() + era * 400) * 12 + date.getUTCMonth();
    const start = Math.floor(total / d.months) * d.months;
    const year = Math.floor(start / 12);
    const yearInEra = year - era * 400;
    const x = new Date(0);
    x.setUTCFullYear(yearInEra, start - year * 12, 1);
    return x.getTime() + era * ERA_DAYS * DAY;
  }
  const size = d.weeks * 7 * DAY + d.days * DAY + d.ms;
  if (size === 0) return ms;
  // weeks start on a Monday: 1970-01-05
  const origin = d.weeks > 0 ? 4 * DAY : 0;
  return Math.floor((ms - origin) / size) * size + origin;
}

/** `ms` moved by `by` (see dt.offsetBy): months first, the day clamped to the month's end, then the rest. */
export function refOffset(ms: number, by: string): number {
  const d = refDuration(by);
  let t = ms;
  if (d.months !== 0) {
    const { era, rest } = eraSplit(ms);
    const date = new Date(rest);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + d.months;
    const last = new Date(Date.UTC(2000, 0, 1));
    last.setUTCFullYear(y, m + 1, 0);
    const day = Math.min(date.getUTCDate(), last.getUTCDate());
    const x = new Date(rest);
    x.setUTCFullYear(y, m, day);
    t = x.getTime() + era * ERA_DAYS * DAY;
  }
  return t + (d.weeks * 7 + d.days) * DAY + d.ms;
}

/** Regular-expression pieces for the format specifiers the reference knows, each with how its match fills a field. */
const SPEC_RE: Record<string, [string, (m: string, f: RefFields) => void]> = {
  Y: ['([+-]?\\d{4})', (m, f) => (f.year = Number(m))],
  y: ['(\\d{2})', (m, f) => (f.year = Number(m) >= 69 ? 1900 + Number(m) : 2000 + Number(m))],
  m: ['(\\d{1,2})', (m, f) => (f.month = Number(m))],
  d: ['(\\d{1,2})', (m, f) => (f.day = Number(m))],
  e: ['( ?\\d{1,2})', (m, f) => (f.day = Number(m.trim()))],
  b: ['([A-Za-z]{3})', (m, f) => (f.month = monthIndex(m, 3))],
  B: ['([A-Za-z]+)', (m, f) => (f.month = monthIndex(m, 0))],
  j: ['(\\d{1,3})', (m, f) => (f.ordinal = Number(m))],
  H: ['(\\d{1,2})', (m, f) => (f.hour = Number(m))],
  M: ['(\\d{1,2})', (m, f) => (f.minute = Number(m))],
  S: ['(\\d{1,2})', (m, f) => (f.second = Number(m))],
  '.3f': ['\\.(\\d{3})', (m, f) => (f.ms = Number(m))],
  '.f': ['(?:\\.(\\d{1,9}))?', (m, f) => (f.ms = m === '' ? 0 : Number(m.padEnd(3, '0').slice(0, 3)))],
};

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthIndex(m: string, len: number): number {
  const i = MONTH_NAMES.findIndex((n) => (len === 0 ? n : n.slice(0, len)) === m.toLowerCase());
  return i < 0 ? 99 : i + 1;
}

interface RefFields {
  year: number;
  month: number;
  day: number;
  ordinal: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/**
 * A string read through a strftime format (the specifiers of SPEC_RE, `%T`, `%F` and `%%`) by one
 * regular expression, the date checked with JS Date; ms since the epoch or null.
 */
export function refStrptime(s: string, format: string): number | null {
  const expanded = format.replaceAll('%T', '%H:%M:%S').replaceAll('%F', '%Y-%m-%d');
  const fills: ((m: string, f: RefFields) => void)[] = [];
  let re = '^';
  for (let i = 0; i < expanded.length; i++) {
    const c = expanded[i]!;
    if (c !== '%') {
      re += /\s/.test(c) ? '\\s*' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const spec = expanded.startsWith('%.3f', i) ? '.3f' : expanded.startsWith('%.f', i) ? '.f' : expanded[i + 1]!;
    i += spec.length;
    if (spec === '%') {
      re += '%';
      continue;
    }
    const known = SPEC_RE[spec];
    if (known === undefined) throw new Error(`reference strptime: no %${spec}`);
    re += known[0];
    fills.push(known[1]);
  }
  const m = new RegExp(`${re}$`).exec(s);
  if (m === null) return null;
  const f: RefFields = { year: NaN, month: NaN, day: NaN, ordinal: NaN, hour: 0, minute: 0, second: 0, ms: 0 };
  fills.forEach((fill, k) => fill(m[k + 1] ?? '', f));
  if (f.hour > 23 || f.minute > 59 || f.second > 59) return null;
  const d = new Date(0);
  if (!Number.isNaN(f.ordinal)) {
    d.setUTCFullYear(f.year, 0, f.ordinal);
    if (f.ordinal < 1 || d.getUTCFullYear() !== f.year) return null;
  } else {
    d.setUTCFullYear(f.year, f.month - 1, f.day);
    if (d.getUTCMonth() !== f.month - 1 || d.getUTCDate() !== f.day || d.getUTCFullYear() !== f.year) return null;
  }
  return d.getTime() + ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.ms;
}

/** ISO 8601 as the CSV reader reads it: a date, optionally a time (seconds, a fraction) and a zone; ms or null. */
export function refIso(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(s);
  if (m === null) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
  let offset = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return null;
    offset = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return date.getTime() + ((Number(h) * 60 + Number(mi) - offset) * 60 + Number(sec)) * 1000 + Number(frac.padEnd(3, '0').slice(0, 3));
}

const MONTH_TITLES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A UTC time written through a strftime format, from JS Date's UTC fields, for the specifiers the
 * differential tests draw: %Y %y %m %d %e %j %H %I %M %S %p %a %A %b %B %F %T %.3f %%.
 */
export function refStrftime(ms: number, format: string): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  const y = d.getUTCFullYear();
  const h = d.getUTCHours();
  const dayOfYear = Math.floor((Date.UTC(y, d.getUTCMonth(), d.getUTCDate()) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  const fields: Record<string, () => string> = {
    Y: () => (y < 0 ? '-' : '') + String(Math.abs(y)).padStart(4, '0'),
    y: () => two(((y % 100) + 100) % 100),
    m: () => two(d.getUTCMonth() + 1),
    d: () => two(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2, ' '),
    j: () => String(dayOfYear).padStart(3, '0'),
    H: () => two(h),
    I: () => two(h % 12 === 0 ? 12 : h % 12),
    M: () => two(d.getUTCMinutes()),
    S: () => two(d.getUTCSeconds()),
    p: () => (h < 12 ? 'AM' : 'PM'),
    a: () => DAY_NAMES[d.getUTCDay()]!.slice(0, 3),
    A: () => DAY_NAMES[d.getUTCDay()]!,
    b: () => MONTH_TITLES[d.getUTCMonth()]!.slice(0, 3),
    B: () => MONTH_TITLES[d.getUTCMonth()]!,
    '.3f': () => `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`,
    '%': () => '%',
  };
  const expanded = format.replaceAll('%F', '%Y-%m-%d').replaceAll('%T', '%H:%M:%S');
  return expanded.replace(/%(\.3f|[YymdejHIMSpaAbB%])/g, (_, f: string) => fields[f]!());
}
