/** Chunk conversions for combining frames: upcasts, null fills, code rewrites and row-range copies, into shared memory. */
import { InternalError } from '../errors.js';
import type { DataType } from '../types/dtype.js';
import { allocValues, getBit, setBit, sharedBitmap } from './buffers.js';
import { type ChunkData, makeChunk, sliceChunk } from './chunk.js';
import { Column } from './column.js';

/**
 * A chunk's values widened from `from` to `to` (Int32 → Int64, Int32/Int64 → Float64) in new
 * shared memory; the validity bitmap is immutable, so it is shared. The same type is the chunk itself.
 *
 * @example
 * upcastChunk(chunk, 'Int32', 'Float64').values; // Float64Array over a SharedArrayBuffer
 */
export function upcastChunk(c: ChunkData, from: DataType, to: DataType): ChunkData {
  if (from === to) return c;
  const n = c.length;
  const out = allocValues(to, n);
  if (to === 'Float64' && (from === 'Int32' || from === 'Int64')) {
    const o = out as Float64Array;
    const s = c.values as Int32Array | BigInt64Array;
    for (let i = 0; i < n; i++) o[i] = Number(s[i]!);
  } else if (to === 'Int64' && from === 'Int32') {
    const o = out as BigInt64Array;
    const s = c.values as Int32Array;
    for (let i = 0; i < n; i++) o[i] = BigInt(s[i]!);
  } else {
    throw new InternalError(`no chunk upcast from ${from} to ${to}`);
  }
  return { length: n, nullCount: c.nullCount, values: out, validity: c.validity };
}

/**
 * A chunk of `n` nulls of `dtype` (zeroed values, an all-zero bitmap), in shared memory.
 *
 * @example
 * nullChunk('Utf8', 3).nullCount; // 3
 */
export function nullChunk(dtype: DataType, n: number): ChunkData {
  return makeChunk(allocValues(dtype, n), sharedBitmap(n), n);
}

/**
 * A Utf8 chunk with each code `k` rewritten to `table[k]` (the code of the same string in another
 * dictionary): one array lookup per row, no string decoded. Null rows get code 0.
 *
 * @example
 * remapCodes(chunk, Int32Array.of(2, 0, 1)); // codes 0,1,2 become 2,0,1
 */
export function remapCodes(c: ChunkData, table: Int32Array): ChunkData {
  const n = c.length;
  const codes = c.values as Int32Array;
  const out = allocValues('Utf8', n) as Int32Array;
  const v = c.validity;
  for (let i = 0; i < n; i++) out[i] = v === null || getBit(v, i) ? table[codes[i]!]! : 0;
  return { length: n, nullCount: c.nullCount, values: out, validity: v };
}

/** Rows [lo, hi) of a column as one new chunk; rows at or past the column's end are null. */
function copyRange(col: Column, lo: number, hi: number): ChunkData {
  const n = hi - lo;
  const values = allocValues(col.dtype, n);
  const validity = sharedBitmap(n);
  const bool = col.dtype === 'Boolean';
  let base = 0;
  for (const c of col.chunks) {
    const a = Math.max(lo, base);
    const b = Math.min(hi, base + c.length);
    if (a < b) {
      // values in bulk (nulls' slots hold whatever the source held); bits one by one
      if (!bool) (values as Int32Array).set(c.values.subarray(a - base, b - base) as Int32Array, a - lo);
      for (let r = a; r < b; r++) {
        const j = r - base;
        if (c.validity !== null && !getBit(c.validity, j)) continue;
        setBit(validity, r - lo, true);
        if (bool && getBit(c.values as Uint8Array, j)) setBit(values as Uint8Array, r - lo, true);
      }
    }
    base += c.length;
  }
  return makeChunk(values, validity, n);
}

/** Rows [lo, hi) as one chunk: a zero-copy slice when they lie in one chunk, else a copy. */
function rangeChunk(col: Column, lo: number, hi: number): ChunkData {
  let base = 0;
  for (const c of col.chunks) {
    if (lo >= base && hi <= base + c.length) return sliceChunk(c, col.dtype, lo - base, hi - base);
    if (lo < base + c.length) break;
    base += c.length;
  }
  return copyRange(col, lo, hi);
}

/**
 * The chunk lengths of a column.
 *
 * @example
 * chunkLengths(col); // [65536, 65536, 1200]
 */
export function chunkLengths(col: Column): number[] {
  return col.chunks.map((c) => c.length);
}

/**
 * The column cut into chunks of the given lengths (whose sum may exceed its length: the rows past
 * its end are null). A column already cut that way is returned as is, and a target chunk that lies
 * inside one source chunk is a slice of it, so only chunks that straddle a boundary are copied.
 *
 * @example
 * relayout(col, [2, 2]).chunks.map((c) => c.length); // [2, 2]
 */
export function relayout(col: Column, lengths: readonly number[]): Column {
  const same = col.chunks.length === lengths.length && col.chunks.every((c, i) => c.length === lengths[i]);
  if (same) return col;
  const out: ChunkData[] = [];
  let lo = 0;
  for (const len of lengths) {
    const hi = lo + len;
    out.push(hi <= col.length ? rangeChunk(col, lo, hi) : copyRange(col, lo, hi));
    lo = hi;
  }
  return new Column(col.name, col.dtype, out, col.dictionary);
}
