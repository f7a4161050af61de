/** A build side's output columns packed row by row, so gathering one build row reads one cache line rather than one per column. */
import { allocValues } from '../alloc.js';
import type { Vec, VecKind } from '../vec.js';

/** Where each packed column lives in a row of Int32 words. */
export interface PackLayout {
  /** Words per row: even, so every row starts 8-byte aligned and two-word values stay aligned. */
  readonly width: number;
  readonly kinds: readonly VecKind[];
  /** Each column's first word in a row (two-word kinds first, at even words). */
  readonly at: readonly number[];
  /** The word of each row's validity bits (bit j: column j is valid), or -1 when no column has nulls. */
  readonly validAt: number;
  /** The word holding the row's build row + 1 (0: an empty row), or -1 when rows are packed in build-row order and need none (see slots.ts). */
  readonly rowAt: number;
}

/** Packed rows in shared memory: row r is words [r * width, (r + 1) * width) of `data`. */
export interface PackedRows {
  readonly data: Int32Array;
  readonly layout: PackLayout;
}

/** Columns a row can pack: one validity bit each in a 32-bit word. */
export const MAX_PACKED_COLUMNS = 32;

/**
 * The row layout for columns of `kinds` (at most MAX_PACKED_COLUMNS); `nullable` adds a word of
 * validity bits, `withRow` a word for the build row (rows stored by key slot, not by row).
 *
 * @example
 * packLayout(['i32', 'f64', 'i32'], false); // { width: 4, at: [2, 0, 3], validAt: -1, rowAt: -1, ... }
 */
export function packLayout(kinds: readonly VecKind[], nullable: boolean, withRow = false): PackLayout {
  const at = kinds.map(() => 0);
  let w = 0;
  kinds.forEach((k, j) => {
    if (k === 'f64' || k === 'i64') {
      at[j] = w;
      w += 2;
    }
  });
  kinds.forEach((k, j) => {
    if (k === 'i32' || k === 'bool') at[j] = w++;
  });
  const validAt = nullable ? w++ : -1;
  const rowAt = withRow ? w++ : -1;
  return { width: w + (w & 1), kinds: [...kinds], at, validAt, rowAt };
}

/**
 * Write rows [rowBase, rowBase + n) of `into` from one morsel's columns (in layout order, n rows
 * each). Values are copied as words, so every bit (a NaN's payload, -0) survives.
 *
 * @example
 * packRows(morselVecs, into, 65_536); // the second morsel of 65,536 rows
 */
export function packRows(vecs: readonly Vec[], into: PackedRows, rowBase: number): void {
  packPicked(vecs, into, rowBase, null, vecs[0]?.length ?? 0);
}

/**
 * Write rows [0, count) of `into` from the columns' rows `pick[0 .. count - 1]` (in layout
 * order): a slot table's writer packs only the rows of its range of slots.
 *
 * @example
 * packPicked(morselVecs, { data: staged, layout }, 0, Int32Array.of(4, 9), 2); // rows 4 and 9
 */
export function packPicked(vecs: readonly Vec[], into: PackedRows, rowBase: number, pick: Int32Array | null, count: number): void {
  const { data, layout } = into;
  const W = layout.width;
  vecs.forEach((v, j) => {
    const base = rowBase * W + layout.at[j]!;
    if (v.kind === 'f64' || v.kind === 'i64') {
      const src = wordsOf(v.values);
      for (let i = 0, o = base; i < count; i++, o += W) {
        const r = pick === null ? i : pick[i]!;
        data[o] = src[2 * r]!;
        data[o + 1] = src[2 * r + 1]!;
      }
    } else {
      const src = v.values as Int32Array | Uint8Array;
      for (let i = 0, o = base; i < count; i++, o += W) data[o] = src[pick === null ? i : pick[i]!]!;
    }
  });
  if (layout.validAt < 0) return;
  const base = rowBase * W + layout.validAt;
  for (let i = 0; i < count; i++) data[base + i * W] = 0;
  vecs.forEach((v, j) => {
    const bit = 1 << j;
    const valid = v.valid;
    if (valid === null) for (let i = 0, o = base; i < count; i++, o += W) data[o]! |= bit;
    else for (let i = 0, o = base; i < count; i++, o += W) if (valid[pick === null ? i : pick[i]!] === 1) data[o]! |= bit;
  });
}

/** Words of the rows being gathered, copied side by side (see gatherPacked); grows to the largest morsel. */
let staged = new Int32Array(0);

/**
 * This thread's staging array, at least `words` long (contents left over: the caller writes
 * every word it reads). One per thread, reused by every gather; valid until the next call.
 *
 * @example
 * const rows = stagingWords(morselRows * layout.width);
 */
export function stagingWords(words: number): Int32Array {
  if (staged.length < words) staged = new Int32Array(Math.max(words, 2 * staged.length));
  return staged;
}

