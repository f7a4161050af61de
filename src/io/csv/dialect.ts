/** Dialect detection: which newline and delimiter a CSV input uses, judged from its first records by the tokenizer. */
import { attemptParse } from '../../../kernels/csv/errors.js';
import { readRecord } from '../../../kernels/csv/record.js';
import type { CsvDialect } from '../../../kernels/csv/spec.js';
import type { ResolvedOptions } from './resolve.js';

/** Delimiters tried when none is given, in order of preference on a tie. */
export const CANDIDATE_DELIMITERS: readonly string[] = [',', ';', '\t', '|'];

/** Bytes of the input examined by the sniffers: enough for dozens of wide records. */
export const SAMPLE_BYTES = 64 * 1024;
/** Records compared when sniffing the delimiter. */
const SAMPLE_RECORDS = 20;

const LF = 10;
const CR = 13;
const encoder = new TextEncoder();

/**
 * The dialect of `bytes` from `start` (past any BOM): the delimiter given in the options or
 * sniffed, the newline in use, the quote and comment prefix. Stray quotes are data here: the
 * sniffing, header and schema sample read records one after another, never split by quote
 * parity. `truncated` says the bytes are a prefix of the input (cut after a newline).
 *
 * @example
 * detectDialect(bytes, 0, false, resolveOptions({}, '<string>')).delimiter; // 0x3b for 'a;b\n1;2\n'
 */
export function detectDialect(bytes: Uint8Array, start: number, truncated: boolean, o: ResolvedOptions): CsvDialect {
  const quote = o.quoteChar.charCodeAt(0);
  const newline = detectNewline(bytes, start, quote);
  const base = { quote, comment: o.commentPrefix === null ? null : encoder.encode(o.commentPrefix), newline, strayQuotes: true };
  const delimiter = o.delimiter ?? detectDelimiter(bytes, start, truncated, base, o);
  return { ...base, delimiter: delimiter.charCodeAt(0) };
}

/**
 * The first record terminator outside quotes decides: LF (also for CRLF), or CR when a CR is not
 * followed by an LF; LF when the sample holds none.
 *
 * @example
 * detectNewline(new TextEncoder().encode('"x\ny"\r1'), 0, 0x22); // 13
 */
export function detectNewline(bytes: Uint8Array, start: number, quote: number): number {
  const end = Math.min(bytes.length, start + SAMPLE_BYTES);
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === quote) quoted = !quoted;
    else if (!quoted && c === LF) return LF;
    else if (!quoted && c === CR) return bytes[i + 1] === LF ? LF : CR;
  }
  return LF;
}

/**
 * Sniff the delimiter: the candidate that splits the first records (after `skipRows`) into the
 * same number of fields most often wins, then the one giving more fields. Input with no candidate
 * splitting it is read as one column with `,`.
 *
 * @example
 * detectDelimiter(bytes, 0, false, dialect, resolveOptions({}, '<string>')); // '|' for 'a|b\n1|2\n'
 */
export function detectDelimiter(
  bytes: Uint8Array,
  start: number,
  truncated: boolean,
  d: Omit<CsvDialect, 'delimiter'>,
  o: ResolvedOptions,
): string {
  const sample =
    bytes.length - start > SAMPLE_BYTES ? bytes.subarray(0, cutAfterNewline(bytes, start + SAMPLE_BYTES, d.newline ?? LF)) : bytes;
  const cut = truncated || sample.length < bytes.length;
  let best = ',';
  let bestScore = [0, 0];
  for (const delimiter of CANDIDATE_DELIMITERS) {
    if (delimiter === o.quoteChar || delimiter === o.commentPrefix) continue;
    const counts = fieldCounts(sample, start, cut, { ...d, delimiter: delimiter.charCodeAt(0) }, o.skipRows);
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

/** Offset just past the last newline before `at` (the whole prefix when there is none). */
function cutAfterNewline(bytes: Uint8Array, at: number, newline: number): number {
  const i = bytes.lastIndexOf(newline, at - 1);
  return i === -1 ? at : i + 1;
}

/** Field counts of the first sampled records; a record the sample cuts (or that does not parse) ends the count. */
function fieldCounts(bytes: Uint8Array, start: number, cut: boolean, d: CsvDialect, skipRows: number): number[] {
  const counts: number[] = [];
  let skip = skipRows;
  let pos = start;
  while (counts.length < SAMPLE_RECORDS) {
    const read = attemptParse(() => readRecord(bytes, pos, d));
    if (!read.ok) break;
    const r = read.value;
    if (r.fields === null) break;
    // the last record of a cut sample may be incomplete
    if (cut && r.end >= bytes.length && bytes[bytes.length - 1] !== (d.newline ?? LF)) break;
    pos = r.end;
    // a lone empty field (`""`) says nothing of the delimiter
    if (r.fields.length === 1 && r.fields[0] === '') continue;
    if (skip > 0) skip--;
    else counts.push(r.fields.length);
  }
  return counts;
}
