/** Stable LSD radix sort by 32-bit words, skipping passes where every row shares the digit. */

/**
 * Positions 0..n-1 ordered by `words` (most significant word first, unsigned), ties kept in
 * position order. All digit histograms come from one scan; a pass whose digit is the same for all
 * rows (the high bytes of small integers) moves nothing and is skipped. Large inputs use 11-bit
 * digits (three passes per word instead of four); small ones 8-bit digits, whose histograms are
 * cheaper to clear and sum.
 *
 * @example
 * radixOrder([Uint32Array.of(3, 1, 2)], 3); // Int32Array [1, 2, 0]
 */
export function radixOrder(words: readonly Uint32Array[], n: number): Int32Array {
  let idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < 2) return idx;
  const bits = n >= 16_384 ? 11 : 8;
  const buckets = 1 << bits;
  const mask = buckets - 1;
  const perWord = Math.ceil(32 / bits);
  const nw = words.length;
  const passes = nw * perWord;
  // Pass p sorts by digit (p % perWord) of word nw - 1 - floor(p / perWord): least significant first.
  const hist = new Int32Array(passes * buckets);
  for (let w = 0; w < nw; w++) {
    const a = words[w]!;
    const base = (nw - 1 - w) * perWord * buckets;
    for (let d = 0; d < perWord; d++) {
      const shift = d * bits;
      const h = base + d * buckets;
      for (let i = 0; i < n; i++) hist[h + ((a[i]! >>> shift) & mask)]!++;
    }
  }
  let tmp = new Int32Array(n);
  const offsets = new Int32Array(buckets);
  for (let p = 0; p < passes; p++) {
    const a = words[nw - 1 - Math.floor(p / perWord)]!;
    const shift = (p % perWord) * bits;
    const h = p * buckets;
    if (hist[h + ((a[0]! >>> shift) & mask)] === n) continue;
    let sum = 0;
    for (let d = 0; d < buckets; d++) {
      offsets[d] = sum;
      sum += hist[h + d]!;
    }
    for (let i = 0; i < n; i++) {
      const j = idx[i]!;
      tmp[offsets[(a[j]! >>> shift) & mask]!++] = j;
    }
    const t = idx;
    idx = tmp;
    tmp = t;
  }
  return idx;
}
