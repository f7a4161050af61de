/** A growable hash table of group keys, used to merge partial states: key words in, global group ids out. */

/**
 * Groups keyed by rows of 32-bit words, numbered in insertion order. The arrays are plain memory:
 * a table lives inside one merge task, whose results are copied out (packed or finalized), and a
 * grown table's old arrays then go to the garbage collector at once. In shared memory they had
 * waited for a collection in every thread (a 1e7-group H2O q10 left 450 MB of them per run).
 *
 * @example
 * const t = new GroupTable(1, 4);
 * const out = new Int32Array(2);
 * t.insert(new Int32Array([5, 6]), new Int32Array([hashWord(5), hashWord(6)]), new Int32Array([0, 1]), 0, 2, out);
 * t.count; // 2
 */
export class GroupTable {
  count = 0;
  words: Int32Array;
  hashes: Int32Array;
  /** Per group: the global input row where it first appears. */
  firstRow: Int32Array;
  private slots: Int32Array;
  private mask: number;

  /**
   * `capacity` groups get arrays now (they grow when needed); the slot table is sized for
   * `expected` groups at most half full, since rehashing costs far more than copying.
   */
  constructor(
    readonly width: number,
    capacity: number,
    expected: number = capacity,
  ) {
    const cap = Math.max(16, capacity);
    this.words = new Int32Array(cap * width);
    this.hashes = new Int32Array(cap);
    this.firstRow = new Int32Array(cap);
    let slots = 32;
    while (slots < Math.min(Math.max(cap, expected), 1 << 26) * 2) slots <<= 1;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
  }

  get capacity(): number {
    return this.hashes.length;
  }

  /**
   * Find or add the groups of source entries `start .. start + n - 1`, writing entry j's group id
   * to `out[j]`. New groups take the entry's key words, hash and first row.
   */
  insert(srcWords: Int32Array, srcHashes: Int32Array, srcFirst: Int32Array, start: number, n: number, out: Int32Array): void {
    const W = this.width;
    for (let j = 0; j < n; j++) {
      const e = start + j;
      const h = srcHashes[e]!;
      const base = e * W;
      let s = h & this.mask;
      let g = -1;
      for (;;) {
        const t = this.slots[s]!;
        if (t === 0) break;
        const c = t - 1;
        if (this.hashes[c] === h) {
          const gb = c * W;
          let w = 0;
          while (w < W && this.words[gb + w] === srcWords[base + w]) w++;
          if (w === W) {
            g = c;
            break;
          }
        }
        s = (s + 1) & this.mask;
      }
      if (g < 0) {
        g = this.count;
        if (g === this.hashes.length) {
          this.grow();
          s = this.findEmpty(h);
        }
        this.count++;
        this.slots[s] = g + 1;
        const gb = g * W;
        for (let w = 0; w < W; w++) this.words[gb + w] = srcWords[base + w]!;
        this.hashes[g] = h;
        this.firstRow[g] = srcFirst[e]!;
        if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
      }
      out[j] = g;
    }
  }

  private findEmpty(h: number): number {
    let s = h & this.mask;
    while (this.slots[s] !== 0) s = (s + 1) & this.mask;
    return s;
  }

  private grow(): void {
    const cap = this.hashes.length * 2;
    this.words = copyInto(new Int32Array(cap * this.width), this.words);
    this.hashes = copyInto(new Int32Array(cap), this.hashes);
    this.firstRow = copyInto(new Int32Array(cap), this.firstRow);
    let size = this.slots.length;
    while (size < cap * 2) size <<= 1;
    if (size > this.slots.length) this.rehash(size);
  }

  /** Rebuild the slots at `size` (a power of two, so `& mask` is a modulo). */
  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let g = 0; g < this.count; g++) this.slots[this.findEmpty(this.hashes[g]!)] = g + 1;
  }
}

function copyInto(dst: Int32Array, src: Int32Array): Int32Array {
  dst.set(src);
  return dst;
}
