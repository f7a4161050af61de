/** Dialect detection: which newline and delimiter a CSV text uses, judged from its first records. */
import Papa from 'papaparse';
import type { ResolvedOptions } from './resolve.js';

/** How records and fields are separated in one text. */
export interface Dialect {
  readonly delimiter: string;
  readonly newline: '\n' | '\r\n' | '\r';
  readonly quoteChar: string;
  readonly commentPrefix: string | null;
}

/** Delimiters tried when none is given, in order of preference on a tie. */
export const CANDIDATE_DELIMITERS: readonly string[] = [',', ';', '\t', '|'];

/** Characters of text examined by the sniffers: enough for dozens of wide records. */
export const SAMPLE_CHARS = 64 * 1024;
/** Records compared when sniffing the delimiter. */
const SAMPLE_RECORDS = 20;

/**
 * The dialect of `text`: the delimiter given in the options or sniffed, and the newline in use.
 *
 * @example
 * detectDialect('a;b\r\n1;2\r\n', resolveOptions({}, '<string>')).delimiter; // ';'
 */
export function detectDialect(text: string, o: ResolvedOptions): Dialect {
  const newline = detectNewline(text, o.quoteChar);
  const delimiter = o.delimiter ?? detectDelimiter(text, newline, o);
  return { delimiter, newline, quoteChar: o.quoteChar, commentPrefix: o.commentPrefix };
}

/**
 * The first record terminator outside quotes decides: `\r\n`, `\r` or `\n` (the default).
 *
 * @example
 * detectNewline('"x\ny"\r\n1', '"'); // '\r\n'
 */
export function detectNewline(text: string, quoteChar: string): Dialect['newline'] {
  const q = quoteChar.charCodeAt(0);
  const end = Math.min(text.length, SAMPLE_CHARS);
  let quoted = false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === q) quoted = !quoted;
    else if (!quoted && c === 10) return '\n';
    else if (!quoted && c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

/**
 * Sniff the delimiter: the candidate that splits the first records (after `skipRows`) into the
 * same number of fields most often wins, then the one giving more fields. Text with no candidate
 * splitting it is read as one column with `,`.
 *
 * @example
 * detectDelimiter('a|b\n1|2\n', '\n', resolveOptions({}, '<string>')); // '|'
 */
export function detectDelimiter(text: string, newline: Dialect['newline'], o: ResolvedOptions): string {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const truncated = sample.length < text.length;
  let best = ',';
  let bestScore = [0, 0];
  for (const delimiter of CANDIDATE_DELIMITERS) {
    if (delimiter === o.quoteChar || delimiter === o.commentPrefix) continue;
    const counts = fieldCounts(sample, truncated, { delimiter, newline, quoteChar: o.quoteChar, commentPrefix: o.commentPrefix }, o.skipRows);
    const first = counts[0] ?? 1;
    if (first < 2) continue;
    const score = [counts.filter((n) => n === first).length, first];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Field counts of the first sampled records, blank lines left out. */
function fieldCounts(sample: string, truncated: boolean, d: Dialect, skipRows: number): number[] {
  const counts: number[] = [];
  let skip = skipRows;
  const parser = new Papa.Parser({
    delimiter: d.delimiter,
    newline: d.newline,
    quoteChar: d.quoteChar,
    comments: d.commentPrefix ?? false,
    fastMode: false,
    step: (r: { data: string[][] }) => {
      const fields = r.data[0]!;
      if (fields.length === 1 && fields[0] === '') return;
      if (skip > 0) skip--;
      else counts.push(fields.length);
      if (counts.length >= SAMPLE_RECORDS) parser.abort();
    },
  });
  // a cut sample ends in a partial record, which would skew the counts
  parser.parse(sample, 0, truncated);
  return counts;
}
