/** Allocation of typed arrays in SharedArrayBuffer, so workers read them without copies. */
import { allocValues as allocVec } from '../../kernels/alloc.js';
import type { VecKind } from '../../kernels/vec.js';
import type { DataType, Values } from '../types/dtype.js';

/** The vector kind whose values array holds each data type (booleans are bits, apart). */
const VEC_KIND: Record<Exclude<DataType, 'Boolean'>, VecKind> = {
  Int32: 'i32',
  Date: 'i32',
  Utf8: 'i32',
  Float64: 'f64',
  Int64: 'i64',
  Timestamp: 'i64',
};
export { DEFAULT_CHUNK_SIZE } from '../../kernels/tuning.js';

export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(0, n) * 4));
}

export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(0, n) * 8));
}

export function sharedBigInt64(n: number): BigInt64Array {
  return new BigInt64Array(new SharedArrayBuffer(Math.max(0, n) * 8));
}

/** Bytes for `n` bits, zero-filled. */
export function sharedBitmap(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(Math.ceil(Math.max(0, n) / 8)));
}

export function sharedBytes(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(Math.max(0, n)));
}

/**
 * A zeroed values array for `n` rows of `dtype`, in shared memory (booleans as bits), through the
 * one allocation helper.
 *
 * @example
 * allocValues('Float64', 3); // Float64Array [0, 0, 0] over a SharedArrayBuffer
 */
export function allocValues(dtype: DataType, n: number): Values {
  return dtype === 'Boolean' ? sharedBitmap(n) : allocVec(VEC_KIND[dtype], Math.max(0, n), true);
}

/** Copy any typed array into shared memory (no-op when it already is shared). */
export function toShared<T extends Values>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const C = a.constructor as { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = new C(new SharedArrayBuffer(a.length * C.BYTES_PER_ELEMENT));
  (out as unknown as { set(x: T): void }).set(a);
  return out;
}

export function getBit(bitmap: Uint8Array, i: number): boolean {
  return ((bitmap[i >> 3]! >> (i & 7)) & 1) === 1;
}

export function setBit(bitmap: Uint8Array, i: number, on: boolean): void {
  if (on) bitmap[i >> 3]! |= 1 << (i & 7);
  else bitmap[i >> 3]! &= ~(1 << (i & 7));
}

/** Copy bits [start, start+len) of `src` into a new bitmap starting at bit 0. */
export function sliceBitmap(src: Uint8Array, start: number, len: number): Uint8Array {
  const out = sharedBitmap(len);
  if ((start & 7) === 0) {
    out.set(src.subarray(start >> 3, (start >> 3) + out.length));
    const extra = len & 7;
    if (extra) out[out.length - 1]! &= (1 << extra) - 1;
    return out;
  }
  for (let i = 0; i < len; i++) if (getBit(src, start + i)) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

/** Number of zero bits among the first `len` bits. */
export function countNulls(bitmap: Uint8Array, len: number): number {
  let valid = 0;
  const full = len >> 3;
  for (let i = 0; i < full; i++) valid += POPCOUNT[bitmap[i]!]!;
  for (let i = full << 3; i < len; i++) if (getBit(bitmap, i)) valid++;
  return len - valid;
}

const POPCOUNT = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();
