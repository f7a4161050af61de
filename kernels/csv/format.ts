/**
 * CSV out as bytes: rows [start, end) of a table's stored chunks formatted straight into UTF-8,
 * with no string per field for integers, dates and text. The same function runs on the calling
 * thread and in workers, so a write splits its rows into ranges that threads format at once.
 */
import type { ChunkDesc } from '../vec.js';
import { ByteOut, columnRows, TextEntries, writeShortDecimal, type TextSegment } from '../byte-out.js';
import { civilFromDays } from '../eval/calendar.js';

/**
 * One column as stored: the chunks a piece reads (`first`: the row of the column where they
 * start), and for text the bytes of its dictionary entries.
 */
export type CsvFormatColumn = { readonly chunks: readonly ChunkDesc[]; readonly first: number } & (
  | { readonly kind: 'i32' | 'i64' | 'f64' | 'bool' | 'date' | 'timestamp' }
  | { readonly kind: 'utf8'; readonly segments: readonly TextSegment[] }
);

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
  const out = new ByteOut();
  const walkers = columns.map((c) => columnRows(c.chunks, start - c.first, valueWriter(c, spec, out), () => out.put(spec.nullValue)));
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
  return out.shared();
}

type ValueWriter = (chunk: ChunkDesc, j: number) => void;

function valueWriter(col: CsvFormatColumn, spec: CsvFormatSpec, out: ByteOut): ValueWriter {
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

function numberWriter(kind: 'i32' | 'i64' | 'f64', spec: CsvFormatSpec, out: ByteOut): ValueWriter {
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

/** Whether a number's text could hold the delimiter (then numbers are checked for it). */
function numberMayHold(delimiter: Uint8Array): boolean {
  return delimiter.length === 1 && /[0-9.+\-eEnNaIif]/.test(String.fromCharCode(delimiter[0]!));
}

/**
 * Quote the field that starts at `from` (already written) when it is empty or holds the
 * delimiter, a quote, CR or LF; returns whether it did.
 */
function quoteIfNeeded(out: ByteOut, from: number, delimiter: Uint8Array): boolean {
  const b = out.bytes;
  const end = out.at;
  const d0 = delimiter[0]!;
  let need = end === from;
  for (let i = from; i < end && !need; i++) {
    const x = b[i]!;
    need = x === QUOTE || x === CR || x === LF || (x === d0 && startsWith(b, i, end, delimiter));
  }
  if (need) quoteField(out, from);
  return need;
}

/** Put the field that starts at `from` (already written) in quotes, doubling the quotes inside. */
function quoteField(out: ByteOut, from: number): void {
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

/** Text fields from the dictionary's bytes, quoted as the quote style says. */
function textWriter(segments: readonly TextSegment[], spec: CsvFormatSpec, out: ByteOut): ValueWriter {
  const text = new TextEntries(segments);
  const style = spec.quoteStyle;
  if (style !== 'necessary')
    return (chunk, j) => {
      text.seek((chunk.values as Int32Array)[j]!);
      const start = out.at;
      out.put(text.bytes, text.from, text.to);
      if (style !== 'never') quoteField(out, start);
    };
  // whether an entry needs quotes, found the first time a row of this piece writes it
  // (0 not yet known, 1 plain, 2 quoted): a repeating value is scanned once, not once per row
  const known: (Uint8Array | undefined)[] = [];
  return (chunk, j) => {
    text.seek((chunk.values as Int32Array)[j]!);
    const flags = (known[text.segment] ??= new Uint8Array(segments[text.segment]!.offsets.length - 1));
    const start = out.at;
    out.put(text.bytes, text.from, text.to);
    const flag = flags[text.at]!;
    if (flag === 1) return;
    if (flag === 2) quoteField(out, start);
    else flags[text.at] = quoteIfNeeded(out, start, spec.delimiter) ? 2 : 1;
  };
}

/** A UTC time (ms since the epoch) by its format parts. */
function writeTime(ms: number, parts: readonly CsvTimePart[], out: ByteOut): void {
  const days = Math.floor(ms / MS_PER_DAY);
  const ofDay = ms - days * MS_PER_DAY;
  const civil = civilFromDays(days);
  for (const p of parts) {
    if ('text' in p) {
      out.put(p.text);
      continue;
    }
    switch (p.field) {
      case 'Y': {
        const y = civil.year;
        if (y < 0) out.ascii('-');
        out.digits(Math.abs(y), 4);
        break;
      }
      case 'm':
        out.digits(civil.month, 2);
        break;
      case 'd':
        out.digits(civil.day, 2);
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
