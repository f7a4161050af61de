/** Sort-merge tasks: merge a slice of every sorted run (ties to the lower run), then gather those rows. */
import { vecToChunk } from '../../../kernels/convert.js';
import { mergeRuns, type SortedRun } from '../../../kernels/sort.js';
import type { ChunkDesc, Vec, VecKind } from '../../../kernels/vec.js';
import type { CollectResult, SortMergeTask, SortRunResult } from '../protocol.js';

/**
 * Merge runs restricted to `order[lo[r]..hi[r])` of each run r. Slices cut at the same splitter in
 * every run merge independently, and their outputs concatenate into the global order.
 *
 * @example
 * const part = runSortMerge({ type: 'sortMerge', runs, descending: [true], nullsLast: [true], lo, hi, kinds });
 */
export function runSortMerge(t: SortMergeTask): CollectResult {
  const runs: SortedRun[] = t.runs.map((r, i) => ({ keys: r.keys, order: r.order.subarray(t.lo[i]!, t.hi[i]!) }));
  const merged = mergeRuns(runs, t.descending, t.nullsLast, t.limit ?? Infinity);
  return gatherRuns(t.runs, t.kinds, merged.run, merged.row);
}

/**
 * Rows `row[i]` of runs `run[i]`, as chunks of the given kinds.
 *
 * @example
 * gatherRuns(runs, ['f64'], Int32Array.of(1, 0), Int32Array.of(0, 3)); // row 0 of run 1, row 3 of run 0
 */
export function gatherRuns(runs: readonly SortRunResult[], kinds: readonly VecKind[], run: Int32Array, row: Int32Array): CollectResult {
  const n = run.length;
  const columns = kinds.map((kind, c) =>
    vecToChunk(
      gatherChunks(
        runs.map((r) => r.columns[c]!),
        kind,
        run,
        row,
        n,
      ),
    ),
  );
  return { rows: n, columns };
}

function bit(bits: Uint8Array, i: number): number {
  return (bits[i >> 3]! >> (i & 7)) & 1;
}

function gatherChunks(chunks: readonly ChunkDesc[], kind: VecKind, run: Int32Array, row: Int32Array, n: number): Vec {
  let valid: Uint8Array | null = null;
  if (chunks.some((c) => c.validity !== null && c.nullCount > 0)) {
    valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = chunks[run[i]!]!.validity;
      valid[i] = v === null ? 1 : bit(v, row[i]!);
    }
  }
  if (kind === 'bool') {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = bit(chunks[run[i]!]!.values as Uint8Array, row[i]!);
    return { kind, length: n, values: out, valid };
  }
  if (kind === 'i32') {
    const out = new Int32Array(n);
    const views = chunks.map((c) => c.values as Int32Array);
    for (let i = 0; i < n; i++) out[i] = views[run[i]!]![row[i]!]!;
    return { kind, length: n, values: out, valid };
  }
  const out = kind === 'f64' ? new Float64Array(n) : new BigInt64Array(n);
  const words = new Int32Array(out.buffer);
  const views = chunks.map((c) => new Int32Array(c.values.buffer, c.values.byteOffset, c.values.length * 2));
  for (let i = 0; i < n; i++) {
    const w = views[run[i]!]!;
    const g = row[i]! * 2;
    words[2 * i] = w[g]!;
    words[2 * i + 1] = w[g + 1]!;
  }
  return { kind, length: n, values: out, valid };
}
