/** Exact, quote-aware record boundaries for splitting a CSV file into byte ranges parsed independently. */
import { KernelInvariantError } from '../errors.js';
import { countByte } from './find-byte.js';
import type { CsvDialect } from './spec.js';

const LF = 10;

/**
 * Number of quote bytes in bytes [start, end); 0 when quoting is off.
 *
 * Every quote byte toggles the quoted state (a doubled `""` toggles twice), so the parity of the
 * count over everything before an offset says whether that offset lies inside a quoted field.
 * Each range counts its own bytes; the caller prefix-sums the counts.
 */
export function countQuotes(bytes: Uint8Array, start: number, end: number, quote: number | null): number {
  return quote === null ? 0 : countByte(bytes, start, end, quote);
}

/**
 * The first record start at or after `from`: `from` itself when it is 0 or follows an LF outside
 * quotes, otherwise the offset just after the first LF outside quotes at or after `from`
 * (a CRLF ends in LF, so it is covered). Returns bytes.length when no record starts there.
 *
 * @param inQuotes whether `from` lies inside a quoted field: an odd number of quote bytes before it.
 * @example
 * // range [s, e) owns the records starting in [s, e); it parses from recordStart(s) to recordStart(e)
 * findRecordStart(bytes, s, countQuotes(bytes, 0, s, 0x22) % 2 === 1, dialect);
 */
export function findRecordStart(bytes: Uint8Array, from: number, inQuotes: boolean, dialect: CsvDialect): number {
  const n = bytes.length;
  if (from <= 0) return 0;
  if (from >= n) return n;
  const nl = dialect.newline ?? LF;
  if (!inQuotes && bytes[from - 1] === nl) return from;
  const quote = dialect.quote;
  if (quote === null) {
    const i = bytes.indexOf(nl, from);
    return i === -1 ? n : i + 1;
  }
  let quoted = inQuotes;
  for (let i = from; i < n; i++) {
    const b = bytes[i];
    if (b === quote) quoted = !quoted;
    else if (b === nl && !quoted) return i + 1;
  }
  return n;
}

/** The records one byte range owns: parse bytes [start, end). Empty when start === end. */
export interface RecordRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Exact record ranges for byte ranges that begin at `starts` (ascending) and run to the next
 * start or the end of `bytes`. Does, over one buffer, what a parallel scan does across workers:
 * count quotes per range, prefix-sum the counts, find each range's first record start. The
 * records a range owns are those starting in it, so consecutive record ranges tile the input.
 *
 * @example
 * recordRanges(bytes, [headerEnd, 4 << 20, 8 << 20], dialect);
 * // → [{ start: headerEnd, end: r1 }, { start: r1, end: r2 }, { start: r2, end: bytes.length }]
 */
export function recordRanges(bytes: Uint8Array, starts: readonly number[], dialect: CsvDialect): RecordRange[] {
  const n = bytes.length;
  const bounds: number[] = [];
  let quotes = 0;
  let prev = 0;
  for (const s of starts) {
    if (!(s >= prev && s <= n)) throw new KernelInvariantError(`range starts must ascend within [0, ${n}], got ${s} after ${prev}`);
    quotes += countQuotes(bytes, prev, s, dialect.quote);
    bounds.push(findRecordStart(bytes, s, quotes % 2 === 1, dialect));
    prev = s;
  }
  return bounds.map((start, i) => ({ start, end: bounds[i + 1] ?? n }));
}
