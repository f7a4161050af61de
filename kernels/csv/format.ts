/**
 * CSV out as bytes: rows [start, end) of a table's stored chunks formatted straight into UTF-8,
 * with no string per field for integers, dates and text. The same function runs on the calling
 * thread and in workers, so a write splits its rows into ranges that threads format at once.
 */
import type { ChunkDesc } from '../vec.js';
import { dayOf, monthOf, yearOf } from '../eval/datepart.js';

/** A text column's entries as UTF-8: code `first + c` is bytes [offsets[c], offsets[c + 1]). */
export interface CsvTextSegment {
  readonly first: number;
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
}

/** One column as stored: its chunks, and for text the bytes of its dictionary entries. */
export type CsvFormatColumn =
  | { readonly kind: 'i32' | 'i64' | 'f64' | 'bool' | 'date' | 'timestamp'; readonly chunks: readonly ChunkDesc[] }
  | { readonly kind: 'utf8'; readonly chunks: readonly ChunkDesc[]; readonly segments: readonly CsvTextSegment[] };

/** A part of a date or time format: literal bytes, or a field (`%Y %m %d %H %M %S %3f`). */
export type CsvTimePart = { readonly text: Uint8Array } | { readonly field: 'Y' | 'm' | 'd' | 'H' | 'M' | 'S' | '3f' };

/** How fields are written: the write options, checked and turned into bytes by the caller. */
export interface CsvFormatSpec {
  readonly delimiter: Uint8Array;
  readonly lineTerminator: Uint8Array;
  readonly nullValue: Uint8Array;
  readonly quoteStyle: 'necessary' | 'always' | 'never' | 'nonNumeric';
  /** Digits after the point for Float64, or null for the shortest text that reads back exactly. */
  readonly floatPrecision: number | null;
  readonly dateFormat: readonly CsvTimePart[];
  readonly datetimeFormat: readonly CsvTimePart[];
}

/** Rows [start, end) of `columns` as CSV lines. */
export interface CsvFormatTask {
  readonly type: 'csvFormat';
  readonly spec: CsvFormatSpec;
  readonly columns: readonly CsvFormatColumn[];
  readonly start: number;
  readonly end: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const MS_PER_DAY = 86_400_000;

/** A growing byte buffer. */
class Out {
  bytes = new Uint8Array(1 << 16);
  at = 0;

  room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.at + n, 2 * this.bytes.length));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }

  put(b: Uint8Array, from = 0, to = b.length): void {
    const n = to - from;
    this.room(n);
    if (n < 16) for (let i = from; i < to; i++) this.bytes[this.at++] = b[i]!;
    else {
      this.bytes.set(b.subarray(from, to), this.at);
      this.at += n;
    }
  }

  /** ASCII text (numbers, NaN, inf): one byte per UTF-16 unit. */
  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.bytes[this.at++] = s.charCodeAt(i);
  }

  /** A non-negative integer below 2^53 in decimal, `width` digits at least (zeros in front). */
  digits(x: number, width = 1): void {
    let n = 1;
    for (let p = 10; p <= x; p *= 10) n++;
    if (n < width) n = width;
    this.room(n);
    for (let i = this.at + n - 1; i >= this.at; i--) {
      this.bytes[i] = 0x30 + (x % 10);
      x = Math.floor(x / 10);
    }
    this.at += n;
  }

  int(x: number): void {
    if (x < 0) {
      this.room(1);
      this.bytes[this.at++] = 0x2d;
      this.digits(-x);
    } else this.digits(x);
  }
}

/**
 * Rows [start, end) as CSV lines (no header), each ending with the line terminator: numbers so
 * they read back exactly (shortest Float64 text, -0, NaN, inf), booleans as true/false, dates and
 * times by their formats (UTC), text from its dictionary bytes, quoted as the quote style says
 * (`necessary`: a field holding the delimiter, a quote, CR or LF, and the empty string).
 *
 * @example
 * const bytes = formatCsvRows({ type: 'csvFormat', spec, columns, start: 0, end: 65_536 });
 */
export function formatCsvRows(task: CsvFormatTask): Uint8Array {
  const { spec, columns, start, end } = task;
  const out = new Out();
  const walkers = columns.map((c) => fieldWriter(c, spec, out, start));
  const last = walkers.length - 1;
  const eol = spec.lineTerminator;
  const d = spec.delimiter;
  const byte = d.length === 1 ? d[0]! : -1;
  for (let r = start; r < end; r++) {
    for (let k = 0; k < last; k++) {
      walkers[k]!();
      if (byte < 0) out.put(d);
      else {
        out.room(1);
        out.bytes[out.at++] = byte;
      }
    }
    walkers[last]!();
    out.put(eol);
  }
  return out.bytes.slice(0, out.at);
}

