/**
 * The slot table: a large build side whose one-word keys are dense integers (packed small ints,
 * dictionary codes) and all distinct (a primary key), stored by key. Row s of one packed array
 * holds the build row whose key word is s (its row + 1, then its output columns), so a probe row
 * costs one random read for the lookup and the gather of every build column together, where a
 * hash table costs three (the slot, the key's row, the packed row).
 */
import { KernelInvariantError } from '../errors.js';
import { slotCount, type KeyLayout } from '../hash/keys.js';
import { SLOT_JOIN_DENSITY, SLOT_JOIN_LIMIT } from '../tuning.js';
import type { Vec } from '../vec.js';
import type { JoinKeys } from './keys.js';
import { copyWords, packPicked, stagingWords, unstageRows, type PackedRows } from './pack.js';

/** A unique build side stored by key slot (see the file comment); `packed.layout.rowAt` is set. */
export interface SlotJoinTable {
  readonly kind: 'slots';
  /** Key words 0 .. slots - 1 each have a row of `packed`. */
  readonly slots: number;
  readonly packed: PackedRows;
}

/**
 * The slot count of a slot table for a build side of `buildRows` rows keyed by this layout, or -1
 * when its keys do not pack into one word or would leave the table too sparse or too large
 * (more than SLOT_JOIN_DENSITY slots per build row, or more than SLOT_JOIN_LIMIT).
 *
 * @example
 * slotJoinSlots(makeKeyLayout(['i32'], [false], [[1, 11_000_000]]), 10_000_000); // 11000001
 */
export function slotJoinSlots(layout: KeyLayout, buildRows: number): number {
  if (layout.fields === null || layout.width !== 1) return -1;
  const slots = slotCount(layout);
  return slots <= SLOT_JOIN_LIMIT && slots <= SLOT_JOIN_DENSITY * buildRows ? slots : -1;
}

/**
 * Writes the build rows of one morsel (keys `words`, validity `valid`, output columns
 * `payload` in the packed layout's order; rows `rowBase` ..) whose key words fall in slots
 * [from, to) into their rows of the table, and returns how many it wrote. Rows with a null key
 * are left out (they match nothing). The range's rows are packed in this thread's staging array
 * first, so each is one copy of contiguous words to its slot. A repeated key overwrites its
 * slot's row: {@link occupiedSlots} then counts fewer rows than were written.
 *
 * @example
 * let written = 0;
 * for (const m of morsels) written += scatterSlots(table, words, null, m.rows, m.rowBase, payload, 0, table.slots);
 * const unique = occupiedSlots(table, 0, table.slots) === written;
 */
export function scatterSlots(
  table: SlotJoinTable,
  words: Int32Array,
  valid: Uint8Array | null,
  n: number,
  rowBase: number,
  payload: readonly Vec[],
  from: number,
  to: number,
): number {
  const { data, layout } = table.packed;
  const W = layout.width;
  const rowAt = layout.rowAt;
  const span = to - from;
  // the rows of this range first, then only those packed and copied to their slots
  const pick = picked.length < n ? (picked = new Int32Array(n + (n >> 3))) : picked;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) continue;
    pick[count] = i;
    count += (words[i]! - from) >>> 0 < span ? 1 : 0;
  }
  const staged = stagingWords(count * W);
  packPicked(payload, { data: staged, layout }, 0, pick, count);
  for (let o = 0; o < count; o++) {
    const i = pick[o]!;
    staged[o * W + rowAt] = rowBase + i + 1;
    copyWords(staged, o * W, data, words[i]! * W, W);
  }
  return count;
}

/** This thread's rows of a morsel that fall in its range of slots (see scatterSlots); grows to the largest morsel. */
let picked = new Int32Array(0);

/**
 * How many of slots [from, to) hold a build row: equal to the rows written there exactly when
 * no key repeated.
 *
 * @example
 * occupiedSlots(table, 0, table.slots); // 9 for nine distinct build keys
 */
