/** The CSV tokenizer: one pass over the bytes of a range, fields converted straight into typed columns. */
import { KernelInvariantError } from '../errors.js';
import { countQuotes } from './boundaries.js';
import { ColumnWriter, KIND_FLOAT64, KIND_INT32, KIND_SKIP, KIND_UTF8 } from './columns.js';
import type { ByteDictionary } from './dictionary.js';
import { CsvParseError, rawText } from './errors.js';
import { lineEnd, QuotedFieldReader } from './quoted.js';
import { scanDecimal, scanInt32 } from './scan.js';
import type { CsvDialect, CsvParseSpec, CsvRangeResult } from './spec.js';

const LF = 10;
const CR = 13;

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

function checkDialect(d: CsvDialect): void {
  const del = d.delimiter;
  if (!(del >= 0 && del < 256) || del === LF || del === CR || del === d.quote || (del >= ZERO && del <= NINE)) {
    throw new KernelInvariantError(`delimiter must be a byte other than LF, CR, a digit and the quote, got ${del}`);
  }
  if (d.quote !== null && (!(d.quote >= 0 && d.quote < 256) || d.quote === LF || d.quote === CR)) {
    throw new KernelInvariantError(`quote must be a byte other than LF and CR, got ${d.quote}`);
  }
  if (d.newline !== undefined && d.newline !== LF && d.newline !== CR)
    throw new KernelInvariantError(`newline must be LF or CR, got ${d.newline}`);
}

function startsWith(bytes: Uint8Array, pos: number, prefix: Uint8Array): boolean {
  if (pos + prefix.length > bytes.length) return false;
  for (let k = 0; k < prefix.length; k++) if (bytes[pos + k] !== prefix[k]) return false;
  return true;
}

function equalsAny(bytes: Uint8Array, start: number, end: number, candidates: readonly Uint8Array[]): boolean {
  const len = end - start;
  outer: for (const c of candidates) {
    if (c.length !== len) continue;
    for (let k = 0; k < len; k++) if (c[k] !== bytes[start + k]) continue outer;
    return true;
  }
  return false;
}

/**
 * Offset just past the comment line at `pos`; its quotes must pair up (see CsvDialect.comment)
 * unless stray quotes are data.
 */
export function skipComment(bytes: Uint8Array, pos: number, dialect: CsvDialect): number {
  const nl = dialect.newline ?? LF;
  const lf = bytes.indexOf(nl, pos);
  const next = lf === -1 ? bytes.length : lf + 1;
  if (dialect.strayQuotes !== true && countQuotes(bytes, pos, next, dialect.quote) % 2 === 1) {
    const raw = rawText(bytes, pos, lineEnd(bytes, pos, nl));
    throw new CsvParseError({ kind: 'comment-quote', offset: pos, column: -1, raw, detail: 'odd number of quotes in a comment line' });
  }
  return next;
}

function unexpectedQuote(bytes: Uint8Array, field: number, quoteAt: number, record: number, column: number, nl: number): never {
  const raw = rawText(bytes, field, lineEnd(bytes, quoteAt, nl));
  throw new CsvParseError({ kind: 'unexpected-quote', offset: record, column, raw, detail: 'quote inside an unquoted field' });
}

function wrongFieldCount(bytes: Uint8Array, record: number, found: number, expected: number, nl: number): never {
  const raw = rawText(bytes, record, lineEnd(bytes, record, nl));
  const detail = `expected ${expected} fields, found ${found}`;
  throw new CsvParseError({ kind: 'field-count', offset: record, column: Math.min(found, expected), raw, detail });
}

/**
 * Reads the quoted field opening at bytes[pos] into column `col` (when it is materialized) and
 * returns the offset of the byte that ends it. Kept out of the main loop: quoted fields are the
 * rare case, and a smaller loop leaves V8 room to inline the hot calls.
 */
