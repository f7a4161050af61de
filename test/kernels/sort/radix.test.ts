/** The radix sort under argsort and the group-order steps: stable, by words, whatever bits the keys use. */
import { describe, expect, it } from 'vitest';
import { radixOrder } from '../../../kernels/sort/radix.js';
import { mulberry32 } from '../../differential/prng.js';

/** Positions ordered by the words, ties in position order: the reference. */
function reference(words: readonly Uint32Array[], n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  return order.sort((a, b) => {
    for (const w of words) if (w[a] !== w[b]) return w[a]! - w[b]!;
    return a - b;
  });
}

describe('radixOrder', () => {
  const rand = mulberry32(11);
  // small and large inputs (8- and 12-bit digits), keys using few bits, 24 bits (row numbers), all 32
  for (const n of [0, 1, 7, 1000, 40_000]) {
    for (const bits of [0, 3, 13, 24, 32]) {
      it(`${n} rows, one word of ${bits} bits, then two words`, () => {
        const word = (): Uint32Array => Uint32Array.from({ length: n }, () => (bits === 0 ? 0 : Math.floor(rand() * 2 ** bits) >>> 0));
        const one = [word()];
        expect(Array.from(radixOrder(one, n))).toEqual(reference(one, n));
        // few distinct high words, so ties on the first word are broken by the second
        const high = Uint32Array.from({ length: n }, () => Math.floor(rand() * 4));
        const two = [high, word()];
        expect(Array.from(radixOrder(two, n))).toEqual(reference(two, n));
      });
    }
  }
});
