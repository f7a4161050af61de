/** Helpers for aggregations that gather values per group (quantiles, distinct counts, kept rows). */
import type { AggState, ListPart } from './state.js';
import { offsetsOf } from './state.js';

/** Remember that `src`'s lists went to groups `dstIdx` (copied: callers reuse their index buffers). */
export function recordSource(dst: AggState, src: AggState, dstIdx: Int32Array, srcStart: number, n: number): void {
  if (src.parts.length === 0) return;
  const idx = dstIdx.slice(0, n);
  for (const part of src.parts) dst.sources.push({ part, srcStart, dstIdx: idx, n });
}

/**
 * Items per destination group over every recorded source, as CSR offsets, with a callback that
 * visits (group, part, first, end) for each source slice in merge order.
 */
export function gatherOffsets(s: AggState, groups: number, width: number): Int32Array {
  const counts = new Int32Array(groups);
  for (const src of s.sources) {
    const off = src.part.offsets;
    const dst = src.dstIdx;
    const base = src.srcStart;
    for (let j = 0; j < src.n; j++) counts[dst[j]!]! += (off[base + j + 1]! - off[base + j]!) / width;
  }
  return offsetsOf(counts, groups);
}

/** Visit every gathered slice in merge order: `visit(group, part, start, end)` (item positions in the part). */
export function forEachSlice(s: AggState, visit: (g: number, part: ListPart, start: number, end: number) => void): void {
  for (const src of s.sources) {
    const off = src.part.offsets;
    for (let j = 0; j < src.n; j++) {
      const e = src.srcStart + j;
      const a = off[e]!;
      const b = off[e + 1]!;
      if (b > a) visit(src.dstIdx[j]!, src.part, a, b);
    }
  }
}

/** Per-group counts → CSR offsets and a cursor copy for filling. */
export function csr(counts: Int32Array, groups: number): { offsets: Int32Array; cursor: Int32Array } {
  const offsets = offsetsOf(counts, groups);
  return { offsets, cursor: offsets.slice(0, groups) };
}
