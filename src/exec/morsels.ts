/** Cutting a frame into morsels: row ranges and the chunk pieces of each column inside them (no copies). */
import type { VecKind } from '../../kernels/vec.js';
import { DEFAULT_MORSEL_SIZE } from '../physical/options.js';
import type { MorselColumn, MorselDesc, PieceDesc } from '../pool/protocol.js';
import type { ChunkData } from '../table/chunk.js';
import type { Table } from '../table/table.js';

/** The morsels of one frame: `starts` has count + 1 row boundaries. */
export interface Morsels {
  readonly count: number;
  readonly height: number;
  readonly starts: readonly number[];
  /** The descriptor of morsel i over the given columns. */
  get(i: number): MorselDesc;
}

/**
 * Morsel boundaries: every `morselSize` rows when given; otherwise the first column's chunks, with
 * neighbouring small chunks joined and oversized ones split, so morsels stay near 64K rows.
 * Boundaries depend only on the data and the morsel size, never on the thread count. Where
 * `stored[k]` is true, column `names[k]` is read as stored (see `Column.stored`: a caller that
 * only moves its rows and reads them through its stored dictionary).
 *
 * @example
 * const m = planMorsels(df, ['v1'], ['i32'], 1000);
 * m.get(0).rows; // 1000
 */
export function planMorsels(
  frame: Table,
  names: readonly string[],
  kinds: readonly VecKind[],
  morselSize: number | null,
  stored: readonly boolean[] = [],
): Morsels {
  const height = frame.height;
  const starts = boundaries(frame, morselSize);
  const cols = names.map((n, k) => {
    const c = frame.getColumn(n);
    return stored[k] === true ? c.stored.chunks : c.chunks;
  });
  const offsets = cols.map(chunkStarts);
  return {
    count: starts.length - 1,
    height,
    starts,
    get(i: number): MorselDesc {
      const s = starts[i]!;
      const e = starts[i + 1]!;
      const columns: MorselColumn[] = cols.map((c, k) => ({ kind: kinds[k]!, pieces: piecesOf(c, offsets[k]!, s, e) }));
      return { index: i, rows: e - s, rowBase: s, columns };
    },
  };
}

function boundaries(frame: Table, morselSize: number | null): number[] {
  const height = frame.height;
  const out = [0];
  if (morselSize !== null) {
    for (let s = morselSize; s < height; s += morselSize) out.push(s);
    if (height > 0) out.push(height);
    return out;
  }
  const first = frame.getColumns()[0];
  if (first === undefined || height === 0) return height > 0 ? [0, height] : out;
  let at = 0;
  let acc = 0;
  // the stored chunks: a keyed form has the same lengths, and need not be made here
  for (const c of first.stored.chunks) {
    const len = c.length;
    if (len === 0) continue;
    if (len > 2 * DEFAULT_MORSEL_SIZE) {
      if (acc > 0) out.push(at);
      acc = 0;
      const parts = Math.ceil(len / DEFAULT_MORSEL_SIZE);
      for (let p = 1; p < parts; p++) out.push(at + Math.round((len * p) / parts));
      at += len;
      out.push(at);
      continue;
    }
    if (acc > 0 && acc + len > DEFAULT_MORSEL_SIZE) {
      out.push(at);
      acc = 0;
    }
    acc += len;
    at += len;
  }
  if (out[out.length - 1] !== height) out.push(height);
  return out;
}

function chunkStarts(chunks: readonly ChunkData[]): number[] {
  const s = [0];
  for (const ch of chunks) s.push(s[s.length - 1]! + ch.length);
  return s;
}

function piecesOf(chunks: readonly ChunkData[], starts: readonly number[], s: number, e: number): PieceDesc[] {
  // binary search for the chunk holding row s
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= s) lo = mid;
    else hi = mid - 1;
  }
  const out: PieceDesc[] = [];
  for (let k = lo; k < chunks.length && starts[k]! < e; k++) {
    const chunk = chunks[k]!;
    const a = Math.max(s, starts[k]!) - starts[k]!;
    const b = Math.min(e, starts[k + 1]!) - starts[k]!;
    if (b > a) out.push({ chunk, start: a, end: b });
  }
  return out;
}
