/** CSV out: RFC 4180 text from a frame's stored chunks, a piece at a time. */
import { InvalidArgumentError, VolleyError } from '../../errors.js';
import { CsvError } from './errors.js';
import type { Column } from '../../table/column.js';
import type { Table } from '../../table/table.js';
import { pieceCutter } from '../pieces.js';
import {
  formatCsvRows,
  type CsvFormatColumn,
  type CsvFormatSpec,
  type CsvFormatTask,
  type CsvTimePart,
} from '../../../kernels/csv/format.js';

/**
 * How CSV is written.
 *
 * @example
 * await df.writeCsv('out.csv', { delimiter: ';', quoteStyle: 'nonNumeric', nullValue: 'NA' });
 */
export interface CsvWriteOptions {
  /** Field separator, one character other than the quote, CR and LF (default `,`). */
  readonly delimiter?: string;
  /** Write the column names first (default true). */
  readonly header?: boolean;
  /**
   * When a field is quoted (with `"`, a quote inside doubled): `necessary` (default) when it holds
   * the delimiter, a quote, CR or LF, or is an empty string (so it reads back as one, not as a
   * null); `always` every field but nulls; `nonNumeric` every field that is not a number;
   * `never` no field, even where the text then cannot be read back as it was.
   */
  readonly quoteStyle?: 'necessary' | 'always' | 'never' | 'nonNumeric';
  /** The text of a null (default: nothing, an empty field). */
  readonly nullValue?: string;
  /** Date columns as this format: `%Y`, `%m`, `%d` and `%%` (default `%Y-%m-%d`). */
  readonly dateFormat?: string;
  /** Timestamp columns (UTC) as this format: the date's, then `%H`, `%M`, `%S` and `%3f` (milliseconds) (default `%Y-%m-%d %H:%M:%S.%3f`). */
  readonly datetimeFormat?: string;
  /** Float64 values with this many digits after the point (default: the shortest text that reads back exactly). */
  readonly floatPrecision?: number;
  /** What ends each line (default `\n`). */
  readonly lineTerminator?: string;
  /**
   * Threads that format the text (default `os.availableParallelism()`; 1 formats on the calling
   * thread). The file is the same for every count.
   */
  readonly threads?: number;
}

/** The options with their defaults, checked. */
interface WriteSpec {
  readonly delimiter: string;
  readonly header: boolean;
  readonly quoteStyle: 'necessary' | 'always' | 'never' | 'nonNumeric';
  readonly nullValue: string;
  readonly dateFormat: string;
  readonly datetimeFormat: string;
  readonly floatPrecision: number | null;
  readonly lineTerminator: string;
}

const QUOTE_STYLES: ReadonlySet<string> = new Set(['necessary', 'always', 'never', 'nonNumeric']);

function optionError(option: string, value: unknown, rule: string): InvalidArgumentError {
  return new InvalidArgumentError(option, value, `writeCsv option ${option}: ${rule}, got ${JSON.stringify(value) ?? String(value)}`);
}

/**
 * The write options, checked, with their defaults.
 *
 * @example
 * writeSpec({ delimiter: ';' }).quoteStyle; // 'necessary'
 */
function writeSpec(o: CsvWriteOptions): WriteSpec {
  const delimiter = o.delimiter ?? ',';
  if (typeof delimiter !== 'string' || [...delimiter].length !== 1 || /["\r\n]/.test(delimiter))
    throw optionError('delimiter', delimiter, 'one character other than ", CR and LF');
  const quoteStyle = o.quoteStyle ?? 'necessary';
  if (!QUOTE_STYLES.has(quoteStyle)) throw optionError('quoteStyle', quoteStyle, "one of 'necessary', 'always', 'never', 'nonNumeric'");
  const floatPrecision = o.floatPrecision ?? null;
  if (floatPrecision !== null && !(Number.isInteger(floatPrecision) && floatPrecision >= 0 && floatPrecision <= 100))
    throw optionError('floatPrecision', floatPrecision, 'a whole number from 0 to 100');
  for (const name of ['nullValue', 'dateFormat', 'datetimeFormat', 'lineTerminator'] as const)
    if (o[name] !== undefined && typeof o[name] !== 'string') throw optionError(name, o[name], 'a string');
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1))
    throw optionError('threads', o.threads, 'a whole number >= 1');
  const lineTerminator = o.lineTerminator ?? '\n';
  if (lineTerminator === '') throw optionError('lineTerminator', lineTerminator, 'a non-empty string');
  return {
    delimiter,
    header: o.header ?? true,
    quoteStyle,
    nullValue: o.nullValue ?? '',
    dateFormat: o.dateFormat ?? '%Y-%m-%d',
    datetimeFormat: o.datetimeFormat ?? '%Y-%m-%d %H:%M:%S.%3f',
    floatPrecision,
    lineTerminator,
  };
}

/**
 * Rows per piece: a piece is formatted (on a thread of the pool, or the calling thread), written
 * and dropped before the next; a few pieces per thread are formatted ahead.
 */
const PIECE_ROWS = 65_536;

const utf8 = new TextEncoder();

