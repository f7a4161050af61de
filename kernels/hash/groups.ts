/** Local group ids for one morsel: rows numbered by group in order of first appearance. */
import type { Vec } from '../vec.js';
import { hashWords } from './hash.js';
import { encodeRow, encodeRows, type KeyLayout } from './keys.js';

/**
 * Groups of one batch. Arrays are views into per-thread scratch memory: valid until the next call
 * of {@link groupRows}, so callers copy what they keep.
 */
export interface LocalGroups {
  readonly count: number;
  /** Group id of every row. */
  readonly gids: Int32Array;
  /** Per group: the batch row where it first appears (ascending, since groups are numbered in that order). */
  readonly firstRow: Int32Array;
  /** Per group: its key words (count × layout.width, row-major). */
  readonly words: Int32Array;
  /** Per group: `hashWords` of its key words. */
  readonly hashes: Int32Array;
}

/** Largest composite key domain indexed directly instead of hashed. */
export const DIRECT_LIMIT = 1 << 18;
/** Packed keys of at most this many bits index a flat map directly. */
export const DIRECT_BITS = 18;

/** Scratch buffers reused across calls (one set per thread): grouping allocates nothing per row. */
class Scratch {
  map = new Int32Array(0);
  table = new Int32Array(0);
  rowWords = new Int32Array(0);
  gids = new Int32Array(0);
  index = new Int32Array(0);
  firstRow = new Int32Array(0);
  slotOf = new Int32Array(0);
  hashes = new Int32Array(0);
  words = new Int32Array(0);

  ensure(rows: number, width: number): void {
    if (this.gids.length < rows) {
      const n = Math.max(rows, 1024);
      this.gids = new Int32Array(n);
      this.index = new Int32Array(n);
      this.firstRow = new Int32Array(n);
      this.slotOf = new Int32Array(n);
      this.hashes = new Int32Array(n);
    }
    if (this.words.length < rows * width) this.words = new Int32Array(Math.max(rows, 1024) * width);
  }

  directMap(size: number): Int32Array {
    if (this.map.length < size) {
      this.map = new Int32Array(Math.max(size, 1024));
      this.map.fill(-1);
    }
    return this.map;
  }
}

const scratch = new Scratch();

/**
 * Number the distinct keys of rows [0, rows) in order of first appearance. Small dense integer
 * keys (dictionary codes, small int ranges, booleans, alone or combined) index a flat map; any other
 * key is hashed into an open-addressing table over its words.
 *
 * @example
 * const key = { kind: 'i32', length: 4, values: new Int32Array([7, 3, 7, 9]), valid: null } as const;
 * const g = groupRows([key], makeKeyLayout(['i32'], [false], [null]), 4);
 * g.count;                    // 3
 * Array.from(g.gids.subarray(0, 4)); // [0, 1, 0, 2]
 */
export function groupRows(keys: readonly Vec[], layout: KeyLayout, rows: number): LocalGroups {
  const W = layout.width;
  scratch.ensure(rows, W);
  if (keys.length === 0) return singleGroup(rows);
  let count = -1;
  const words = scratch.words;
  const hashes = scratch.hashes;
  if (layout.fields !== null) {
    if (W === 1 && layout.bits <= DIRECT_BITS) {
      count = groupSlots(packedSlots(keys, layout, rows), rows, 1 << layout.bits);
      // a packed one-word key is its own slot number
      const slotOf = scratch.slotOf;
      for (let g = 0; g < count; g++) words[g] = slotOf[g]!;
    }
  } else {
    const direct = directPlan(keys, rows);
    if (direct !== null) {
      count = groupSlots(directSlots(keys, direct, rows), rows, direct.size);
      const firstRow = scratch.firstRow;
      for (let g = 0; g < count; g++) encodeRow(keys, layout, firstRow[g]!, words, g * W);
    }
  }
  if (count < 0) count = groupHashed(keys, layout, rows);
  else for (let g = 0; g < count; g++) hashes[g] = hashWords(words, g * W, W);
  return {
    count,
    gids: scratch.gids.subarray(0, rows),
    firstRow: scratch.firstRow.subarray(0, count),
    words: words.subarray(0, count * W),
    hashes: hashes.subarray(0, count),
  };
}

/**
 * The slot of every row under a packed one-word layout: the word itself. A lone key stored
 * from 0 without nulls is already its slot array, so nothing is computed.
 */
export function packedSlots(keys: readonly Vec[], layout: KeyLayout, rows: number): Int32Array {
  scratch.ensure(rows, layout.width);
  const out = scratch.index;
  if (keys.length === 0) {
    out.fill(0, 0, rows);
    return out;
  }
  const only = keys[0]!;
  const f = layout.fields![0]!;
  if (keys.length === 1 && only.kind === 'i32' && only.valid === null && f.lo === 0 && f.shift === 0) return only.values as Int32Array;
  encodeRows(keys, layout, rows, out);
  return out;
}

function singleGroup(rows: number): LocalGroups {
  const gids = scratch.gids.subarray(0, rows);
  gids.fill(0);
  const count = rows > 0 ? 1 : 0;
  scratch.firstRow[0] = 0;
  scratch.hashes[0] = hashWords(scratch.words, 0, 0);
  return {
    count,
    gids,
    firstRow: scratch.firstRow.subarray(0, count),
    words: scratch.words.subarray(0, 0),
    hashes: scratch.hashes.subarray(0, count),
  };
}

