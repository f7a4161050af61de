/** Bounds of integer key columns: what lets a key pack into a few bits or index states directly. */

/**
 * Min and max of the valid values of an Int32 chunk (Arrow bitmap validity), or null when it
 * holds none.
 *
 * @example
 * chunkBounds(Int32Array.of(5, -2, 9), null, 3); // [-2, 9]
 */
export function chunkBounds(values: Int32Array, validity: Uint8Array | null, length: number): [number, number] | null {
  let mn = 2147483647;
  let mx = -2147483648;
  let any = false;
  if (validity === null) {
    for (let i = 0; i < length; i++) {
      const x = values[i]!;
      if (x < mn) mn = x;
      if (x > mx) mx = x;
    }
    any = length > 0;
  } else {
    for (let i = 0; i < length; i++) {
      if (((validity[i >> 3]! >> (i & 7)) & 1) === 0) continue;
      const x = values[i]!;
      if (x < mn) mn = x;
      if (x > mx) mx = x;
      any = true;
    }
  }
  return any ? [mn, mx] : null;
}