export function occupiedSlots(table: SlotJoinTable, from: number, to: number): number {
  const { data, layout } = table.packed;
  const W = layout.width;
  let count = 0;
  for (let at = from * W + layout.rowAt, end = to * W; at < end; at += W) if (data[at] !== 0) count++;
  return count;
}

/**
 * Words a slot table of `slots` slots takes with rows of `width` words: one row per slot and
 * one more, always empty, that a probe row with a null or out-of-range key reads instead.
 *
 * @example
 * slotTableWords(10, 8); // 88
 */
export function slotTableWords(slots: number, width: number): number {
  return (slots + 1) * width;
}

/** An inner or left probe of a slot table: `length` (probe row, build row) pairs, and the matched rows' packed words staged in the same order. */
export interface SlotPairs {
  readonly length: number;
  readonly probe: Int32Array;
  readonly build: Int32Array;
  /** Row i's packed words at [i * width, (i + 1) * width); zeros for a left join's miss. */
  readonly staged: Int32Array;
  /** Whether some pair has build row -1 (a left join's miss). */
  readonly missing: boolean;
}

/**
 * Probes a slot table with one morsel's keys: one read of the key's row finds the match and
 * copies its words into this thread's staging array, in output order. Probe rows come
 * ascending; a left join keeps a miss with build row -1. `probeRows` and `buildRows` need room
 * for every probe row.
 *
 * @example
 * const p = probeSlots(table, keys, 'left', new Int32Array(n), new Int32Array(n));
 * const [id1, v2] = slotColumns(table, p);
 */
export function probeSlots(
  table: SlotJoinTable,
  keys: JoinKeys,
  how: 'inner' | 'left',
  probeRows: Int32Array,
  buildRows: Int32Array,
): SlotPairs {
  if (keys.width !== 1) throw new KernelInvariantError(`a slot table takes one-word keys, got ${keys.width} words`);
  const { data, layout } = table.packed;
  const W = layout.width;
  const rowAt = layout.rowAt;
  const n = keys.length;
  const words = keys.words;
  const valid = keys.valid;
  const slots = table.slots;
  const left = how === 'left';
  const staged = stagingWords(n * W);
  // a null or out-of-range key reads the empty row past the last slot: every probe row is the
  // same copy, with no branch on what the read found
  const empty = slots * W;
  let o = 0;
  let missing = false;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    const at = o * W;
    copyWords(data, (valid === null || valid[i] !== 0) && w >>> 0 < slots ? w * W : empty, staged, at, W);
    const r = staged[at + rowAt]!;
    probeRows[o] = i;
    buildRows[o] = r - 1;
    if (r === 0 && left) missing = true;
    o += r !== 0 || left ? 1 : 0;
  }
  return { length: o, probe: probeRows.subarray(0, o), build: buildRows.subarray(0, o), staged, missing };
}

/**
 * The packed build columns of probed pairs, in shared memory (null where a pair has no build row).
 *
 * @example
 * const [id1, v2] = slotColumns(table, probeSlots(table, keys, 'inner', probeRows, buildRows));
 */
export function slotColumns(table: SlotJoinTable, pairs: SlotPairs): Vec[] {
  return unstageRows(pairs.staged, table.packed.layout, pairs.build, pairs.missing);
}

/**
 * One byte per probe row for a semi join (1 where its key has a build row) or an anti join (1
 * where it has none; a null key matches nothing, so anti keeps it).
 *
 * @example
 * const keep = slotMask(table, keys, 'anti');
 */
export function slotMask(table: SlotJoinTable, keys: JoinKeys, how: 'semi' | 'anti'): Uint8Array {
  const { data, layout } = table.packed;
  const W = layout.width;
  const rowAt = layout.rowAt;
  const n = keys.length;
  const words = keys.words;
  const valid = keys.valid;
  const hit = how === 'semi' ? 1 : 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    const found = (valid === null || valid[i] !== 0) && w >>> 0 < table.slots && data[w * W + rowAt] !== 0;
    out[i] = found ? hit : 1 - hit;
  }
  return out;
}
