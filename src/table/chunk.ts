/** One chunk (morsel) of one column: a plain descriptor that crosses to workers as is. */
import type { DataType, Values } from '../types/dtype.js';
import { countNulls, getBit, sliceBitmap, toShared } from './buffers.js';

/**
 * A chunk of column values in Arrow layout. Only typed arrays over SharedArrayBuffer and numbers,
 * so `postMessage` shares the memory instead of copying it.
 *
 * `values` by type: Int32/Date/Utf8 codes → Int32Array; Float64 → Float64Array;
 * Int64/Timestamp → BigInt64Array; Boolean → bit-packed Uint8Array.
 * `validity` is an Arrow bitmap (bit set = valid), or null when every value is valid.
 */
export interface ChunkData {
  readonly length: number;
  readonly nullCount: number;
  readonly values: Values;
  readonly validity: Uint8Array | null;
}

export function isValidAt(c: ChunkData, i: number): boolean {
  return c.validity === null || getBit(c.validity, i);
}

/** Build a chunk, computing the null count and dropping an all-valid bitmap. */
export function makeChunk(values: Values, validity: Uint8Array | null, length: number): ChunkData {
  if (validity === null) return { length, nullCount: 0, values, validity: null };
  const nullCount = countNulls(validity, length);
  return { length, nullCount, values, validity: nullCount === 0 ? null : validity };
}

/** Rows [start, end) of a chunk. Zero-copy for byte-aligned data; bitmaps are copied when unaligned. */
export function sliceChunk(c: ChunkData, dtype: DataType, start: number, end: number): ChunkData {
  const len = Math.max(0, end - start);
  if (start === 0 && len === c.length) return c;
  const values: Values = dtype === 'Boolean' ? sliceBitmap(c.values as Uint8Array, start, len) : (c.values.subarray(start, end) as Values);
  const validity = c.validity === null ? null : sliceBitmap(c.validity, start, len);
  return makeChunk(values, validity, len);
}

/** A copy of a chunk whose buffers are in SharedArrayBuffer. */
export function shareChunk(c: ChunkData): ChunkData {
  return { ...c, values: toShared(c.values), validity: c.validity && toShared(c.validity) };
}