/**
 * Every packed column at build rows `rows` (-1: no row, every column null there): first each
 * row's words are copied, in output order, into one staging array (a row's columns cost one
 * cache miss between them, where a gather per column pays one per column), then each column is
 * read out of the staging array, which is small enough to stay in cache. Values land in shared
 * memory.
 *
 * @example
 * const [id1, v2] = gatherPacked(packed, buildRows);
 */
export function gatherPacked(packed: PackedRows, rows: Int32Array): Vec[] {
  const { data, layout } = packed;
  const into = stagingWords(rows.length * layout.width);
  const missing = stageRows(data, layout.width, rows, into);
  return unstageRows(into, layout, rows, missing);
}

/**
 * The columns of staged rows (row i at words [i * width, (i + 1) * width) of `staged`), one
 * per packed column, in shared memory; `rows[i]` -1 (then `missing` is true) makes row i null
 * in every column.
 *
 * @example
 * const [id1, v2] = unstageRows(staged, layout, buildRows, false);
 */
export function unstageRows(staged: Int32Array, layout: PackLayout, rows: Int32Array, missing: boolean): Vec[] {
  const W = layout.width;
  const n = rows.length;
  const valid = layout.validAt >= 0 || missing ? layout.kinds.map(() => new Uint8Array(n)) : null;
  if (valid !== null) fillValidity(staged, layout, rows, valid);
  return layout.kinds.map((kind, j) => {
    const values = allocValues(kind, n, true);
    const at = layout.at[j]!;
    if (kind === 'f64' || kind === 'i64') readPairs(staged, W, at, wordsOf(values), n);
    else readWords(staged, W, at, values as Int32Array | Uint8Array, n);
    return { kind, length: n, values, valid: valid?.[j] ?? null };
  });
}

/** Copy the words of build row rows[i] to staged row i (zeros where rows[i] is -1); whether any is -1. */
function stageRows(data: Int32Array, W: number, rows: Int32Array, staged: Int32Array): boolean {
  let missing = false;
  for (let i = 0, o = 0; i < rows.length; i++, o += W) {
    const r = rows[i]!;
    if (r < 0) {
      missing = true;
      for (let w = 0; w < W; w++) staged[o + w] = 0;
      continue;
    }
    copyWords(data, r * W, staged, o, W);
  }
  return missing;
}

/**
 * Copies `W` words from `src` at `from` to `dst` at `to`. The common row widths are written out
 * word by word: as a loop, the copy of one random row kept the next row's read from starting
 * early, and a gather of 1e7 rows of 8 words took 2-3x as long (scratch measurements here).
 *
 * @example
 * copyWords(packed.data, row * 8, staged, i * 8, 8);
 */
export function copyWords(src: Int32Array, from: number, dst: Int32Array, to: number, W: number): void {
  switch (W) {
    case 2:
      dst[to] = src[from]!;
      dst[to + 1] = src[from + 1]!;
      return;
    case 4:
      dst[to] = src[from]!;
      dst[to + 1] = src[from + 1]!;
      dst[to + 2] = src[from + 2]!;
      dst[to + 3] = src[from + 3]!;
      return;
    case 6:
      dst[to] = src[from]!;
      dst[to + 1] = src[from + 1]!;
      dst[to + 2] = src[from + 2]!;
      dst[to + 3] = src[from + 3]!;
      dst[to + 4] = src[from + 4]!;
      dst[to + 5] = src[from + 5]!;
      return;
    case 8:
      dst[to] = src[from]!;
      dst[to + 1] = src[from + 1]!;
      dst[to + 2] = src[from + 2]!;
      dst[to + 3] = src[from + 3]!;
      dst[to + 4] = src[from + 4]!;
      dst[to + 5] = src[from + 5]!;
      dst[to + 6] = src[from + 6]!;
      dst[to + 7] = src[from + 7]!;
      return;
    default:
      for (let k = 0; k < W; k++) dst[to + k] = src[from + k]!;
  }
}

function readWords(staged: Int32Array, W: number, at: number, out: Int32Array | Uint8Array, n: number): void {
  for (let i = 0, o = at; i < n; i++, o += W) out[i] = staged[o]!;
}

function readPairs(staged: Int32Array, W: number, at: number, out: Int32Array, n: number): void {
  for (let i = 0, o = at; i < n; i++, o += W) {
    out[2 * i] = staged[o]!;
    out[2 * i + 1] = staged[o + 1]!;
  }
}

/** Each column's validity: its bit in the staged row's validity word (every column valid without one), 0 where no row. */
function fillValidity(staged: Int32Array, layout: PackLayout, rows: Int32Array, valid: readonly Uint8Array[]): void {
  const W = layout.width;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]! < 0) continue;
    const bits = layout.validAt < 0 ? -1 : staged[i * W + layout.validAt]!;
    for (let j = 0; j < valid.length; j++) valid[j]![i] = (bits >>> j) & 1;
  }
}

/**
 * The Int32 words under a values array (two per f64 or i64 value).
 *
 * @example
 * wordsOf(Float64Array.of(1)).length; // 2
 */
export function wordsOf(a: Vec['values']): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.byteLength >> 2);
}
