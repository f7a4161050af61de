/** Stable LSD radix sort by 32-bit words, skipping passes where every row shares the digit. */

/**
 * Positions 0..n-1 ordered by `words` (most significant word first, unsigned), ties kept in
 * position order. One scan finds the highest bit each word uses and passes cover only those
 * bits, in digits of at most 12 bits for large inputs (8 for small ones, whose histograms are
 * cheaper to clear and sum) split evenly: row numbers below 2^24 sort in two passes of 12 bits,
 * not three of 11. A pass whose digit is the same for all rows moves nothing and is skipped.
 *
 * @example
 * radixOrder([Uint32Array.of(3, 1, 2)], 3); // Int32Array [1, 2, 0]
 */
export function radixOrder(words: readonly Uint32Array[], n: number): Int32Array {
  let idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < 2) return idx;
  const widest = n >= 16_384 ? 12 : 8;
  const nw = words.length;
  // passes, least significant digit first: word, shift and width of each digit
  const passes: { word: Uint32Array; shift: number; bits: number; hist: number }[] = [];
  let histSize = 0;
  for (let w = nw - 1; w >= 0; w--) {
    const a = words[w]!;
    let used = 0;
    for (let i = 0; i < n; i++) used |= a[i]!;
    const needed = 32 - Math.clz32(used);
    if (needed === 0) continue;
    const count = Math.ceil(needed / widest);
    const bits = Math.ceil(needed / count);
    for (let d = 0; d < count; d++) {
      passes.push({ word: a, shift: d * bits, bits, hist: histSize });
      histSize += 1 << bits;
    }
  }
  const hist = new Int32Array(histSize);
  for (const p of passes) {
    const a = p.word;
    const shift = p.shift;
    const mask = (1 << p.bits) - 1;
    const h = p.hist;
    for (let i = 0; i < n; i++) hist[h + ((a[i]! >>> shift) & mask)]!++;
  }
  let tmp = new Int32Array(n);
  const offsets = new Int32Array(1 << widest);
  for (const p of passes) {
    const a = p.word;
    const shift = p.shift;
    const buckets = 1 << p.bits;
    const mask = buckets - 1;
    const h = p.hist;
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