function storeQuoted(
  out: ColumnWriter,
  quoted: QuotedFieldReader,
  bytes: Uint8Array,
  pos: number,
  col: number,
  store: boolean,
  nulls: readonly Uint8Array[] | null,
  record: number,
): number {
  const i = quoted.read(bytes, pos, store, record, col);
  if (store) {
    const { buf, start: fs, end: fe } = quoted;
    if (fe === fs || (nulls !== null && equalsAny(buf, fs, fe, nulls))) out.setNull(col);
    else out.setValue(col, buf, fs, fe);
  }
  return i;
}

/** The spec of the latest range parsed on this thread: written, never read, so that its shape stays alive (see keepShape). */
let _latestSpec: CsvParseSpec | null = null;

/**
 * Parses the records that start in bytes [start, end) into typed columns.
 *
 * `start` must be a record start (see findRecordStart / recordRanges). The last record may run
 * past `end`: parsing reads on to its newline, so `bytes` must extend to the end of that record
 * (the next range's record start, or the end of the file). Offsets in errors are relative to `bytes`.
 *
 * Rules: LF or CRLF ends a record and a lone CR is data (or, with `dialect.newline` CR, CR ends a
 * record and LF is data). Quoted fields may hold delimiters, newlines and doubled quotes
 * (`""` → `"`); blanks (space, tab) between a closing quote and the delimiter or newline are
 * dropped. Other text after a closing quote is an error; so is a quote byte inside an unquoted
 * field, unless `dialect.strayQuotes` makes it data. An empty field (quoted or not) is null, as is
 * a field whose unquoted content equals one of its column's null values. Blank lines are skipped,
 * in a one-column file too (a null there is written `""`). Comment lines are skipped.
 *
 * `dictionaries`, when given, are the utf8 dictionaries to intern into (see ColumnWriter): a
 * thread parsing many ranges of one file keeps them, so each range adds only the values new to it.
 * An encoded dictionary reports the entries from code `reportFrom` on (by default, those the range
 * added).
 *
 * @example
 * const bytes = new TextEncoder().encode('1,a\n2,b\n');
 * const spec = { dialect: { delimiter: 44, quote: 34, comment: null }, columns: [{ kind: 'int32' }, { kind: 'utf8' }], chunkSize: 65536 } as const;
 * const { rows, columns } = parseCsvRange(bytes, 0, bytes.length, spec);
 * // rows === 2; columns[1].dictionary → ['a', 'b']; columns[1].chunks[0].values → Int32Array [0, 1]
 */
