/** Gather tasks: interleave the groups of several buckets back into first-appearance order, as output chunks. */
import { vecToChunk } from '../../../kernels/convert.js';
import { radixOrder } from '../../../kernels/sort/radix.js';
import type { ChunkDesc, Vec, VecKind } from '../../../kernels/vec.js';
import type { CollectResult, GatherTask } from '../protocol.js';

/**
 * Each part is ordered by first row, and first rows are distinct, so a group's output position is
 * its first row's rank among all the parts' selected groups.
 *
 * @example
 * const out = runGather({ type: 'gather', parts, lo: [0, 0], hi: [10, 4], rowStart: 0, rowEnd: 65536 }); // 14 rows
 */
export function runGather(t: GatherTask): CollectResult {
  const parts = t.parts;
  let total = 0;
  for (let p = 0; p < parts.length; p++) total += t.hi[p]! - t.lo[p]!;
  const posOf = parts.map((_, p) => new Int32Array(t.hi[p]! - t.lo[p]!));
  if (total * 8 < t.rowEnd - t.rowStart) positionsBySort(t, posOf, total);
  else positionsByRow(t, posOf);
  const ncols = parts[0]?.columns.length ?? 0;
  const columns: ChunkDesc[] = [];
  for (let c = 0; c < ncols; c++) {
    const srcs = parts.map((p) => p.columns[c]!);
    columns.push(vecToChunk(scatterVec(srcs, t.lo, posOf, total)));
  }
  return { rows: total, columns };
}

/**
 * Output position of every group when groups are dense among the rows: place each at its first
 * row's offset, then number the occupied offsets in order (linear in rows + groups).
 */
function positionsByRow(t: GatherTask, posOf: Int32Array[]): void {
  const span = t.rowEnd - t.rowStart;
  const groupAt = new Int32Array(span).fill(-1);
  const partAt = new Uint8Array(span);
  for (let p = 0; p < t.parts.length; p++) {
    const fr = t.parts[p]!.firstRow;
    for (let g = t.lo[p]!; g < t.hi[p]!; g++) {
      const off = fr[g]! - t.rowStart;
      groupAt[off] = g;
      partAt[off] = p;
    }
  }
  let k = 0;
  for (let off = 0; off < span; off++) {
    const g = groupAt[off]!;
    if (g >= 0) {
      const p = partAt[off]!;
      posOf[p]![g - t.lo[p]!] = k++;
    }
  }
}

/** Output positions when groups are sparse among the rows: a radix sort of their (distinct) first rows. */
function positionsBySort(t: GatherTask, posOf: Int32Array[], total: number): void {
  const keys = new Uint32Array(total);
  const part = new Int32Array(total);
  let k = 0;
  for (let p = 0; p < t.parts.length; p++) {
    const fr = t.parts[p]!.firstRow;
    for (let g = t.lo[p]!; g < t.hi[p]!; g++) {
      keys[k] = fr[g]!;
      part[k++] = p;
    }
  }
  const order = radixOrder([keys], total);
  const cursor = t.lo.map(() => 0);
  for (let i = 0; i < total; i++) {
    const p = part[order[i]!]!;
    posOf[p]![cursor[p]!++] = i;
  }
}

/** Row `posOf[p][j]` of the result is row `lo[p] + j` of `srcs[p]` (a permutation of the selected rows). */
function scatterVec(srcs: readonly Vec[], lo: readonly number[], posOf: readonly Int32Array[], n: number): Vec {
  const kind: VecKind = srcs[0]!.kind;
  const values = allocShared(kind, n);
  let valid: Uint8Array | null = null;
  if (srcs.some((s) => s.valid !== null)) {
    valid = new Uint8Array(new SharedArrayBuffer(n));
    for (let p = 0; p < srcs.length; p++) {
      const v = srcs[p]!.valid;
      const pos = posOf[p]!;
      const base = lo[p]!;
      if (v === null) for (let j = 0; j < pos.length; j++) valid[pos[j]!] = 1;
      else for (let j = 0; j < pos.length; j++) valid[pos[j]!] = v[base + j]!;
    }
  }
  for (let p = 0; p < srcs.length; p++) {
    const src = srcs[p]!.values;
    const pos = posOf[p]!;
    const base = lo[p]!;
    if (kind === 'f64' || kind === 'i64') scatterWords(wordsOf(src), wordsOf(values), pos, base);
    else if (kind === 'i32') scatterI32(src as Int32Array, values as Int32Array, pos, base);
    else scatterU8(src as Uint8Array, values as Uint8Array, pos, base);
  }
  return { kind, length: n, values, valid };
}

function scatterWords(src: Int32Array, out: Int32Array, pos: Int32Array, base: number): void {
  for (let j = 0; j < pos.length; j++) {
    const d = 2 * pos[j]!;
    const s = 2 * (base + j);
    out[d] = src[s]!;
    out[d + 1] = src[s + 1]!;
  }
}

function scatterI32(src: Int32Array, out: Int32Array, pos: Int32Array, base: number): void {
  for (let j = 0; j < pos.length; j++) out[pos[j]!] = src[base + j]!;
}

function scatterU8(src: Uint8Array, out: Uint8Array, pos: Int32Array, base: number): void {
  for (let j = 0; j < pos.length; j++) out[pos[j]!] = src[base + j]!;
}

function wordsOf(a: Vec['values']): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.byteLength >> 2);
}

function allocShared(kind: VecKind, n: number): Vec['values'] {
  switch (kind) {
    case 'i32':
      return new Int32Array(new SharedArrayBuffer(n * 4));
    case 'f64':
      return new Float64Array(new SharedArrayBuffer(n * 8));
    case 'i64':
      return new BigInt64Array(new SharedArrayBuffer(n * 8));
    case 'bool':
      return new Uint8Array(new SharedArrayBuffer(n));
  }
}