interface DirectPlan {
  readonly lo: readonly number[];
  readonly range: readonly number[];
  readonly stride: readonly number[];
  readonly size: number;
}

/** A flat-index plan when every key is a small dense integer in this batch, else null. */
function directPlan(keys: readonly Vec[], rows: number): DirectPlan | null {
  const lo: number[] = [];
  const range: number[] = [];
  const stride: number[] = [];
  let size = 1;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (key.kind !== 'i32' && key.kind !== 'bool') return null;
    let l = 0;
    let r: number;
    if (key.kind === 'bool') r = 2;
    else {
      const mm = minMaxI32(key.values as Int32Array, key.valid, rows);
      if (mm === null) r = 0;
      else {
        l = mm[0];
        r = mm[1] - mm[0] + 1;
      }
    }
    const slots = r + (key.valid !== null ? 1 : 0);
    lo.push(l);
    range.push(r);
    stride.push(size);
    size *= Math.max(slots, 1);
    if (size > DIRECT_LIMIT) return null;
  }
  return { lo, range, stride, size };
}

function minMaxI32(v: Int32Array, valid: Uint8Array | null, rows: number): [number, number] | null {
  let mn = 2147483647;
  let mx = -2147483648;
  let any = false;
  if (valid === null) {
    for (let i = 0; i < rows; i++) {
      const x = v[i]!;
      if (x < mn) mn = x;
      if (x > mx) mx = x;
    }
    any = rows > 0;
  } else {
    for (let i = 0; i < rows; i++) {
      if (valid[i] === 0) continue;
      const x = v[i]!;
      if (x < mn) mn = x;
      if (x > mx) mx = x;
      any = true;
    }
  }
  return any ? [mn, mx] : null;
}

function directSlots(keys: readonly Vec[], plan: DirectPlan, rows: number): Int32Array {
  const index = scratch.index;
  index.fill(0, 0, rows);
  for (let k = 0; k < keys.length; k++) addSlots(keys[k]!, plan.lo[k]!, plan.range[k]!, plan.stride[k]!, index, rows);
  return index;
}

/** Number rows by slot (a dense integer below `size`) in order of first appearance; `slotOf[g]` is group g's slot. */
function groupSlots(slots: Int32Array, rows: number, size: number): number {
  const map = scratch.directMap(size);
  const gids = scratch.gids;
  const firstRow = scratch.firstRow;
  const slotOf = scratch.slotOf;
  let count = 0;
  for (let i = 0; i < rows; i++) {
    const slot = slots[i]!;
    let g = map[slot]!;
    if (g < 0) {
      g = count++;
      map[slot] = g;
      firstRow[g] = i;
      slotOf[g] = slot;
    }
    gids[i] = g;
  }
  for (let g = 0; g < count; g++) map[slotOf[g]!] = -1;
  return count;
}

function addSlots(key: Vec, lo: number, range: number, stride: number, index: Int32Array, rows: number): void {
  const v = key.values as Int32Array | Uint8Array;
  const valid = key.valid;
  if (valid === null) {
    for (let i = 0; i < rows; i++) index[i]! += (v[i]! - lo) * stride;
  } else {
    const nullSlot = range * stride;
    for (let i = 0; i < rows; i++) index[i]! += valid[i] === 0 ? nullSlot : (v[i]! - lo) * stride;
  }
}

function groupHashed(keys: readonly Vec[], layout: KeyLayout, rows: number): number {
  const W = layout.width;
  let cap = 16;
  while (cap < rows * 2) cap <<= 1;
  if (scratch.table.length < cap) scratch.table = new Int32Array(cap);
  const table = scratch.table;
  table.fill(0, 0, cap);
  const mask = cap - 1;
  if (scratch.rowWords.length < rows * W) scratch.rowWords = new Int32Array(Math.max(rows, 1024) * W);
  const rw = scratch.rowWords;
  encodeRows(keys, layout, rows, rw);
  const gids = scratch.gids;
  const firstRow = scratch.firstRow;
  const hashes = scratch.hashes;
  const words = scratch.words;
  let count = 0;
  if (W === 1) {
    for (let i = 0; i < rows; i++) {
      const w0 = rw[i]!;
      const h = hashWords(rw, i, 1);
      let s = h & mask;
      let g = -1;
      for (;;) {
        const t = table[s]!;
        if (t === 0) break;
        if (words[t - 1] === w0) {
          g = t - 1;
          break;
        }
        s = (s + 1) & mask;
      }
      if (g < 0) {
        g = count++;
        table[s] = g + 1;
        words[g] = w0;
        hashes[g] = h;
        firstRow[g] = i;
      }
      gids[i] = g;
    }
    return count;
  }
  for (let i = 0; i < rows; i++) {
    const base = i * W;
    const h = hashWords(rw, base, W);
    let s = h & mask;
    let g = -1;
    for (;;) {
      const t = table[s]!;
      if (t === 0) break;
      const c = t - 1;
      if (hashes[c] === h) {
        const gb = c * W;
        let w = 0;
        while (w < W && words[gb + w] === rw[base + w]) w++;
        if (w === W) {
          g = c;
          break;
        }
      }
      s = (s + 1) & mask;
    }
    if (g < 0) {
      g = count++;
      table[s] = g + 1;
      const gb = g * W;
      for (let w = 0; w < W; w++) words[gb + w] = rw[base + w]!;
      hashes[g] = h;
      firstRow[g] = i;
    }
    gids[i] = g;
  }
  return count;
}
