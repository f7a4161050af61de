/** CSV out: RFC 4180 text from a frame's stored chunks, a piece at a time. */
import { InvalidArgumentError, VolleyError } from '../../errors.js';
import { CsvError } from './errors.js';
import { getBit } from '../../table/buffers.js';
import type { ChunkData } from '../../table/chunk.js';
import type { Column } from '../../table/column.js';
import { rowCursor } from '../../table/row-cursor.js';
import type { Table } from '../../table/table.js';

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

/** Rows per piece: a piece's text is made, written and dropped before the next. */
const PIECE_ROWS = 16_384;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A UTC time (ms since the epoch) in a strftime subset: %Y %m %d %H %M %S %3f %%. */
function formatTime(ms: number, format: string): string {
  const d = new Date(ms);
  return format.replace(/%(3f|[YmdHMS%])/g, (_, f: string) => {
    switch (f) {
      case 'Y':
        return pad(d.getUTCFullYear(), 4);
      case 'm':
        return pad(d.getUTCMonth() + 1, 2);
      case 'd':
        return pad(d.getUTCDate(), 2);
      case 'H':
        return pad(d.getUTCHours(), 2);
      case 'M':
        return pad(d.getUTCMinutes(), 2);
      case 'S':
        return pad(d.getUTCSeconds(), 2);
      case '3f':
        return pad(d.getUTCMilliseconds(), 3);
      default:
        return '%';
    }
  });
}

/** Turns the values of one column into field text, quoted as the spec says. */
type FieldWriter = (chunk: ChunkData, j: number) => string;

function fieldWriter(col: Column, dictionary: { get(code: number): string } | null, spec: WriteSpec): FieldWriter {
  const quote = quoter(spec);
  const numeric = col.dtype === 'Int32' || col.dtype === 'Int64' || col.dtype === 'Float64';
  const asText = (text: string): string => (numeric && spec.quoteStyle !== 'always' ? text : quote(text));
  const float = (x: number): string => {
    if (Number.isNaN(x)) return 'NaN';
    if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
    if (spec.floatPrecision !== null) return x.toFixed(spec.floatPrecision);
    return Object.is(x, -0) ? '-0' : String(x);
  };
  return (chunk, j) => {
    if (chunk.validity !== null && !getBit(chunk.validity, j)) return spec.nullValue;
    const v = chunk.values[j]!;
    switch (col.dtype) {
      case 'Int32':
        return asText(String(v));
      case 'Int64':
        return asText((v as bigint).toString());
      case 'Float64':
        return asText(float(v as number));
      case 'Boolean':
        return quote(getBit(chunk.values as Uint8Array, j) ? 'true' : 'false');
      case 'Utf8':
        return quote(dictionary!.get(v as number));
      case 'Date':
        return quote(formatTime((v as number) * 86_400_000, spec.dateFormat));
      case 'Timestamp':
        return quote(formatTime(Number(v), spec.datetimeFormat));
    }
  };
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

/**
 * The CSV text of `table` as UTF-8, a piece of at most 16,384 rows at a time (the header, when
 * asked for, comes first, as a string). `withHeader` false leaves it out whatever the options
 * say (the later frames of a sink).
 *
 * @example
 * for (const piece of csvPieces(table, {})) out.write(piece);
 */
export function* csvPieces(table: Table, options: CsvWriteOptions, withHeader = true): Generator<string | Buffer> {
  const spec = writeSpec(options);
  const cols = table.getColumns();
  const eol = spec.lineTerminator;
  if (spec.header && withHeader)
    yield headerLine(
      cols.map((c) => c.name),
      spec,
    );
  const walkers = cols.map((c) => {
    const { chunks, dictionary } = c.stored;
    return rowCursor(chunks, fieldWriter(c, dictionary, spec));
  });
  // each piece's fields go straight into bytes: building one string per piece made 48% of a
  // write's time garbage collection (cons strings of every line, flattened at the end)
  const delimiter = Buffer.from(spec.delimiter);
  const newline = Buffer.from(eol);
  let buf: Buffer = Buffer.allocUnsafe(1 << 20);
  for (let start = 0; start < table.height; start += PIECE_ROWS) {
    const end = Math.min(table.height, start + PIECE_ROWS);
    let at = 0;
    const put = (text: string): void => {
      // a UTF-8 character is at most 3 bytes per UTF-16 unit
      if (at + 3 * text.length > buf.length) buf = grown(buf, at, at + 3 * text.length);
      at += buf.write(text, at);
    };
    const putBytes = (bytes: Buffer): void => {
      if (at + bytes.length > buf.length) buf = grown(buf, at, at + bytes.length);
      at += bytes.copy(buf, at);
    };
    for (let r = start; r < end; r++) {
      for (let k = 0; k < walkers.length; k++) {
        if (k > 0) putBytes(delimiter);
        put(walkers[k]!());
      }
      putBytes(newline);
    }
    // the piece's own copy: the stream may hold it until it is flushed, and the buffer is refilled
    yield Buffer.from(buf.subarray(0, at));
  }
}

/** A bigger buffer holding the first `used` bytes of `buf`, with room for `need` bytes. */
function grown(buf: Buffer, used: number, need: number): Buffer {
  const out = Buffer.allocUnsafe(Math.max(need, 2 * buf.length));
  buf.copy(out, 0, 0, used);
  return out;
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
