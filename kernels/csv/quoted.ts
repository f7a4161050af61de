/** Quoted fields: find the closing quote, check what follows it, and unescape doubled quotes. */
import { CsvParseError, rawText } from './errors.js';
import { keepShape } from '../keep-shape.js';

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** End of the line holding `from` (ended by `newline`), without a CR: the text shown in an error. */
export function lineEnd(bytes: Uint8Array, from: number, newline = LF): number {
  const lf = bytes.indexOf(newline, from);
  const end = lf === -1 ? bytes.length : lf;
  return end > from && bytes[end - 1] === CR ? end - 1 : end;
}

/**
 * Reads quoted fields. After read(), the content is bytes [start, end) of `buf`: the input itself,
 * or a scratch copy when doubled quotes had to be collapsed.
 */
export class QuotedFieldReader {
  buf: Uint8Array;
  start = 0;
  end = 0;
  private scratch = new Uint8Array(256);

  constructor(
    private readonly quote: number,
    private readonly delimiter: number,
    /** The byte that ends a record (see CsvDialect.newline). */
    private readonly newline: number = LF,
  ) {
    this.buf = this.scratch;
  }

  /**
   * Reads the field whose opening quote is at bytes[pos] and returns the offset of the byte that
   * ends it (a delimiter, a newline, or bytes.length). `unescapeQuotes` false skips the copy for fields
   * nobody reads. `record` and `column` only feed error reports.
   */
  read(bytes: Uint8Array, pos: number, unescapeQuotes: boolean, record: number, column: number): number {
    const quote = this.quote;
    const n = bytes.length;
    let escaped = false;
    let close = bytes.indexOf(quote, pos + 1);
    while (close !== -1 && bytes[close + 1] === quote) {
      escaped = true;
      close = bytes.indexOf(quote, close + 2);
    }
    if (close === -1) {
      throw new CsvParseError({
        kind: 'unterminated-quote',
        offset: record,
        column,
        raw: rawText(bytes, pos, n),
        detail: 'quoted field never closes',
        at: pos,
      });
    }
    let p = close + 1;
    // blanks between a closing quote and the delimiter or newline are dropped, as spreadsheets do
    while (p < n && (bytes[p] === SPACE || bytes[p] === TAB) && bytes[p] !== this.delimiter) p++;
    if (p < n) {
      const b = bytes[p];
      const nl = this.newline;
      if (nl === LF && b === CR && bytes[p + 1] === LF) p++;
      else if (b !== this.delimiter && b !== nl) {
        const raw = rawText(bytes, pos, lineEnd(bytes, p, nl));
        throw new CsvParseError({ kind: 'unexpected-quote', offset: record, column, raw, detail: 'text after a closing quote', at: pos });
      }
    }
    this.buf = bytes;
    this.start = pos + 1;
    this.end = close;
    if (escaped && unescapeQuotes) this.collapse(bytes, pos + 1, close);
    return p;
  }

  /** Copies bytes [from, to) into scratch with each doubled quote collapsed to one. */
  private collapse(bytes: Uint8Array, from: number, to: number): void {
    if (this.scratch.length < to - from) this.scratch = new Uint8Array(2 * (to - from));
    const scratch = this.scratch;
    const quote = this.quote;
    let len = 0;
    for (let k = from; k < to; k++) {
      const b = bytes[k]!;
      scratch[len++] = b;
      if (b === quote) k++;
    }
    this.buf = scratch;
    this.start = 0;
    this.end = len;
  }
}

// a reader lives one range (see keepShape)
keepShape(new QuotedFieldReader(34, 44));
