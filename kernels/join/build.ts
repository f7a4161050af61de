/** Picks and builds the join table variant for a build side: direct index, one hash table, or hash partitions. */
import { buildDirectTable } from './build-direct.js';
import { buildHashTable } from './build-hash.js';
import { buildPartitionedTable } from './build-partitioned.js';
import { hashJoinKeys, type JoinKeys } from './keys.js';
import type { JoinTable } from './table.js';

/** How to build: a direct table when `directSlots` > 0 (see `directSlots`), else hashed, in `2^partitionBits` partitions when > 0. */
export interface BuildOptions {
  directSlots?: number;
  partitionBits?: number;
  /** Build key hashes, when the caller has them already. */
  hashes?: Int32Array;
  /** Put the table in SharedArrayBuffer, for workers to probe (the key words must be shared already). */
  shared?: boolean;
}

/**
 * The join table of a build side.
 *
 * @example
 * const layout = makeKeyLayout(['i32'], [false], [[0, 99]]);
 * const table = buildJoinTable(joinKeys([buildKey], layout, n), { directSlots: directSlots(layout) });
 */
export function buildJoinTable(keys: JoinKeys, options: BuildOptions = {}): JoinTable {
  const slots = options.directSlots ?? -1;
  const shared = options.shared ?? false;
  if (slots > 0) return buildDirectTable(keys, slots, shared);
  const bits = options.partitionBits ?? 0;
  if (bits > 0) return buildPartitionedTable(keys, options.hashes ?? hashJoinKeys(keys), bits, shared);
  return buildHashTable(keys, keys.width === 1 ? null : (options.hashes ?? hashJoinKeys(keys)), null, undefined, shared);
}
