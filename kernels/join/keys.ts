/** Join keys as rows of 32-bit words: the group-by's key packing and hashing, plus which rows have a key that can match. */
import { hashWord, hashWords } from '../hash/hash.js';
import { encodeRows, type KeyLayout } from '../hash/keys.js';
import type { Vec } from '../vec.js';

/**
 * One side's join keys: `length` rows of `width` words each (row-major, as `encodeRows` writes
 * them) and which rows may match. A row with a null in any key column never matches (SQL and
 * Polars semantics), so it is never inserted and never probed.
 */
export interface JoinKeys {
  readonly words: Int32Array;
  readonly width: number;
  readonly length: number;
  /** 1 where every key column is non-null; null when all rows are. */
  readonly valid: Uint8Array | null;
}

/**
 * Encode key columns with a layout shared by both sides of the join. The layout must be planned
 * from both sides (e.g. the union of their bounds when packing), since equal keys must give equal
 * words. `words` (rows * layout.width, any contents: every word is written) saves the allocation.
 *
 * @example
 * const layout = makeKeyLayout(['f64'], [true], [null]);
 * const k = joinKeys([{ kind: 'f64', length: 2, values: Float64Array.of(-0, NaN), valid: null }], layout, 2);
 * k.width; // 3: two words for the float, one null-bit word
 */
export function joinKeys(
  keys: readonly Vec[],
  layout: KeyLayout,
  rows: number,
  words: Int32Array = new Int32Array(rows * layout.width),
): JoinKeys {
  encodeRows(keys, layout, rows, words);
  return { words, width: layout.width, length: rows, valid: keyValidity(keys, rows) };
}

/**
 * 1 where every key is non-null, or null when no key column has nulls (the common case costs nothing).
 *
 * @example
 * keyValidity([{ kind: 'i32', length: 2, values: Int32Array.of(1, 2), valid: Uint8Array.of(1, 0) }], 2); // Uint8Array [1, 0]
 */
export function keyValidity(keys: readonly Vec[], rows: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const k of keys) {
    if (k.valid === null) continue;
    if (out === null) out = k.valid.slice(0, rows);
    else for (let i = 0; i < rows; i++) out[i]! &= k.valid[i]!;
  }
  return out;
}

/**
 * The hash of every row's key words: the group-by's hash, so a table partitioned by its top bits
 * and slotted by its low bits is the same function on both sides. `out` (any contents) saves the allocation.
 *
 * @example
 * const h = hashJoinKeys({ words: Int32Array.of(7, 7), width: 1, length: 2, valid: null });
 * h[0] === h[1]; // true
 */
export function hashJoinKeys(keys: JoinKeys, out: Int32Array = new Int32Array(keys.length)): Int32Array {
  const n = keys.length;
  const W = keys.width;
  const words = keys.words;
  if (W === 1) for (let i = 0; i < n; i++) out[i] = hashWord(words[i]!);
  else for (let i = 0; i < n; i++) out[i] = hashWords(words, i * W, W);
  return out;
}
