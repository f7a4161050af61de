/** Builds the hash variant of a join table: distinct build keys numbered in first-seen order, their rows in CSR. */
import { KernelInvariantError } from '../errors.js';
import { hashWord } from '../hash/hash.js';
import type { JoinKeys } from './keys.js';
import { groupByKey, type HashJoinTable } from './table.js';

/**
 * Slots start at twice the build rows (every row a new key at worst), so a build with distinct
 * keys never rehashes; past this many rows they start smaller and double when half full.
 */
const PRESIZED_ROWS = 1 << 26;

/**
 * A hash join table over the build rows `select` (ascending; all rows when null). Null-key rows
 * are skipped. `hashes` are the rows' key hashes (`hashJoinKeys`), shared with the probe side;
 * one-word keys may pass null to hash inline. `expectedKeys` (default: one per row) sizes the
 * slots when the caller knows the build has few distinct keys; more keys than that just grow them.
 *
 * @example
 * const keys = { words: Int32Array.of(5, 7, 5), width: 1, length: 3, valid: null };
 * const t = buildHashTable(keys, hashJoinKeys(keys), null);
 * t.keyCount; // 2
 * t.rows;     // Int32Array [0, 2, 1]: key 5's rows, then key 7's
 */
export function buildHashTable(keys: JoinKeys, hashes: Int32Array | null, select: Int32Array | null, expectedKeys?: number): HashJoinTable {
  if (hashes === null && keys.width !== 1) throw new KernelInvariantError('keys of more than one word need their hashes');
  const W = keys.width;
  const words = keys.words;
  const valid = keys.valid;
  const m = select === null ? keys.length : select.length;
  let size = 16;
  while (size < Math.min(m, expectedKeys ?? m, PRESIZED_ROWS) * 2) size <<= 1;
  let mask = size - 1;
  let slots = new Int32Array(2 * size);
  // at most one key per row: sized once, no growth
  const keyHashes = new Int32Array(m);
  const firstRow = new Int32Array(m);
  const keyOf = new Int32Array(m);
  let count = 0;
  for (let j = 0; j < m; j++) {
    const r = select === null ? j : select[j]!;
    if (valid !== null && valid[r] === 0) {
      keyOf[j] = -1;
      continue;
    }
    // one-word keys may hash inline, saving a pass and an array
    const h = hashes === null ? hashWord(words[r]!) : hashes[r]!;
    let s = h & mask;
    let id = -1;
    if (W === 1) {
      const w = words[r]!;
      for (;;) {
        const t = slots[2 * s]!;
        if (t === 0) break;
        if (slots[2 * s + 1] === w) {
          id = t - 1;
          break;
        }
        s = (s + 1) & mask;
      }
      if (id < 0) {
        id = count++;
        slots[2 * s] = id + 1;
        slots[2 * s + 1] = w;
        keyHashes[id] = h;
        firstRow[id] = r;
      }
    } else {
      for (;;) {
        const t = slots[2 * s]!;
        if (t === 0) break;
        const c = t - 1;
        if (slots[2 * s + 1] === h && sameWords(words, firstRow[c]! * W, r * W, W)) {
          id = c;
          break;
        }
        s = (s + 1) & mask;
      }
      if (id < 0) {
        id = count++;
        slots[2 * s] = id + 1;
        slots[2 * s + 1] = h;
        keyHashes[id] = h;
        firstRow[id] = r;
      }
    }
    keyOf[j] = id;
    if (count * 2 > size) {
      size <<= 1;
      mask = size - 1;
      slots = new Int32Array(2 * size);
      for (let c = 0; c < count; c++) {
        let t = keyHashes[c]! & mask;
        while (slots[2 * t] !== 0) t = (t + 1) & mask;
        slots[2 * t] = c + 1;
        slots[2 * t + 1] = W === 1 ? words[firstRow[c]!]! : keyHashes[c]!;
      }
    }
  }
  const { offsets, rows } = groupByKey(keyOf, select, count);
  return {
    kind: 'hash',
    buildRows: keys.length,
    keyCount: count,
    offsets,
    rows,
    width: W,
    mask,
    slots,
    keyHashes: keyHashes.subarray(0, count),
    firstRow: firstRow.subarray(0, count),
    words,
  };
}

function sameWords(words: Int32Array, a: number, b: number, W: number): boolean {
  for (let w = 0; w < W; w++) if (words[a + w] !== words[b + w]) return false;
  return true;
}
