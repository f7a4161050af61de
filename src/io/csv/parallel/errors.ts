/** Tokenizer errors (a kind and a byte offset) to CsvErrors with a file, line, column, expected and found. */
import { InternalError } from '../../../errors.js';
import { countNewlines } from '../../../../kernels/csv/lines.js';
import { attemptParse, type CsvErrorInfo } from '../../../../kernels/csv/errors.js';
import { parseCsvRange } from '../../../../kernels/csv/parse.js';
import type { CsvParseSpec } from '../../../../kernels/csv/spec.js';
import type { DataType } from '../../../types/dtype.js';
import { CsvError, fieldCountError, showValue } from '../errors.js';
import type { ResolvedOptions } from '../resolve.js';
import type { Survey } from '../survey.js';
import { readBytes, type OpenFile } from './file.js';

/** Bytes read per step while counting lines, and the most of one record re-read to check its width. */
const BLOCK = 1 << 20;

/**
 * Whether a tokenizer error is one that reading with stray quotes as data avoids: a quote inside
 * an unquoted field, or an odd number of quotes in a comment line. The range split refuses those
 * (it relies on every quote byte toggling the quoted state); they are data, not errors, so the
 * bytes from there on are parsed in one piece instead (see scanRanges).
 *
 * @example
 * if (strayQuote(outcome.error)) parseTheRestInOnePiece();
 */
export function strayQuote(info: CsvErrorInfo): boolean {
  return info.kind === 'comment-quote' || (info.kind === 'unexpected-quote' && info.at === undefined);
}

/**
 * The CsvError for a tokenizer error at a file offset: the record's physical line, the column,
 * what was expected and found. A bad value in a record of the wrong width reports the width,
 * which is checked first, so the error does not depend on where a range ends.
 *
 * @example
 * throw kernelError(info, file, options, survey, spec);
 */
export function kernelError(info: CsvErrorInfo, file: OpenFile, o: ResolvedOptions, s: Survey, spec: CsvParseSpec): CsvError {
  const newline = spec.dialect.newline ?? 10;
  switch (info.kind) {
    case 'unterminated-quote':
    case 'unexpected-quote':
    case 'comment-quote':
      return quoteError(info, o.file, lineAt(file, info.at ?? info.offset, newline));
    case 'field-count':
      return widthError(info, file, o, newline);
    case 'invalid-value': {
      if (!o.truncateRaggedLines) {
        const width = recordWidthError(info.offset, file, spec);
        if (width !== null)
          return width.kind === 'field-count' ? widthError(width, file, o, newline) : kernelError(width, file, o, s, spec);
      }
      const k = s.slots.findIndex((slot) => slot.index === info.column);
      return valueError(o, s, k, lineAt(file, info.offset, newline), info.raw);
    }
  }
}

/**
 * The CsvError of a quote error, on the line where the quoted field opened.
 *
 * @example
 * quoteError(info, '<string>', 3).reason; // 'unterminated quote: the quoted field opened on this line is never closed'
 */
export function quoteError(info: CsvErrorInfo, file: string, line: number): CsvError {
  if (info.kind === 'unterminated-quote')
    return new CsvError(file, line, null, 'unterminated quote: the quoted field opened on this line is never closed', {
      expected: 'a closing quote',
      found: 'the end of the input',
    });
  if (info.kind === 'unexpected-quote' && info.at !== undefined)
    return new CsvError(
      file,
      line,
      null,
      'malformed quoted field opened on this line: text follows its closing quote before the next delimiter',
      {
        expected: 'a delimiter or a newline after the closing quote',
        found: info.raw,
      },
    );
  // only met when stray quotes are refused, which a read never leaves them
  return new CsvError(file, line, null, `${info.detail}: ${showValue(info.raw)}`, { expected: null, found: info.raw });
}

/**
 * The error for a value of slot `k` that does not parse as its column's type.
 *
 * @example
 * valueError(options, survey, 0, 12, 'abc').message; // 'a.csv, line 12, column "v1": cannot read "abc" as Int32, ...'
 */
export function valueError(o: ResolvedOptions, s: Survey, k: number, line: number, field: string): CsvError {
  const slot = s.slots[k]!;
  const dtype: DataType = s.dtypes[k]!;
  const why =
    slot.forced !== null
      ? 'as dtypes asks'
      : `as inferred from the first ${s.sampled} records (raise inferSchemaLength or set dtypes: { ${JSON.stringify(slot.name)}: 'Utf8' })`;
  return new CsvError(o.file, line, slot.name, `cannot read ${showValue(field)} as ${dtype}, ${why}`, { expected: dtype, found: field });
}

function widthError(info: CsvErrorInfo, file: OpenFile, o: ResolvedOptions, newline: number): CsvError {
  const m = /expected (\d+) fields, found (\d+)/.exec(info.detail);
  if (m === null) throw new InternalError(`unexpected field-count detail: ${info.detail}`);
  return fieldCountError(o.file, lineAt(file, info.offset, newline), Number(m[1]), Number(m[2]));
}

/** The error of the record at `offset` when its width (or its quoting) is wrong, else null. */
function recordWidthError(offset: number, file: OpenFile, spec: CsvParseSpec): CsvErrorInfo | null {
  const widthOnly: CsvParseSpec = { ...spec, columns: spec.columns.map(() => ({ kind: 'skip' as const })), maxRows: 1 };
  const newline = spec.dialect.newline ?? 10;
  for (let want = BLOCK; ; want *= 4) {
    const bytes = readBytes(file, offset, offset + want);
    const whole = offset + bytes.length >= file.size;
    // without a newline the read may have cut the record short
    if (!whole && bytes.indexOf(newline) === -1) continue;
    const parsed = attemptParse(() => parseCsvRange(bytes, 0, bytes.length, widthOnly));
    if (parsed.ok) return null;
    const e = parsed.error;
    // a record cut by the read ends in an unclosed quote: read more of it
    if (e.kind === 'unterminated-quote' && !whole) continue;
    const at = e.at === undefined ? {} : { at: e.at + offset };
    return { ...e, offset: offset + e.offset, ...at };
  }
}

/**
 * The 1-based physical line of file offset `offset`: one plus the newlines before it, counted
 * from the start of the file on the thread that reports the error (errors are rare; counting
 * lines for every range would cost every read).
 *
 * @example
 * lineAt(file, 0); // 1
 */
export function lineAt(file: OpenFile, offset: number, newline = 10): number {
  let lines = 1;
  for (let at = 0; at < offset; at += BLOCK) {
    const bytes = readBytes(file, at, Math.min(offset, at + BLOCK));
    lines += countNewlines(bytes, 0, bytes.length, newline);
    if (bytes.length === 0) break;
  }
  return lines;
}