export function parseCsvRange(
  bytes: Uint8Array,
  start: number,
  end: number,
  spec: CsvParseSpec,
  dictionaries?: readonly (ByteDictionary | null)[],
  reportFrom?: number,
): CsvRangeResult {
  // a read's spec dies with the read; keeping the latest keeps its shape for the next (see keepShape)
  _latestSpec = spec;
  const dialect = spec.dialect;
  checkDialect(dialect);
  const quote = dialect.quote ?? -1;
  const nl = dialect.newline ?? LF;
  const comment = dialect.comment !== null && dialect.comment.length > 0 ? dialect.comment : null;
  const ncols = spec.columns.length;
  if (ncols === 0) throw new KernelInvariantError('a CSV spec needs at least one column');
  const nullValues = spec.columns.map((c) => (c.nullValues !== undefined && c.nullValues.length > 0 ? c.nullValues : null));
  const ragged = spec.truncateRaggedLines === true;
  const maxRows = spec.maxRows ?? Infinity;
  const n = bytes.length;
  const stop = Math.min(end, n);
  // Every record but the last ends in an LF, and unless ragged lines are allowed it holds
  // ncols - 1 delimiters too: so at most this many records start in [start, stop).
  const minRecordBytes = ragged ? 1 : ncols;
  const rowBound = Math.min(maxRows, stop > start ? Math.floor((stop - start - 1) / minRecordBytes) + 1 : 0);
  const out = new ColumnWriter(spec, rowBound, dictionaries, reportFrom);
  const kinds = out.kinds;
  const quoted = new QuotedFieldReader(quote, dialect.delimiter, nl);
  // Constants of the hot loop are locals on purpose: V8 folds a local `const` into compiled code
  // but reloads module-level constants and imports on every use; measured, that cost ~15%.
  // Byte classes, so finding a field's end is one table load per byte:
  const PLAIN = 0;
  const DELIMITER = 1;
  const NEWLINE = 2;
  const QUOTE = 3;
  // What the unquoted-field path does per column:
  const SKIP = 0;
  const INT32 = 1;
  const FLOAT64 = 2;
  const UTF8 = 3;
  /** Scan, then convert with ColumnWriter.setValue. */
  const OTHER = 4;
  const CR_BYTE = 13;
  const cls = new Uint8Array(256);
  cls[dialect.delimiter] = DELIMITER;
  cls[nl] = NEWLINE;
  // a stray quote is then a plain byte: only a quote at a field's start opens a quoted field
  if (quote >= 0 && dialect.strayQuotes !== true) cls[quote] = QUOTE;
  // The fused number scanners read a sign and a decimal point, so they cannot tell those apart from a delimiter.
  const fuse = dialect.delimiter !== MINUS && dialect.delimiter !== DOT;
  const modes = Uint8Array.from(kinds, (k) =>
    k === KIND_SKIP ? SKIP : k === KIND_UTF8 ? UTF8 : fuse && k === KIND_INT32 ? INT32 : fuse && k === KIND_FLOAT64 ? FLOAT64 : OTHER,
  );
  const hasNulls = Uint8Array.from(nullValues, (v) => (v === null ? 0 : 1));
  // Out-parameter of the fused number scanners.
  const number = new Float64Array(1);

  let pos = start;
  let rows = 0;
  while (pos < stop && rows < maxRows) {
    const record = pos;
    if (comment !== null && startsWith(bytes, pos, comment)) {
      pos = skipComment(bytes, pos, dialect);
      continue;
    }
    const first = bytes[pos];
    if (first === nl) {
      pos++;
      continue;
    }
    if (first === CR && nl === LF && bytes[pos + 1] === LF) {
      pos += 2;
      continue;
    }
    out.record = record;
    let col = 0;
    // Class of the byte that ended the last field; the end of the input counts as a newline.
    let term = DELIMITER;
    while (term === DELIMITER) {
      const mode = col < ncols ? modes[col]! : SKIP;
      let i: number;
      if (bytes[pos] === quote) {
        i = storeQuoted(out, quoted, bytes, pos, col, mode !== SKIP, mode === SKIP ? null : nullValues[col]!, record);
        term = i < n ? cls[bytes[i]!]! : NEWLINE;
      } else {
        // Whether the fused scan's number covers the whole field.
        let fused = true;
        if (mode === INT32) i = scanInt32(bytes, pos, n, number);
        else if (mode === FLOAT64) i = scanDecimal(bytes, pos, n, number);
        else i = pos;
        term = i < n ? cls[bytes[i]!]! : NEWLINE;
        if (term === PLAIN) {
          fused = false;
          while (i < n && cls[bytes[i]!] === PLAIN) i++;
          term = i < n ? cls[bytes[i]!]! : NEWLINE;
        }
        if (term === QUOTE) unexpectedQuote(bytes, pos, i, record, col, nl);
        let fe = i;
        if (term === NEWLINE && fe > pos && bytes[fe - 1] === CR_BYTE && i < n) {
          fe--;
          fused = false;
        }
        if (mode !== SKIP) {
          if (fe === pos || (hasNulls[col] === 1 && equalsAny(bytes, pos, fe, nullValues[col]!))) out.setNull(col);
          else if (mode === UTF8) out.setString(col, bytes, pos, fe);
          else if (!fused || number[0] !== number[0]) out.setValue(col, bytes, pos, fe);
          else if (mode === INT32) out.setInt32(col, number[0]!);
          else out.setFloat64(col, number[0]!);
        }
      }
      col++;
      pos = i < n ? i + 1 : n;
    }
    if (col !== ncols) {
      if (!ragged) wrongFieldCount(bytes, record, col, ncols, nl);
      for (let c = col; c < ncols; c++) if (modes[c] !== SKIP) out.setNull(c);
    }
    out.endRow();
    rows++;
  }
  return { rows, end: pos, columns: out.finish() };
}