/** A date or time format as parts: literal text as bytes, `%Y %m %d %H %M %S %3f` as fields, `%%` as `%`. */
function timeParts(format: string): CsvTimePart[] {
  const parts: CsvTimePart[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') parts.push({ text: utf8.encode(text) });
    text = '';
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      text += ch;
      continue;
    }
    const f = format.startsWith('3f', i + 1) ? '3f' : (format[i + 1] ?? '');
    if (f === 'Y' || f === 'm' || f === 'd' || f === 'H' || f === 'M' || f === 'S' || f === '3f') {
      flush();
      parts.push({ field: f });
      i += f.length;
    } else if (f === '%') {
      text += '%';
      i++;
    } else text += ch;
  }
  flush();
  return parts;
}

/** The write options as the formatting kernel takes them. */
function formatSpec(spec: WriteSpec): CsvFormatSpec {
  return {
    delimiter: utf8.encode(spec.delimiter),
    lineTerminator: utf8.encode(spec.lineTerminator),
    nullValue: utf8.encode(spec.nullValue),
    quoteStyle: spec.quoteStyle,
    floatPrecision: spec.floatPrecision,
    dateFormat: timeParts(spec.dateFormat),
    datetimeFormat: timeParts(spec.datetimeFormat),
  };
}

const KINDS = { Int32: 'i32', Int64: 'i64', Float64: 'f64', Boolean: 'bool', Date: 'date', Timestamp: 'timestamp' } as const;

/** A column as the formatting kernel reads it: its stored chunks, and a text column's dictionary as bytes. */
function formatColumn(col: Column): CsvFormatColumn {
  const { chunks, dictionary } = col.stored;
  if (col.dtype !== 'Utf8') return { kind: KINDS[col.dtype], chunks, first: 0 };
  return { kind: 'utf8', chunks, first: 0, segments: dictionary!.utf8Segments() };
}

/** What a CSV write does: the header text (or null) and the formatting task of each piece. */
export interface CsvWork {
  readonly head: string | null;
  readonly pieces: number;
  task(i: number): CsvFormatTask;
  readonly tail: null;
}

/**
 * A CSV write of `table` as pieces of at most 65,536 rows, each a formatting task that a worker
 * or the calling thread runs (options checked here). `withHeader` false leaves the header out
 * whatever the options say (the later frames of a sink).
 *
 * @example
 * const work = csvWork(table, {}, true);
 * formatCsvRows(work.task(0)); // the first piece's bytes
 */
export function csvWork(table: Table, options: CsvWriteOptions, withHeader: boolean): CsvWork {
  const spec = writeSpec(options);
  const cols = table.getColumns();
  const kernelSpec = formatSpec(spec);
  const cut = pieceCutter(cols.map(formatColumn));
  const height = table.height;
  const names = cols.map((c) => c.name);
  return {
    head: spec.header && withHeader ? headerLine(names, spec) : null,
    pieces: cols.length === 0 ? 0 : Math.ceil(height / PIECE_ROWS),
    task: (i) => {
      const start = i * PIECE_ROWS;
      const end = Math.min(height, start + PIECE_ROWS);
      return { type: 'csvFormat', spec: kernelSpec, columns: cut(start, end), start, end };
    },
    tail: null,
  };
}

/**
 * The CSV text of `table` as UTF-8 pieces of at most 65,536 rows, formatted on the calling
 * thread (the header, when asked for, comes first, as a string).
 *
 * @example
 * for (const piece of csvPieces(table, {})) out.write(piece);
 */
export function* csvPieces(table: Table, options: CsvWriteOptions, withHeader = true): Generator<string | Uint8Array> {
  const work = csvWork(table, options, withHeader);
  if (work.head !== null) yield work.head;
  for (let i = 0; i < work.pieces; i++) yield formatCsvRows(work.task(i));
}

/** Quote a non-numeric field's text as the quote style says. */
function quoter(spec: WriteSpec): (text: string) => string {
  const quoted = (text: string): string => `"${text.replaceAll('"', '""')}"`;
  switch (spec.quoteStyle) {
    case 'never':
      return (text) => text;
    case 'always':
    case 'nonNumeric':
      return quoted;
    case 'necessary': {
      const d = spec.delimiter;
      return (text) => (text === '' || text.includes(d) || /["\r\n]/.test(text) ? quoted(text) : text);
    }
  }
}

/** The header: the names, quoted as any text field is, and the line terminator. */
function headerLine(names: readonly string[], spec: WriteSpec): string {
  const quote = quoter(spec);
  return names.map(quote).join(spec.delimiter) + spec.lineTerminator;
}

/**
 * The header line alone (empty when `header` is false): what a sink writes when its query gives
 * no frame at all.
 *
 * @example
 * csvHeader(['id', 'v'], {}); // 'id,v\n'
 */
export function csvHeader(names: readonly string[], options: CsvWriteOptions): string {
  const spec = writeSpec(options);
  return spec.header ? headerLine(names, spec) : '';
}

/**
 * Check write options without writing (so a sink fails before it runs its query).
 *
 * @example
 * checkCsvWriteOptions({ delimiter: ';;' }); // throws
 */
export function checkCsvWriteOptions(options: CsvWriteOptions): void {
  writeSpec(options);
}

/**
 * The error a CSV write rejects with: the engine's own errors as they are, anything else (a
 * directory that does not exist, a stream that failed) a CsvError with code IO_ERROR naming the output.
 *
 * @example
 * await writePieces(path, pieces, (e) => csvWriteError(path, e));
 */
export function csvWriteError(output: string, e: unknown): Error {
  if (e instanceof VolleyError) return e;
  return new CsvError(output, null, null, `cannot write ${output}: ${(e as Error).message ?? String(e)}`, { code: 'IO_ERROR', cause: e });
}
