/** Sort keys as unsigned 32-bit words whose unsigned order is the wanted order of the values. */
import type { Vec } from '../vec.js';

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** Index of the low and high 32-bit halves of an 8-byte value in a Uint32Array view. */
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/**
 * Radix words (most significant first) of `key[perm[p]]` for every position p. Descending order
 * inverts the words. Null rows get all-zero words so that they keep their relative order; the
 * caller moves them to the front or back afterwards. f64 follows Polars' order: -0 equals 0,
 * every NaN is one value above +Infinity.
 */
export function keyWords(key: Vec, perm: Int32Array, descending: boolean): Uint32Array[] {
  const n = perm.length;
  const valid = key.valid;
  const v = key.values;
  if (key.kind === 'f64' || key.kind === 'i64') {
    const hi = new Uint32Array(n);
    const lo = new Uint32Array(n);
    const bits = new Uint32Array(v.buffer, v.byteOffset, v.length * 2);
    const flip = descending ? 0xffffffff : 0;
    if (key.kind === 'f64') {
      const x = v as Float64Array;
      for (let p = 0; p < n; p++) {
        const j = perm[p]!;
        if (valid !== null && valid[j] === 0) continue;
        const f = x[j]!;
        let h: number;
        let l: number;
        if (f !== f) {
          h = 0x7ff80000;
          l = 0;
        } else if (f === 0) {
          h = 0;
          l = 0;
        } else {
          h = bits[2 * j + HI]!;
          l = bits[2 * j + LO]!;
        }
        // Negative floats order backwards by their bits: invert them all; positives just gain the top bit.
        if (h & 0x80000000) {
          h = ~h;
          l = ~l;
        } else {
          h = h | 0x80000000;
        }
        hi[p] = h ^ flip;
        lo[p] = l ^ flip;
      }
    } else {
      for (let p = 0; p < n; p++) {
        const j = perm[p]!;
        if (valid !== null && valid[j] === 0) continue;
        hi[p] = bits[2 * j + HI]! ^ 0x80000000 ^ flip;
        lo[p] = bits[2 * j + LO]! ^ flip;
      }
    }
    return [hi, lo];
  }
  const w = new Uint32Array(n);
  if (key.kind === 'i32') {
    const x = v as Int32Array;
    // Flipping the sign bit maps signed order onto unsigned order; descending flips the rest too.
    const flip = descending ? 0x7fffffff : -0x80000000;
    for (let p = 0; p < n; p++) {
      const j = perm[p]!;
      if (valid !== null && valid[j] === 0) continue;
      w[p] = x[j]! ^ flip;
    }
  } else {
    const x = v as Uint8Array;
    const flip = descending ? 1 : 0;
    for (let p = 0; p < n; p++) {
      const j = perm[p]!;
      if (valid !== null && valid[j] === 0) continue;
      w[p] = x[j]! ^ flip;
    }
  }
  return [w];
}
