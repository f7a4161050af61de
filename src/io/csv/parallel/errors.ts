/** Kernel parse errors (a kind and a file offset) to the CsvErrors the string reader throws for the same file. */
import { countNewlines } from '../../../../kernels/csv/lines.js';
import { CsvParseError, type CsvErrorInfo } from '../../../../kernels/csv/errors.js';
import { parseCsvRange } from '../../../../kernels/csv/parse.js';
import type { CsvParseSpec } from '../../../../kernels/csv/spec.js';
import { fieldCountError, type CsvError } from '../errors.js';
import { valueError } from '../fill.js';
import type { ResolvedOptions } from '../resolve.js';
import type { Survey } from '../survey.js';
import { readBytes, type OpenFile } from './file.js';

/** Bytes read per step while counting lines, and the most of one record re-read to check its width. */
const BLOCK = 1 << 20;

/**
 * What a kernel error means for the read: a CsvError to throw, or `fallback` when the string
 * reader must decide. Quote errors are the fallback: the string reader reads a quote inside an
 * unquoted field as data, which the byte tokenizer refuses because range boundaries rely on every
 * quote byte toggling the quoted state; and only the string reader knows which line an unclosed
 * quote opened on.
 *
 * A bad value is reported as the string reader reports it, which checks a record's width before
 * its values: so the record is re-read, and a wrong field count wins over the value.
 *
 * @example
 * const e = kernelError(info, file, options, survey, spec);
 * if (e !== 'fallback') throw e;
 */
export function kernelError(info: CsvErrorInfo, file: OpenFile, o: ResolvedOptions, s: Survey, spec: CsvParseSpec): CsvError | 'fallback' {
  switch (info.kind) {
    case 'unterminated-quote':
    case 'unexpected-quote':
    case 'comment-quote':
      return 'fallback';
    case 'field-count':
      return widthError(info, file, o);
    case 'invalid-value': {
      if (!o.truncateRaggedLines) {
        const width = recordWidthError(info.offset, file, spec);
        if (width === 'fallback') return width;
        if (width !== null) return widthError(width, file, o);
      }
      const k = s.slots.findIndex((slot) => slot.index === info.column);
      return valueError(o, s, k, lineAt(file, info.offset), info.raw);
    }
  }
}

function widthError(info: CsvErrorInfo, file: OpenFile, o: ResolvedOptions): CsvError {
  const m = /expected (\d+) fields, found (\d+)/.exec(info.detail);
  if (m === null) throw new Error(`unexpected field-count detail: ${info.detail}`);
  return fieldCountError(o.file, lineAt(file, info.offset), Number(m[1]), Number(m[2]));
}

/** The field-count error of the record at `offset`, null when its width is right, `fallback` on a quote error. */
function recordWidthError(offset: number, file: OpenFile, spec: CsvParseSpec): CsvErrorInfo | null | 'fallback' {
  const widthOnly: CsvParseSpec = { ...spec, columns: spec.columns.map(() => ({ kind: 'skip' as const })), maxRows: 1 };
  for (let want = BLOCK; ; want *= 4) {
    const bytes = readBytes(file, offset, offset + want);
    const whole = offset + bytes.length >= file.size;
    // without a newline the read may have cut the record short
    if (!whole && bytes.indexOf(0x0a) === -1) continue;
    try {
      parseCsvRange(bytes, 0, bytes.length, widthOnly);
      return null;
    } catch (e) {
      if (!(e instanceof CsvParseError)) throw e;
      // a record cut by the read ends in an unclosed quote: read more of it
      if (e.info.kind === 'unterminated-quote' && !whole) continue;
      if (e.info.kind === 'field-count') return { ...e.info, offset: offset + e.info.offset };
      return 'fallback';
    }
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
export function lineAt(file: OpenFile, offset: number): number {
  let lines = 1;
  for (let at = 0; at < offset; at += BLOCK) {
    const bytes = readBytes(file, at, Math.min(offset, at + BLOCK));
    lines += countNewlines(bytes, 0, bytes.length);
    if (bytes.length === 0) break;
  }
  return lines;
}
