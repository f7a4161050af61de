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
 * validity bits.
 *
 * @example
 * packLayout(['i32', 'f64', 'i32'], false); // { width: 4, at: [2, 0, 3], validAt: -1, ... }
 */
export function packLayout(kinds: readonly VecKind[], nullable: boolean): PackLayout {
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
  return { width: w + (w & 1), kinds: [...kinds], at, validAt };
}

/**
 * Write rows [rowBase, rowBase + n) of `into` from one morsel's columns (in layout order, n rows
 * each). Values are copied as words, so every bit (a NaN's payload, -0) survives.
 *
 * @example
 * packRows(morselVecs, into, 65_536); // the second morsel of 65,536 rows
 */
export function packRows(vecs: readonly Vec[], into: PackedRows, rowBase: number): void {
  const { data, layout } = into;
  const W = layout.width;
  const n = vecs[0]?.length ?? 0;
  vecs.forEach((v, j) => {
    const base = rowBase * W + layout.at[j]!;
    if (v.kind === 'f64' || v.kind === 'i64') {
      const src = wordsOf(v.values);
      for (let i = 0, o = base; i < n; i++, o += W) {
        data[o] = src[2 * i]!;
        data[o + 1] = src[2 * i + 1]!;
      }
    } else {
      const src = v.values as Int32Array | Uint8Array;
      for (let i = 0, o = base; i < n; i++, o += W) data[o] = src[i]!;
    }
  });
  if (layout.validAt < 0) return;
  const base = rowBase * W + layout.validAt;
  for (let i = 0; i < n; i++) data[base + i * W] = 0;
  vecs.forEach((v, j) => {
    const bit = 1 << j;
    const valid = v.valid;
    for (let i = 0, o = base; i < n; i++, o += W) if (valid === null || valid[i] === 1) data[o]! |= bit;
  });
}

/** Words of the rows being gathered, copied side by side (see gatherPacked); grows to the largest morsel. */
let staged = new Int32Array(0);

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
  const W = layout.width;
  const n = rows.length;
  if (staged.length < n * W) staged = new Int32Array(Math.max(n * W, 2 * staged.length));
  const missing = stageRows(data, W, rows, staged);
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
    const b = r * W;
    for (let w = 0; w < W; w++) staged[o + w] = data[b + w]!;
  }
  return missing;
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

function wordsOf(a: Vec['values']): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.byteLength >> 2);
}
