/** Polars-style text rendering of a Table, read straight from the chunks of the rows shown. */
import type { DataType } from '../types/dtype.js';
import { getBit } from './buffers.js';
import { isValidAt, type ChunkData } from './chunk.js';
import type { Column } from './column.js';
import type { Table } from './table.js';

/** Limits that keep a printed frame small; defaults follow Polars where it has one. */
export interface FormatOptions {
  /** Rows shown before the middle ones are elided with `…` (default 10: first 5, last 5). */
  maxRows?: number;
  /** Columns shown before the middle ones are elided with `…` (default 12: first 6, last 6). */
  maxColumns?: number;
  /** Characters of a string shown before it is cut with `…` (default 32). */
  maxStringLength?: number;
}

const DTYPE_LABELS: Record<DataType, string> = {
  Int32: 'i32',
  Int64: 'i64',
  Float64: 'f64',
  Boolean: 'bool',
  Utf8: 'str',
  Date: 'date',
  Timestamp: 'datetime[ms]',
};

/** Polars' rule: whole numbers below this print as `12.0`, not in exponent form. */
const SCIENTIFIC_BOUND = 999_999;
const MS_PER_DAY = 86_400_000;

/** One printed column: header lines and the cells of the rows shown. */
interface Printed {
  name: string;
  dashes: string;
  label: string;
  cells: string[];
}

/**
 * A Polars-style table: the shape, then a box with each column's name and type, then the rows.
 * Frames taller than `maxRows` show their first and last rows around a `…` row, wider than
 * `maxColumns` their first and last columns around a `…` column. Strings print quoted, so the
 * string "null" and an empty string stay distinguishable from a null. Only the rows shown are
 * read, straight from the chunks.
 *
 * @example
 * formatFrame(Table.fromColumns({ id: ['a', 'b'], v: [1, null] }));
 * // shape: (2, 2)
 * // ┌─────┬──────┐
 * // │ id  ┆ v    │
 * // │ --- ┆ ---  │
 * // │ str ┆ i32  │
 * // ╞═════╪══════╡
 * // │ "a" ┆ 1    │
 * // │ "b" ┆ null │
 * // └─────┴──────┘
 */
export function formatFrame(df: Table, options: FormatOptions = {}): string {
  const maxRows = limit(options.maxRows, 10);
  const maxColumns = limit(options.maxColumns, 12);
  const maxString = limit(options.maxStringLength, 32);
  const shape = `shape: (${df.height}, ${df.width})`;
  if (df.width === 0) return [shape, '┌┐', '╞╡', '└┘'].join('\n');

  const [headRows, tailRows] = split(df.height, maxRows);
  const ranges: [number, number][] = [[0, headRows]];
  if (tailRows > 0) ranges.push([df.height - tailRows, df.height]);
  const rowsElided = headRows + tailRows < df.height;

  const [headCols, tailCols] = split(df.width, maxColumns);
  const printed: Printed[] = [];
  const print = (col: Column): Printed => ({
    name: escapeControl(col.name),
    dashes: '---',
    label: DTYPE_LABELS[col.dtype],
    cells: cellsOf(col, ranges, maxString),
  });
  for (let i = 0; i < headCols; i++) printed.push(print(df.getColumns()[i]!));
  if (headCols + tailCols < df.width) {
    printed.push({ name: '…', dashes: '', label: '', cells: new Array<string>(headRows + tailRows).fill('…') });
  }
  for (let i = df.width - tailCols; i < df.width; i++) printed.push(print(df.getColumns()[i]!));

  if (rowsElided) for (const p of printed) p.cells.splice(headRows, 0, '…');
  const widths = printed.map((p) => Math.max(width(p.name), width(p.dashes), width(p.label), ...p.cells.map(width)));
  const rule = (left: string, fill: string, join: string, right: string): string =>
    left + widths.map((w) => fill.repeat(w + 2)).join(join) + right;
  const line = (cells: string[]): string => `│ ${cells.map((c, i) => pad(c, widths[i]!)).join(' ┆ ')} │`;

  const lines = [shape, rule('┌', '─', '┬', '┐')];
  lines.push(line(printed.map((p) => p.name)), line(printed.map((p) => p.dashes)), line(printed.map((p) => p.label)));
  lines.push(rule('╞', '═', '╪', '╡'));
  const shownRows = printed[0]!.cells.length;
  for (let r = 0; r < shownRows; r++) lines.push(line(printed.map((p) => p.cells[r]!)));
  lines.push(rule('└', '─', '┴', '┘'));
  return lines.join('\n');
}

/**
 * A float as Polars prints it: whole numbers with one decimal (`2.0`), others with up to six
 * decimals (`0.333333`), and very large or small magnitudes in exponent form (`1.2346e8`).
 *
 * @example
 * formatFloat(2);         // '2.0'
 * formatFloat(1 / 3);     // '0.333333'
 * formatFloat(1.5e-9);    // '1.5000e-9'
 * formatFloat(1234567);   // '1.234567e6'
 */
