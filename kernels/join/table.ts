/** The built side of a hash join: every distinct key numbered, and its build rows in row order (CSR). */
import { allocValues } from '../alloc.js';

/**
 * What every join table shares: key ids `0 .. keyCount - 1`, and for key id `k` its build rows
 * `rows[offsets[k] .. offsets[k + 1] - 1]`, ascending. One flat layout for every variant keeps
 * the probe's emit loops identical whichever table found the key.
 */
export interface JoinTableBase {
  /** Rows of the build side (matched bytes are indexed by them). */
  readonly buildRows: number;
  readonly keyCount: number;
  readonly offsets: Int32Array;
  /** Build rows with a non-null key, grouped by key id; null-key rows are never in it. */
  readonly rows: Int32Array;
  /**
   * No key id has two rows (the H2O right tables, any primary key): a probe then emits
   * `rows[offsets[k]]` without walking a run, and a build skips the CSR passes.
   */
  readonly unique: boolean;
  /** Key id `k` is build row `k` itself (unique keys, every row inserted in order): a probe emits the id. */
  readonly keyIsRow: boolean;
}

/**
 * Keys found by hashing: open addressing with linear probing. Each slot is two words side by
 * side, key id + 1 (0 = empty) and a tag: the key word itself for one-word keys, the key hash
 * for wider ones. A probe then costs one cache line until the tag matches. One-word keys take
 * their slot from a multiplicative hash (`slotOfWord`): one multiply instead of the group-by's
 * murmur mix, which cost a third of a 1e7-row probe.
 */
export interface HashJoinTable extends JoinTableBase {
  readonly kind: 'hash';
  readonly width: number;
  readonly mask: number;
  /** `32 - log2(mask + 1)`: one-word keys take the top bits of their multiplicative hash. */
  readonly shift: number;
  /** `2 * (mask + 1)` words: (key id + 1, tag) per slot. */
  readonly slots: Int32Array;
  /** Per key id: its hash (wider keys only; one-word keys rehash their word) and first build row (whose words are the key). */
  readonly keyHashes: Int32Array;
  readonly firstRow: Int32Array;
  /** The build side's key words (width > 1 compares against them). */
  readonly words: Int32Array;
}

/** Keys that are their own slot numbers (packed small integers, dictionary codes): key id = key word. */
export interface DirectJoinTable extends JoinTableBase {
  readonly kind: 'direct';
}

/**
 * Build rows split by the top `bits` of their key hash, each partition a hash table of its own.
 * Global key id = `keyBase[p]` + the partition's id, so the flat CSR spans every partition.
 * Partition p owns offsets `[keyBase[p], keyBase[p] + rows of p]` (a key per row at most, so
 * the region's size is known before the partition is built and workers can fill their regions
 * of one shared array at once); ids past its own keys are empty runs.
 */
export interface PartitionedJoinTable extends JoinTableBase {
  readonly kind: 'partitioned';
  readonly bits: number;
  readonly parts: readonly HashJoinTable[];
  readonly keyBase: Int32Array;
}

/** A built join side, of any variant. */
export type JoinTable = HashJoinTable | DirectJoinTable | PartitionedJoinTable;

/**
 * The number of build rows of key id `k`.
 *
 * @example
 * keyRowCount(table, 0); // 3 when the first distinct key occurs on three build rows
 */
export function keyRowCount(table: JoinTableBase, k: number): number {
  return table.offsets[k + 1]! - table.offsets[k]!;
}

/**
 * The CSR arrays from each row's key id (-1 = not inserted): a counting pass sizes each key's
 * run, a second places rows. Rows come in ascending order, so each run is in row order.
 * `shared` puts them in SharedArrayBuffer (a table other threads probe).
 *
 * @example
 * const { offsets, rows } = groupByKey(Int32Array.of(1, -1, 0, 1), Int32Array.of(0, 1, 2, 3), 2);
 * // offsets [0, 1, 3], rows [2, 0, 3]
 */
export function groupByKey(
  keyOf: Int32Array,
  rowOf: Int32Array | null,
  keyCount: number,
  shared = false,
): { offsets: Int32Array; rows: Int32Array } {
  const offsets = shared ? (allocValues('i32', keyCount + 1, true) as Int32Array) : new Int32Array(keyCount + 1);
  const n = keyOf.length;
  for (let j = 0; j < n; j++) {
    const k = keyOf[j]!;
    if (k >= 0) offsets[k + 1]!++;
  }
  for (let k = 0; k < keyCount; k++) offsets[k + 1]! += offsets[k]!;
  const cursor = offsets.slice(0, keyCount);
  const total = offsets[keyCount]!;
  const rows = shared ? (allocValues('i32', total, true) as Int32Array) : new Int32Array(total);
  for (let j = 0; j < n; j++) {
    const k = keyOf[j]!;
    if (k >= 0) rows[cursor[k]!++] = rowOf === null ? j : rowOf[j]!;
  }
  return { offsets, rows };
}

/** The multiplier of {@link slotOfWord} (2^32 / golden ratio): consecutive keys land far apart. */
const FIB = 0x9e3779b1 | 0;

/**
 * The slot of a one-word key in a table of `2^(32 - shift)` slots: Fibonacci hashing, the top
 * bits of one multiply. Build and probe of one table must both use it.
 *
 * @example
 * slotOfWord(7, 28); // a slot in 0..15
 */
export function slotOfWord(word: number, shift: number): number {
  return Math.imul(word, FIB) >>> shift;
}