/** Writes the next row's field of one column each time it is called, starting at row `start`. */
function fieldWriter(col: CsvFormatColumn, spec: CsvFormatSpec, out: Out, start: number): () => void {
  const chunks = col.chunks;
  let c = 0;
  let j = start;
  while (c < chunks.length && j >= chunks[c]!.length) j -= chunks[c++]!.length;
  const write = valueWriter(col, spec, out);
  const nullValue = spec.nullValue;
  return () => {
    while (j >= chunks[c]!.length) {
      c++;
      j = 0;
    }
    const chunk = chunks[c]!;
    const v = chunk.validity;
    if (v !== null && ((v[j >> 3]! >> (j & 7)) & 1) === 0) out.put(nullValue);
    else write(chunk, j);
    j++;
  };
}

type ValueWriter = (chunk: ChunkDesc, j: number) => void;

function valueWriter(col: CsvFormatColumn, spec: CsvFormatSpec, out: Out): ValueWriter {
  const style = spec.quoteStyle;
  // numbers are quoted only when every field is; other text as the style says
  const quoteNumbers = style === 'always';
  const quoteText = style === 'always' || style === 'nonNumeric';
  const necessary = style === 'necessary';
  const quoted = (write: ValueWriter): ValueWriter => {
    if (quoteText)
      return (chunk, j) => {
        const from = out.at;
        write(chunk, j);
        quoteField(out, from);
      };
    if (!necessary) return write;
    // fields of fixed text (booleans, dates) need quotes only when a format or the delimiter makes them
    return (chunk, j) => {
      const from = out.at;
      write(chunk, j);
      quoteIfNeeded(out, from, spec.delimiter);
    };
  };
  switch (col.kind) {
    case 'i32':
    case 'i64':
    case 'f64': {
      const write = numberWriter(col.kind, spec, out);
      if (quoteNumbers)
        return (chunk, j) => {
          const from = out.at;
          write(chunk, j);
          quoteField(out, from);
        };
      // a delimiter that a number can hold ('.', '-', a digit) still gets the field quoted
      return necessary && numberMayHold(spec.delimiter)
        ? (chunk, j) => {
            const from = out.at;
            write(chunk, j);
            quoteIfNeeded(out, from, spec.delimiter);
          }
        : write;
    }
    case 'bool':
      return quoted((chunk, j) => out.put(((chunk.values as Uint8Array)[j >> 3]! >> (j & 7)) & 1 ? TRUE : FALSE));
    case 'date':
      return quoted((chunk, j) => writeTime((chunk.values as Int32Array)[j]! * MS_PER_DAY, spec.dateFormat, out));
    case 'timestamp':
      return quoted((chunk, j) => writeTime(Number((chunk.values as BigInt64Array)[j]!), spec.datetimeFormat, out));
    case 'utf8':
      return textWriter(col.segments, spec, out);
  }
}

const TRUE = new Uint8Array([0x74, 0x72, 0x75, 0x65]);
const FALSE = new Uint8Array([0x66, 0x61, 0x6c, 0x73, 0x65]);

function numberWriter(kind: 'i32' | 'i64' | 'f64', spec: CsvFormatSpec, out: Out): ValueWriter {
  if (kind === 'i32') return (chunk, j) => out.int((chunk.values as Int32Array)[j]!);
  if (kind === 'i64') return (chunk, j) => out.ascii((chunk.values as BigInt64Array)[j]!.toString());
  const precision = spec.floatPrecision;
  return (chunk, j) => {
    const x = (chunk.values as Float64Array)[j]!;
    if (Number.isNaN(x)) out.ascii('NaN');
    else if (!Number.isFinite(x)) out.ascii(x > 0 ? 'inf' : '-inf');
    else if (precision !== null) out.ascii(x.toFixed(precision));
    else if (!writeShortDecimal(x, out)) out.ascii(String(x));
  };
}

/**
 * Write `x` as String(x) would, without making the string, when it has at most six decimals and
 * lies in [1e-6, 1e9) or is an integer below 2^53 (most data): returns false, having written
 * nothing, for any other value. In that range doubles lie closer than 5e-7 apart, so at most one
 * number of six decimals reads back as `x`; when `round(x * 1e6) / 1e6` is `x` that number's
 * digits, trailing zeros dropped, are the shortest text that reads back as `x`, which is what
 * String gives.
 */
