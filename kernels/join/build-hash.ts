/** Builds the hash variant of a join table: distinct build keys numbered in first-seen order, their rows in CSR. */
import { allocValues } from '../alloc.js';
import { KernelInvariantError } from '../errors.js';
import type { JoinKeys } from './keys.js';
import { groupByKey, slotOfWord, type HashJoinTable } from './table.js';

/**
 * Slots start at twice the build rows (every row a new key at worst), so a build with distinct
 * keys never rehashes; past this many rows they start smaller and double when half full.
 */
const PRESIZED_ROWS = 1 << 26;

/** A zeroed Int32Array, in shared memory when a table is built for other threads to probe. */
function ints(n: number, shared: boolean): Int32Array {
  return shared ? (allocValues('i32', n, true) as Int32Array) : new Int32Array(n);
}

/**
 * A hash join table over the build rows `select` (ascending; all rows when null). Null-key rows
 * are skipped. `hashes` are the rows' key hashes (`hashJoinKeys`), shared with the probe side;
 * one-word keys need none (their slots come from `slotOfWord`). `expectedKeys` (default: one per
 * row) sizes the slots when the caller knows the build has few distinct keys; more keys than that
 * just grow them. `shared` puts the arrays in SharedArrayBuffer, for workers to probe.
 *
 * @example
 * const keys = { words: Int32Array.of(5, 7, 5), width: 1, length: 3, valid: null };
 * const t = buildHashTable(keys, null, null);
 * t.keyCount; // 2
 * t.rows;     // Int32Array [0, 2, 1]: key 5's rows, then key 7's
 */
export function buildHashTable(
  keys: JoinKeys,
  hashes: Int32Array | null,
  select: Int32Array | null,
  expectedKeys?: number,
  shared = false,
): HashJoinTable {
  if (hashes === null && keys.width !== 1) throw new KernelInvariantError('keys of more than one word need their hashes');
  const W = keys.width;
  const words = keys.words;
  const valid = keys.valid;
  const m = select === null ? keys.length : select.length;
  let size = 16;
  let shift = 28;
  while (size < Math.min(m, expectedKeys ?? m, PRESIZED_ROWS) * 2) {
    size <<= 1;
    shift--;
  }
  let mask = size - 1;
  let slots = ints(2 * size, shared);
  // at most one key per row: sized once, no growth
  const keyHashes = ints(W === 1 ? 0 : m, shared);
  const firstRow = ints(m, shared);
  const keyOf = new Int32Array(m);
  let count = 0;
  let inserted = 0;
  for (let j = 0; j < m; j++) {
    const r = select === null ? j : select[j]!;
    if (valid !== null && valid[r] === 0) {
      keyOf[j] = -1;
      continue;
    }
    inserted++;
    let id = -1;
    if (W === 1) {
      const w = words[r]!;
      let s = slotOfWord(w, shift);
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
        firstRow[id] = r;
      }
    } else {
      const h = hashes![r]!;
      let s = h & mask;
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
      shift--;
      mask = size - 1;
      slots = ints(2 * size, shared);
      for (let c = 0; c < count; c++) {
        const tag = W === 1 ? words[firstRow[c]!]! : keyHashes[c]!;
        let t = W === 1 ? slotOfWord(tag, shift) : tag & mask;
        while (slots[2 * t] !== 0) t = (t + 1) & mask;
        slots[2 * t] = c + 1;
        slots[2 * t + 1] = tag;
      }
    }
  }
  // every inserted row a new key: the CSR is the first rows themselves, no counting passes
  const unique = count === inserted;
  let offsets: Int32Array;
  let rows: Int32Array;
  if (unique) {
    offsets = ints(count + 1, shared);
    for (let k = 0; k <= count; k++) offsets[k] = k;
    rows = firstRow.subarray(0, count);
  } else ({ offsets, rows } = groupByKey(keyOf, select, count, shared));
  return {
    kind: 'hash',
    buildRows: keys.length,
    keyCount: count,
    offsets,
    rows,
    unique,
    keyIsRow: unique && select === null && count === keys.length,
    width: W,
    mask,
    shift,
    slots,
    keyHashes: keyHashes.subarray(0, W === 1 ? 0 : count),
    firstRow: firstRow.subarray(0, count),
    words,
  };
}

function sameWords(words: Int32Array, a: number, b: number, W: number): boolean {
  for (let w = 0; w < W; w++) if (words[a + w] !== words[b + w]) return false;
  return true;
}
