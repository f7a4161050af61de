/** One record's fields as strings: the header, a record skipped by skipRows, the width of a file without a header. */
import { asciiText } from './ascii.js';
import { CsvParseError, rawText } from './errors.js';
import { skipComment } from './parse.js';
import { lineEnd, QuotedFieldReader } from './quoted.js';
import type { CsvDialect } from './spec.js';

const LF = 10;
const CR = 13;

// a BOM inside the data is a character of the value, not a mark to drop
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** A record read by readRecord: its fields and where the next record starts. */
export interface CsvRecord {
  /** The fields, unquoted; null when no record is left (only blank and comment lines). */
  readonly fields: string[] | null;
  /** Offset of the record's first byte (after the blank and comment lines before it). */
  readonly start: number;
  /** Offset just past the record's newline: where the next one starts. */
  readonly end: number;
}

/**
 * Read the record at or after `pos`, skipping blank and comment lines as parseCsvRange does, with
 * the same rules and the same errors (it uses the tokenizer's QuotedFieldReader and comment
 * rule). For the records read before the data is parsed (skipped rows, the header, the schema
 * sample, the records the delimiter is sniffed from), whose field count is what the caller wants
 * to learn, so they cannot go through parseCsvRange, which checks it.
 *
 * @example
 * const bytes = new TextEncoder().encode('"a,b",c\n1,2\n');
 * readRecord(bytes, 0, { delimiter: 44, quote: 34, comment: null }); // { fields: ['a,b', 'c'], start: 0, end: 8 }
 */
export function readRecord(bytes: Uint8Array, pos: number, dialect: CsvDialect): CsvRecord {
  const n = bytes.length;
  const quote = dialect.quote ?? -1;
  const nl = dialect.newline ?? LF;
  const stray = dialect.strayQuotes === true;
  const comment = dialect.comment !== null && dialect.comment.length > 0 ? dialect.comment : null;
  for (;;) {
    if (pos >= n) return { fields: null, start: n, end: n };
    if (comment !== null && startsWith(bytes, pos, comment)) {
      pos = skipComment(bytes, pos, dialect);
      continue;
    }
    const first = bytes[pos];
    if (first === nl) pos++;
    else if (first === CR && nl === LF && bytes[pos + 1] === LF) pos += 2;
    else break;
  }
  const record = pos;
  const quoted = new QuotedFieldReader(quote, dialect.delimiter, nl);
  const fields: string[] = [];
  for (;;) {
    let i: number;
    if (bytes[pos] === quote) {
      i = quoted.read(bytes, pos, true, record, fields.length);
      fields.push(text(quoted.buf, quoted.start, quoted.end));
    } else {
      i = pos;
      while (i < n && bytes[i] !== dialect.delimiter && bytes[i] !== nl && (stray || bytes[i] !== quote)) i++;
      if (i < n && bytes[i] === quote) {
        const raw = rawText(bytes, pos, lineEnd(bytes, i, nl));
        throw new CsvParseError({
          kind: 'unexpected-quote',
          offset: record,
          column: fields.length,
          raw,
          detail: 'quote inside an unquoted field',
        });
      }
      const fe = i < n && nl === LF && bytes[i] === LF && i > pos && bytes[i - 1] === CR ? i - 1 : i;
      fields.push(text(bytes, pos, fe));
    }
    if (i >= n) return { fields, start: record, end: n };
    pos = i + 1;
    if (bytes[i] !== dialect.delimiter) return { fields, start: record, end: pos };
  }
}

/** The text of bytes [start, end): short ASCII without a TextDecoder call, which costs more than the copy. */
function text(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 64) {
    let ascii = true;
    for (let k = start; k < end; k++) if (bytes[k]! >= 0x80) ascii = false;
    if (ascii) return asciiText(bytes, start, end);
  }
  return decoder.decode(bytes.subarray(start, end));
}

function startsWith(bytes: Uint8Array, pos: number, prefix: Uint8Array): boolean {
  if (pos + prefix.length > bytes.length) return false;
  for (let k = 0; k < prefix.length; k++) if (bytes[pos + k] !== prefix[k]) return false;
  return true;
}
