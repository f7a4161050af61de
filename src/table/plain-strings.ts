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
  // a plain column's strings are nearly all distinct: room for them at once, not a rehash per doubling
  distinct.reserve(Math.min(rows, plain.size));
  let seg: EncodedSegment | undefined = segments[0];
  const out = chunks.map((c): ChunkData => {
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
