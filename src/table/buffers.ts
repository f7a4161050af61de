/** Allocation of typed arrays in SharedArrayBuffer, so workers read them without copies. */
import type { DataType, Values } from '../types/dtype.js';

/** Rows per chunk (morsel) unless a caller asks otherwise. Independent of the thread count. */
export const DEFAULT_CHUNK_SIZE = 65_536;

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

/** A zeroed values array for `n` rows of `dtype`. */
export function allocValues(dtype: DataType, n: number): Values {
  switch (dtype) {
    case 'Int32':
    case 'Date':
    case 'Utf8':
      return sharedInt32(n);
    case 'Float64':
      return sharedFloat64(n);
    case 'Int64':
    case 'Timestamp':
      return sharedBigInt64(n);
    case 'Boolean':
      return sharedBitmap(n);
  }
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
