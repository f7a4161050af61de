/** 32-bit hashing of group-key words: one function for every path, so partial and merge tables agree. */

/**
 * Hash `width` consecutive 32-bit words starting at `offset` (murmur3-style mixing and finalizer).
 * Top bits pick the merge bucket and low bits the table slot, so the finalizer must mix both well.
 *
 * @example
 * const w = new Int32Array([7, 3]);
 * hashWords(w, 0, 2) === hashWords(new Int32Array([7, 3]), 0, 2); // true
 */
export function hashWords(words: Int32Array, offset: number, width: number): number {
  let h = 0x3c6ef372 ^ width;
  for (let w = 0; w < width; w++) {
    let k = Math.imul(words[offset + w]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix(h);
}

/** Hash of a single word; equal to `hashWords([word], 0, 1)`. */
export function hashWord(word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  let h = 0x3c6ef372 ^ 1 ^ Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  return fmix(h);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Bits of the hash that choose a merge bucket. Fixed, so partitioning never depends on the thread count. */
export const BUCKET_BITS = 6;
/** Number of merge buckets (`2^BUCKET_BITS`). */
export const BUCKETS = 1 << BUCKET_BITS;

/** The merge bucket of a hash: its top bits (table slots use the low bits, so the two stay independent). */
export function bucketOf(hash: number): number {
  return hash >>> (32 - BUCKET_BITS);
}
