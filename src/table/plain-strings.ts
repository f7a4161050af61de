/** The keyed form of a plain Utf8 column: each distinct string one code, numbered in order of first appearance. */
import { ByteDictionary } from '../../kernels/csv/dictionary.js';
import { getBit, sharedInt32 } from './buffers.js';
import type { ChunkData } from './chunk.js';
import { Dictionary, type EncodedSegment } from './dictionary.js';

/**
 * Key a plain column (codes into `plain`, a dictionary whose strings may repeat): each row's
 * bytes are interned, in row order, into a dictionary of distinct byte strings, and the rows get
 * its codes in new shared chunks (null rows code 0; validity shared). The result is what a
 * dictionary-encoded read of the same rows gives: strings numbered in order of first appearance.
 * It costs a hash lookup per row on the calling thread, the cost a plain read skipped, paid once
 * per column and only by a query that compares its codes.
 *
 * @example
 * const { chunks, dictionary } = keyPlainStrings(column.stored.chunks, column.stored.dictionary!);
 */
export function keyPlainStrings(chunks: readonly ChunkData[], plain: Dictionary): { chunks: ChunkData[]; dictionary: Dictionary } {
  const segments = plain.encodedSegments;
  const distinct = new ByteDictionary();
  let rows = 0;
  for (const c of chunks) rows += c.length - c.nullCount;
  let seen = 0;
  let reserved = false;
  let seg: EncodedSegment | undefined = segments[0];
  const out = chunks.map((c): ChunkData => {
    // a column read plain looked near-unique in the reader's sample, but may repeat over the
    // whole file (the 1e8-row H2O id3: 1e6 strings in 1e8 rows). After a chunk's worth of rows,
    // room for as many strings as those rows suggest the column holds, at once instead of a
    // rehash per doubling (reserving for every row had mapped an 8 GB table for those 1e6
    // strings, and keying took 63 s)
    if (!reserved && seen >= KEYING_SAMPLE_ROWS) {
      reserved = true;
      distinct.reserve(Math.min(rows, plain.size, expectedDistinct(seen, distinct.size, rows)));
    }
    seen += c.length - c.nullCount;
    const raw = c.values as Int32Array;
    const codes = sharedInt32(c.length);
    const validity = c.validity;
    for (let i = 0; i < c.length; i++) {
      if (validity !== null && !getBit(validity, i)) continue;
      const code = raw[i]!;
      if (seg === undefined || code < seg.first || code >= seg.first + seg.offsets.length - 1) seg = segmentOf(segments, code);
      const at = code - seg.first;
      codes[i] = distinct.intern(seg.bytes, seg.offsets[at]!, seg.offsets[at + 1]!);
    }
    return { length: c.length, nullCount: c.nullCount, values: codes, validity };
  });
  const dictionary = new Dictionary();
  if (distinct.size === 0 || distinct.asciiFrom(0)) {
    // distinct ASCII byte strings are distinct strings, made when the values are first read
    dictionary.appendLater(distinct.size, () => distinct.values);
    return { chunks: out, dictionary };
  }
  // invalid UTF-8 decodes two byte strings to one string (U+FFFD): number them by string
  const remap = Int32Array.from(distinct.values, (v) => dictionary.intern(v));
  for (const c of out) {
    const codes = c.values as Int32Array;
    for (let i = 0; i < c.length; i++) codes[i] = remap[codes[i]!]!;
  }
  return { chunks: out, dictionary };
}

/** Rows keyed before estimating how many strings the column holds. */
const KEYING_SAMPLE_ROWS = 1 << 16;

/**
 * About how many distinct strings `rows` rows hold, from `d` distinct among the first `n`: the
 * D for which n draws among D equally likely values meet D(1 - e^(-n/D)) distinct ones, found by
 * bisection, plus a quarter. Rows nearly all distinct so far (d > 99.9% of n) are taken to stay
 * so. A guess for a reservation only: the table still grows if the column holds more.
 *
 * @example
 * expectedDistinct(65_536, 63_500, 1e8); // about 1.3e6: the 1e8-row H2O id3 holds 1e6
 */
export function expectedDistinct(n: number, d: number, rows: number): number {
  if (d >= 0.999 * n) return rows;
  const seen = (D: number): number => D * -Math.expm1(-n / D);
  let lo = d;
  let hi = rows;
  for (let k = 0; k < 60 && hi - lo > 1; k++) {
    const mid = (lo + hi) / 2;
    if (seen(mid) < d) lo = mid;
    else hi = mid;
  }
  return Math.min(rows, Math.ceil(hi * 1.25));
}

/** The segment holding `code` (segments are in code order, each starting where the last ended). */
function segmentOf(segments: readonly EncodedSegment[], code: number): EncodedSegment {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (segments[mid]!.first <= code) lo = mid;
    else hi = mid - 1;
  }
  return segments[lo]!;
}