export function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const abs = Math.abs(v);
  const whole = Number.isInteger(v);
  if (whole && abs < SCIENTIFIC_BOUND) return Object.is(v, -0) ? '-0.0' : v.toFixed(1);
  const plain = plainDecimal(v);
  if (plain.length > 9) {
    if (abs < 1e-6 || abs > SCIENTIFIC_BOUND) return v.toExponential(4).replace('e+', 'e');
    // Six decimals, minus trailing zeros, so 12.0000000001 prints as 12.0 and not 12.000000.
    const fixed = v.toFixed(6).replace(/0+$/, '');
    return fixed.endsWith('.') ? `${fixed}0` : fixed;
  }
  return whole ? v.toExponential().replace('e+', 'e') : plain;
}

function limit(value: number | undefined, fallback: number): number {
  return value === undefined || Number.isNaN(value) ? fallback : Math.max(0, Math.floor(value));
}

/** How many items to show from the start and from the end (Polars shows one more at the start). */
function split(total: number, max: number): [number, number] {
  if (total <= max) return [total, 0];
  return [Math.ceil(max / 2), Math.floor(max / 2)];
}

/** The formatted cells of the given row ranges, walking the chunks once per range. */
function cellsOf(col: Column, ranges: readonly [number, number][], maxString: number): string[] {
  const out: string[] = [];
  for (const [start, end] of ranges) {
    let base = 0;
    for (const c of col.stored.chunks) {
      if (base >= end) break;
      const lo = Math.max(start, base);
      const hi = Math.min(end, base + c.length);
      for (let r = lo; r < hi; r++) out.push(formatCell(col, c, r - base, maxString));
      base += c.length;
    }
  }
  return out;
}

function formatCell(col: Column, c: ChunkData, j: number, maxString: number): string {
  if (!isValidAt(c, j)) return 'null';
  switch (col.dtype) {
    case 'Int32':
      return String((c.values as Int32Array)[j]!);
    case 'Int64':
      return String((c.values as BigInt64Array)[j]!);
    case 'Float64':
      return formatFloat((c.values as Float64Array)[j]!);
    case 'Boolean':
      return getBit(c.values as Uint8Array, j) ? 'true' : 'false';
    case 'Utf8':
      return formatString(col.stored.dictionary!.get((c.values as Int32Array)[j]!), maxString);
    case 'Date':
      return formatDate((c.values as Int32Array)[j]!);
    case 'Timestamp':
      return formatTimestamp((c.values as BigInt64Array)[j]!);
  }
}

function formatString(s: string, max: number): string {
  const chars = [...s];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : s;
  return `"${escapeControl(cut.replace(/["\\]/g, '\\$&'))}"`;
}

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Control characters escaped, so a newline in a value cannot break the box. */
function escapeControl(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped
  return s.replace(/[\u0000-\u001f\u007f]/g, (ch) => NAMED_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** YYYY-MM-DD; days outside the range of JS dates print as a plain day count. */
function formatDate(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  if (Number.isNaN(d.getTime())) return `${days}d`;
  const iso = d.toISOString();
  return iso.slice(0, iso.indexOf('T'));
}

/** YYYY-MM-DD HH:MM:SS.mmm in UTC; instants outside the range of JS dates print as raw ms. */
function formatTimestamp(ms: bigint): string {
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return `${ms}ms`;
  return d.toISOString().slice(0, -1).replace('T', ' ');
}

/** The decimal digits of a number without exponent form, as Rust's `{}` prints an f64. */
function plainDecimal(v: number): string {
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const sign = s.startsWith('-') ? '-' : '';
  const [int = '', frac = ''] = s.slice(sign.length, e).split('.');
  const digits = int + frac;
  const point = int.length + Number(s.slice(e + 1));
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Combining marks and other code points a terminal draws on the one before (zero columns). */
const ZERO_WIDTH = /^[\p{M}\p{Emoji_Modifier}\u200b-\u200f\u2060\ufeff]$/u;
/** Emoji a terminal draws two columns wide. */
const WIDE_EMOJI = /^\p{Emoji_Presentation}$/u;
const ZWJ = 0x200d;

/** East Asian wide and fullwidth code points (Hangul, CJK, kana, fullwidth forms): two columns. */
function eastAsianWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/**
 * Terminal columns a cell takes: two for East Asian wide characters and emoji, none for
 * combining marks, skin-tone modifiers and the parts of an emoji sequence joined to the one
 * before (ZWJ), one for the rest, so columns of CJK text or emoji line up in a terminal.
 */
function width(s: string): number {
  let n = 0;
  let joined = false;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === ZWJ) {
      joined = true;
      continue;
    }
    if (joined) {
      joined = false;
      continue;
    }
    if (ZERO_WIDTH.test(ch)) continue;
    n += eastAsianWide(c) || WIDE_EMOJI.test(ch) ? 2 : 1;
  }
  return n;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}
