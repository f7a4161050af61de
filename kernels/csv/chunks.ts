/** Shared-memory buffers for output chunks: allocation up front, trimming and validity clean-up at the end. */
import { allocBytes, allocValues as allocVec } from '../alloc.js';
import type { VecKind } from '../vec.js';
import type { CsvChunk, CsvValueKind, CsvValues } from './spec.js';

/** The vector kind whose values array holds each CSV kind (booleans are bits, apart). */
const VEC_KIND: Record<Exclude<CsvValueKind, 'boolean'>, VecKind> = {
  int32: 'i32',
  date: 'i32',
  utf8: 'i32',
  float64: 'f64',
  int64: 'i64',
  timestamp: 'i64',
};

/**
 * Zeroed values for `n` rows of `kind`: in a SharedArrayBuffer for output chunks, in a plain
 * ArrayBuffer for the buffers a range is parsed into. Those are dropped once the chunk is sealed,
 * and V8 starts collections on plain ArrayBuffer memory but not on shared memory, so shared
 * working buffers would pile up in a thread that parses range after range.
 */
export function allocValues(kind: CsvValueKind, n: number, shared = true): CsvValues {
  return kind === 'boolean' ? allocBytes(Math.ceil(n / 8), shared) : allocVec(VEC_KIND[kind], n, shared);
}

/** An all-valid working bitmap for `n` rows (plain memory, see allocValues): parsing only clears the bits of nulls, which are rare. */
export function allocValidity(n: number): Uint8Array {
  return new Uint8Array(Math.ceil(n / 8)).fill(0xff);
}

/** The first `length` values in shared memory; a copy unless `values` already is exactly that, shared. */
function trimValues(kind: CsvValueKind, values: CsvValues, length: number): CsvValues {
  const wanted = kind === 'boolean' ? Math.ceil(length / 8) : length;
  if (values.length === wanted && values.buffer instanceof SharedArrayBuffer) return values;
  const out = allocValues(kind, length);
  // Each pair is the same typed array type, since both come from allocValues(kind).
  (out as Int32Array).set((values as Int32Array).subarray(0, wanted));
  return out;
}

/**
 * Seals one chunk: trims a partly filled last chunk, drops the bitmap when nothing is null,
 * and zeroes bitmap bits past `length` as Arrow recommends.
 */
export function finishChunk(kind: CsvValueKind, values: CsvValues, validity: Uint8Array, length: number, nullCount: number): CsvChunk {
  const vals = trimValues(kind, values, length);
  if (nullCount === 0) return { length, nullCount, values: vals, validity: null };
  const bytes = Math.ceil(length / 8);
  let bits = validity;
  if (validity.length !== bytes || !(validity.buffer instanceof SharedArrayBuffer)) {
    bits = new Uint8Array(new SharedArrayBuffer(bytes));
    bits.set(validity.subarray(0, bytes));
  }
  if (length % 8 !== 0) bits[bytes - 1]! &= (1 << (length % 8)) - 1;
  return { length, nullCount, values: vals, validity: bits };
}
