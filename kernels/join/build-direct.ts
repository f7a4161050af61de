/** Builds the direct-index variant of a join table: one-word keys that are their own slot numbers, no hashing. */
import { KernelInvariantError } from '../errors.js';
import type { KeyLayout } from '../hash/keys.js';
import { DIRECT_JOIN_LIMIT } from '../tuning.js';
import { slotCount } from '../hash/keys.js';
import type { JoinKeys } from './keys.js';
import { groupByKey, type DirectJoinTable } from './table.js';

/**
 * The slot count of a direct table for keys of this layout, or -1 when the keys do not pack
 * into one word of at most {@link DIRECT_JOIN_LIMIT} values (then build a hash table).
 *
 * @example
 * directSlots(makeKeyLayout(['i32'], [false], [[0, 999]])); // 1000
 * directSlots(makeKeyLayout(['f64'], [false], [null]));     // -1
 */
export function directSlots(layout: KeyLayout): number {
  if (layout.fields === null || layout.width !== 1) return -1;
  const slots = slotCount(layout);
  return slots <= DIRECT_JOIN_LIMIT ? slots : -1;
}

/**
 * A direct join table: key id = key word, in `0 .. slots - 1` (dictionary codes, or a packed
 * layout's words). Slots with no build row stay empty, so a probe sees them as no match.
 * Throws when a build key is out of range, since it would land in another key's run. `shared`
 * puts the arrays in SharedArrayBuffer, for workers to probe.
 *
 * @example
 * const t = buildDirectTable({ words: Int32Array.of(2, 0, 2), width: 1, length: 3, valid: null }, 4);
 * t.offsets; // Int32Array [0, 1, 1, 3, 3]
 * t.rows;    // Int32Array [1, 0, 2]
 */
export function buildDirectTable(keys: JoinKeys, slots: number, shared = false): DirectJoinTable {
  if (keys.width !== 1) throw new KernelInvariantError(`a direct join table takes one-word keys, got ${keys.width} words`);
  const n = keys.length;
  const words = keys.words;
  const valid = keys.valid;
  const keyOf = new Int32Array(n);
  let bad = false;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    if (valid !== null && valid[i] === 0) keyOf[i] = -1;
    else {
      if (w >>> 0 >= slots) bad = true;
      keyOf[i] = w;
    }
  }
  if (bad) throw new KernelInvariantError(`a build key is outside the direct table's ${slots} slots`);
  const { offsets, rows } = groupByKey(keyOf, null, slots, shared);
  let unique = true;
  for (let k = 0; k < slots && unique; k++) if (offsets[k + 1]! - offsets[k]! > 1) unique = false;
  return { kind: 'direct', buildRows: n, keyCount: slots, offsets, rows, unique, keyIsRow: false };
}
