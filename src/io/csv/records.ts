/** Walks the records of a CSV text with papaparse, giving each one's fields and physical line. */
import Papa from 'papaparse';
import type { Dialect } from './dialect.js';
import { CsvError } from './errors.js';

/**
 * Receives one record: its fields and the 1-based physical line where it starts.
 * Return `false` to stop the walk. The array is fresh per record but must not be kept.
 */
export type RecordVisitor = (fields: string[], line: number) => boolean;

/**
 * Characters handed to papaparse per call. Feeding slices keeps its working set small and lets
 * a walk that stops early (schema sampling, `nRows`) leave the rest of the text untouched.
 */
export const SLICE_CHARS = 1 << 20;

interface StepResult {
  data: string[][];
  errors: { code: string; index?: number }[];
  meta: { cursor: number };
}

/**
 * Visit every record of `text` in order, feeding papaparse `sliceChars` characters at a time.
 * Blank lines are skipped (a quoted empty field `""` alone on a line is a record); papaparse
 * drops comment lines. Quote errors become CsvErrors naming the line where the quote opened.
 *
 * Line numbers come from papaparse's cursor (the offset just past each record's terminator):
 * the newlines counted up to it give the line the record ends on, and subtracting the newlines
 * inside its fields gives the line it starts on, which also steps over comment lines before it.
 *
 * @example
 * forEachRecord('a,b\n"x\ny",2\n', dialect, '<string>', (f, line) => (console.log(line, f), true));
 * // 1 ['a', 'b']   then   2 ['x\ny', '2']
 */
export function forEachRecord(text: string, d: Dialect, file: string, visit: RecordVisitor, sliceChars = SLICE_CHARS): void {
  const nlCode = d.newline === '\r' ? 13 : 10;
  const nlChar = d.newline === '\r' ? '\r' : '\n';
  const quoteCode = d.quoteChar.charCodeAt(0);
  const nlLen = d.newline.length;
  let prevEnd = 0; // offset just past the previous record
  let linesBefore = 0; // newline characters in text[0, prevEnd)
  let nextNl = text.indexOf(nlChar); // the first newline character at or after prevEnd, cached
  let base = 0;
  let stopped = false;

  const step = (r: StepResult): void => {
    const fields = r.data[0]!;
    const end = r.meta.cursor;
    if (r.errors.length > 0) throw quoteError(r.errors[0]!);
    // after a final newline papaparse still emits an empty record of zero length
    if (end === prevEnd) return;
    let segment = 0;
    while (nextNl !== -1 && nextNl < end) {
      segment++;
      nextNl = text.indexOf(nlChar, nextNl + 1);
    }
    const terminated = end > 0 && text.charCodeAt(end - 1) === nlCode;
    const closing = terminated ? 1 : 0;
    const endLine = linesBefore + segment + 1 - closing;
    // more newlines than the terminator: comment lines before the record or newlines inside it
    const inside = segment > closing ? newlinesIn(fields, nlChar) : 0;
    linesBefore += segment;
    prevEnd = end;
    if (fields.length === 1 && fields[0] === '' && !quotedEmpty(end - closing * nlLen)) return;
    if (!visit(fields, endLine - inside)) {
      stopped = true;
      parser.abort();
    }
  };

  /**
   * A lone empty field is a record only when its line reads `""`; a blank line, or the empty tail
   * papaparse emits after a last comment line, is not.
   */
  const quotedEmpty = (contentEnd: number): boolean => {
    const open = contentEnd - 2;
    return (
      open >= 0 &&
      text.charCodeAt(open) === quoteCode &&
      text.charCodeAt(open + 1) === quoteCode &&
      (open === 0 || text.charCodeAt(open - 1) === nlCode)
    );
  };

  const quoteError = (e: { code: string; index?: number }): CsvError => {
    // papaparse reports the offset in the current slice just past the opening quote
    const open = base + (e.index ?? 1) - 1;
    const line = linesBefore + countNewlines(text, prevEnd, open, nlChar) + 1;
    const reason =
      e.code === 'MissingQuotes'
        ? 'unterminated quote: the quoted field opened on this line is never closed'
        : 'malformed quoted field opened on this line: text follows its closing quote before the next delimiter';
    return new CsvError(file, line, null, reason);
  };

  const parser = new Papa.Parser({
    delimiter: d.delimiter,
    newline: d.newline,
    quoteChar: d.quoteChar,
    comments: d.commentPrefix ?? false,
    // the quote-aware path is also the faster one on V8 (no split of the whole slice)
    fastMode: false,
    step,
  });

  let window = sliceChars;
  while (!stopped && base < text.length) {
    const end = Math.min(text.length, base + window);
    const last = end === text.length;
    // the last record of a slice may be cut; papaparse leaves it for the next slice
    const r = parser.parse(text.slice(base, end), base, !last) as StepResult;
    if (last) break;
    if (r.meta.cursor > base) {
      base = r.meta.cursor;
      window = sliceChars;
    } else window *= 2; // one record longer than the slice
  }
}

function newlinesIn(fields: readonly string[], nlChar: string): number {
  let n = 0;
  for (const f of fields) n += countNewlines(f, 0, f.length, nlChar);
  return n;
}

function countNewlines(s: string, from: number, to: number, nlChar: string): number {
  let n = 0;
  for (let i = s.indexOf(nlChar, from); i !== -1 && i < to; i = s.indexOf(nlChar, i + 1)) n++;
  return n;
}