function writeShortDecimal(x: number, out: Out): boolean {
  if (Number.isSafeInteger(x)) {
    if (Object.is(x, -0)) out.ascii('-0');
    else out.int(x);
    return true;
  }
  const a = Math.abs(x);
  if (!(a >= 1e-6 && a < 1e9)) return false;
  const m = Math.round(a * 1e6);
  if (m / 1e6 !== a) return false;
  if (x < 0) out.ascii('-');
  out.digits(Math.floor(m / 1e6));
  let frac = m % 1e6;
  let width = 6;
  while (frac % 10 === 0) {
    frac /= 10;
    width--;
  }
  out.ascii('.');
  out.digits(frac, width);
  return true;
}

/** Whether a number's text could hold the delimiter (then numbers are checked for it). */
function numberMayHold(delimiter: Uint8Array): boolean {
  return delimiter.length === 1 && /[0-9.+\-eEnNaIif]/.test(String.fromCharCode(delimiter[0]!));
}

/** Quote the field that starts at `from` (already written) when it is empty or holds the delimiter, a quote, CR or LF. */
function quoteIfNeeded(out: Out, from: number, delimiter: Uint8Array): void {
  const b = out.bytes;
  const end = out.at;
  const d0 = delimiter[0]!;
  let need = end === from;
  for (let i = from; i < end && !need; i++) {
    const x = b[i]!;
    need = x === QUOTE || x === CR || x === LF || (x === d0 && startsWith(b, i, end, delimiter));
  }
  if (need) quoteField(out, from);
}

/** Put the field that starts at `from` (already written) in quotes, doubling the quotes inside. */
function quoteField(out: Out, from: number): void {
  const end = out.at;
  let quotes = 0;
  for (let i = from; i < end; i++) if (out.bytes[i] === QUOTE) quotes++;
  const n = end - from;
  out.room(n + quotes + 2);
  const o = out.bytes;
  // from the back, so the field moves right over itself
  let w = from + n + quotes + 1;
  o[w--] = QUOTE;
  for (let i = end - 1; i >= from; i--) {
    const x = o[i]!;
    o[w--] = x;
    if (x === QUOTE) o[w--] = QUOTE;
  }
  o[w] = QUOTE;
  out.at = from + n + quotes + 2;
}

function startsWith(b: Uint8Array, at: number, end: number, d: Uint8Array): boolean {
  if (at + d.length > end) return false;
  for (let k = 1; k < d.length; k++) if (b[at + k] !== d[k]) return false;
  return true;
}

/**
 * Text fields from the dictionary's bytes. Rows mostly read codes near the last one (a column
 * read plain has one segment per parsed range, codes rising with the rows), so the segment of
 * the previous row is tried first.
 */
function textWriter(segments: readonly CsvTextSegment[], spec: CsvFormatSpec, out: Out): ValueWriter {
  let seg = segments[0] ?? { first: 0, bytes: new Uint8Array(0), offsets: new Int32Array(1) };
  let count = seg.offsets.length - 1;
  const find = (code: number): void => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segments[mid]!.first <= code) lo = mid;
      else hi = mid - 1;
    }
    seg = segments[lo]!;
    count = seg.offsets.length - 1;
  };
  const style = spec.quoteStyle;
  return (chunk, j) => {
    const code = (chunk.values as Int32Array)[j]!;
    let at = code - seg.first;
    if (at < 0 || at >= count) {
      find(code);
      at = code - seg.first;
    }
    const from = seg.offsets[at]!;
    const to = seg.offsets[at + 1]!;
    const start = out.at;
    out.put(seg.bytes, from, to);
    if (style === 'necessary') quoteIfNeeded(out, start, spec.delimiter);
    else if (style !== 'never') quoteField(out, start);
  };
}

/** A UTC time (ms since the epoch) by its format parts. */
function writeTime(ms: number, parts: readonly CsvTimePart[], out: Out): void {
  const days = Math.floor(ms / MS_PER_DAY);
  const ofDay = ms - days * MS_PER_DAY;
  for (const p of parts) {
    if ('text' in p) {
      out.put(p.text);
      continue;
    }
    switch (p.field) {
      case 'Y': {
        const y = yearOf(days);
        if (y < 0) out.ascii('-');
        out.digits(Math.abs(y), 4);
        break;
      }
      case 'm':
        out.digits(monthOf(days), 2);
        break;
      case 'd':
        out.digits(dayOf(days), 2);
        break;
      case 'H':
        out.digits(Math.floor(ofDay / 3_600_000), 2);
        break;
      case 'M':
        out.digits(Math.floor(ofDay / 60_000) % 60, 2);
        break;
      case 'S':
        out.digits(Math.floor(ofDay / 1000) % 60, 2);
        break;
      case '3f':
        out.digits(ofDay % 1000, 3);
        break;
    }
  }
}
