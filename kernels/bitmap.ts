/** Bitmaps: Arrow's bit-packed form (stored chunks) and the byte-per-row form kernels loop over. */

/**
 * Unpack `length` bits of an Arrow bitmap (LSB first) into one byte per row (0 or 1).
 *
 * @example
 * unpackBits(Uint8Array.of(0b101), 3); // Uint8Array [1, 0, 1]
 */
export function unpackBits(bitmap: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const full = length >> 3;
  // Whole bytes first: eight fixed shifts per byte keep the loop free of per-bit index math.
  for (let j = 0, i = 0; j < full; j++, i += 8) {
    const b = bitmap[j]!;
    out[i] = b & 1;
    out[i + 1] = (b >> 1) & 1;
    out[i + 2] = (b >> 2) & 1;
    out[i + 3] = (b >> 3) & 1;
    out[i + 4] = (b >> 4) & 1;
    out[i + 5] = (b >> 5) & 1;
    out[i + 6] = (b >> 6) & 1;
    out[i + 7] = (b >> 7) & 1;
  }
  for (let i = full << 3; i < length; i++) out[i] = (bitmap[i >> 3]! >> (i & 7)) & 1;
  return out;
}

/**
 * Pack a byte mask (0 or 1 per row) into an Arrow bitmap in a SharedArrayBuffer, because packed
 * bitmaps only exist to be stored in chunks that workers share. Bits past `length` are zero.
 *
 * @example
 * packBits(Uint8Array.of(1, 0, 1), 3); // Uint8Array [0b101]
 */
export function packBits(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer((length + 7) >> 3));
  const full = length >> 3;
  for (let j = 0, i = 0; j < full; j++, i += 8) {
    out[j] =
      bytes[i]! |
      (bytes[i + 1]! << 1) |
      (bytes[i + 2]! << 2) |
      (bytes[i + 3]! << 3) |
      (bytes[i + 4]! << 4) |
      (bytes[i + 5]! << 5) |
      (bytes[i + 6]! << 6) |
      (bytes[i + 7]! << 7);
  }
  let last = 0;
  for (let i = full << 3; i < length; i++) last |= bytes[i]! << (i & 7);
  if (length & 7) out[full] = last;
  return out;
}

/**
 * Rows valid in both masks. `null` means all valid, so two `null`s give `null` without allocating,
 * and one `null` returns the other mask itself (masks are never mutated after they are made).
 *
 * @example
 * andValidity(Uint8Array.of(1, 1, 0), Uint8Array.of(0, 1, 1), 3); // Uint8Array [0, 1, 0]
 */
export function andValidity(a: Uint8Array | null, b: Uint8Array | null, length: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/**
 * Number of zero bytes among the first `length` bytes of a byte mask (the null count of a
 * validity mask); 0 for `null`.
 *
 * @example
 * countZeros(Uint8Array.of(1, 0, 1, 0), 4); // 2
 */
export function countZeros(mask: Uint8Array | null, length: number): number {
  if (mask === null) return 0;
  let ones = 0;
  for (let i = 0; i < length; i++) ones += mask[i]!;
  return length - ones;
}
