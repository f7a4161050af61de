/** The built side of a hash join: every distinct key numbered, and its build rows in row order (CSR). */

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
}

/**
 * Keys found by hashing: open addressing with linear probing. Each slot is two words side by
 * side, key id + 1 (0 = empty) and a tag: the key word itself for one-word keys, the key hash
 * for wider ones. A probe then costs one cache line until the tag matches.
 */
export interface HashJoinTable extends JoinTableBase {
  readonly kind: 'hash';
  readonly width: number;
  readonly mask: number;
  /** `2 * (mask + 1)` words: (key id + 1, tag) per slot. */
  readonly slots: Int32Array;
  /** Per key id: its hash and first build row (whose words are the key), for growing and wider keys. */
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
 *
 * @example
 * const { offsets, rows } = groupByKey(Int32Array.of(1, -1, 0, 1), Int32Array.of(0, 1, 2, 3), 2);
 * // offsets [0, 1, 3], rows [2, 0, 3]
 */
export function groupByKey(keyOf: Int32Array, rowOf: Int32Array | null, keyCount: number): { offsets: Int32Array; rows: Int32Array } {
  const offsets = new Int32Array(keyCount + 1);
  const n = keyOf.length;
  for (let j = 0; j < n; j++) {
    const k = keyOf[j]!;
    if (k >= 0) offsets[k + 1]!++;
  }
  for (let k = 0; k < keyCount; k++) offsets[k + 1]! += offsets[k]!;
  const cursor = offsets.slice(0, keyCount);
  const rows = new Int32Array(offsets[keyCount]!);
  for (let j = 0; j < n; j++) {
    const k = keyOf[j]!;
    if (k >= 0) rows[cursor[k]!++] = rowOf === null ? j : rowOf[j]!;
  }
  return { offsets, rows };
}
